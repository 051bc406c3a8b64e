package org.netbend.bend;

/**
 * The element-wise formulas, one tight loop each: a loop per formula lets the JIT compile (and vectorise) it
 * on its own, where one loop calling a shared function per element turns megamorphic as soon as a few
 * operators have run. Every loop computes in double and rounds once to float, and with {@code cap} writes
 * {@link Finite#cap(float)} of that float. {@code a} is the parameter r (or lo for {@link #CLAMP}), {@code b}
 * is hi for {@link #CLAMP}. {@code in == out} is allowed.
 */
enum PointwiseKernel {
    ADD {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float v = (float) (in[i] + a);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    SUBTRACT {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float v = (float) (in[i] - a);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    MULTIPLY {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float v = (float) (in[i] * a);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    /** x where |x| >= r, else 0 (the reference code's threshold). */
    THRESHOLD {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float x = in[i];
                float v = Math.abs((double) x) >= a ? x : 0f;
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    /** 1 where x >= r, else 0: always finite, nothing to cap. */
    THRESHOLD_BINARY {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] >= a ? 1f : 0f;
            }
        }
    },
    /** sign(x) max(|x| - r, 0). */
    THRESHOLD_SOFT {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                double x = in[i];
                double shrunk = Math.abs(x) - a;
                // Math.max(shrunk, 0) without the intrinsic: NaN stays NaN, -0.0 and below become +0.0.
                float v = (float) Math.copySign(shrunk > 0 || shrunk != shrunk ? shrunk : 0.0, x);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    /** 1/r - x. */
    INVERSION {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            double shift = 1 / a;
            for (int i = 0; i < in.length; i++) {
                float v = (float) (shift - in[i]);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    /** sign(x) |x|^r, capped even inside a chain so a large exponent cannot overflow to infinity. */
    POWER {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                double x = in[i];
                out[i] = Finite.cap(Math.copySign(Math.pow(Math.abs(x), a), x));
            }
        }
    },
    /** sign(x) ln(1 + |x|). */
    LOG {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                double x = in[i];
                float v = (float) Math.copySign(Math.log1p(Math.abs(x)), x);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    ABS {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float v = Math.abs(in[i]);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    },
    /** max(lo, min(hi, x)) with lo = a, hi = b. */
    CLAMP {
        @Override void run(float[] in, float[] out, double a, double b, boolean cap) {
            for (int i = 0; i < in.length; i++) {
                float v = (float) clamp(in[i], a, b);
                out[i] = cap ? Finite.cap(v) : v;
            }
        }
    };

    abstract void run(float[] in, float[] out, double a, double b, boolean cap);

    /**
     * Math.max(lo, Math.min(hi, x)) for lo <= hi, with plain compares where they give the same bits: inside or
     * on a bound x itself (unless a signed zero could differ), beyond a bound that bound. The intrinsic Math.max/min
     * on double is several times slower on JDK 17 and is left for NaN and signed zeros.
     */
    private static double clamp(double x, double lo, double hi) {
        if (x >= lo && x <= hi && (x != 0 || (x > lo && x < hi))) {
            return x;
        }
        if (hi > lo) {
            if (x > hi) {
                return hi;
            }
            if (x < lo) {
                return lo;
            }
        }
        return Math.max(lo, Math.min(hi, x));
    }
}
