package org.netbend.render.schedule;

/**
 * diffusers' {@code timestep_spacing} options, computed as numpy does (round half to even, {@code arange} with a
 * float step, {@code linspace} with an exact last point). All return the timesteps noisiest first.
 */
final class TimestepSpacing {
    private TimestepSpacing() { }

    static void requireSteps(int steps, int train) {
        if (steps < 1 || steps > train) {
            throw new IllegalArgumentException("steps must be between 1 and " + train + ", got " + steps);
        }
    }

    /** {@code (arange(steps) * (train // steps)).round()[::-1] + offset}. */
    static double[] leading(int steps, int train, int offset) {
        int ratio = train / steps;
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            t[i] = (steps - 1 - i) * ratio + offset;
        }
        return t;
    }

    /** {@code round(arange(train, 0, -train / steps)) - 1}. */
    static double[] trailing(int steps, int train) {
        double step = (double) train / steps;
        int count = (int) Math.ceil(-train / -step); // numpy's arange length
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = Math.rint(train - i * step) - 1;
        }
        return t;
    }

    /** {@code linspace(0, train - 1, steps)[::-1]}, not rounded (Euler keeps fractional timesteps). */
    static double[] linspace(int steps, int train) {
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            t[steps - 1 - i] = linspace(0, train - 1, steps, i);
        }
        return t;
    }

    /** numpy's linspace point: {@code start + i * ((stop - start) / (n - 1))}, the last point exactly stop. */
    static double linspace(double start, double stop, int n, int i) {
        if (n == 1) {
            return start;
        }
        return i == n - 1 ? stop : start + i * ((stop - start) / (n - 1));
    }

    static double[] rounded(double[] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = Math.rint(t[i]);
        }
        return r;
    }

    /** What an int64 U-Net input gets from a fractional timestep: numpy's astype(int64), truncation. */
    static int[] toInts(double[] t) {
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = (int) t[i];
        }
        return out;
    }

    /** Karras et al.'s sigmas, as diffusers' {@code _convert_to_karras} (rho 7) from sigma_max to sigma_min. */
    static double[] karras(double sigmaMin, double sigmaMax, int steps) {
        double rho = 7.0;
        double minInv = Math.pow(sigmaMin, 1 / rho);
        double maxInv = Math.pow(sigmaMax, 1 / rho);
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) {
            double ramp = linspace(0, 1, steps, i);
            s[i] = Math.pow(maxInv + ramp * (minInv - maxInv), rho);
        }
        return s;
    }
}
