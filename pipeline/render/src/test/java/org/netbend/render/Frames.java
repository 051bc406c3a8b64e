package org.netbend.render;

import org.netbend.core.Latent;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;

/** Small helpers for the pipeline tests. */
final class Frames {
    private Frames() { }

    /** A bender that records a copy of the final latent (layer == layers) and nothing else. */
    static final class FinalLatent implements LatentBender {
        Latent value;

        @Override
        public void bend(int layer, int layers, Latent latent) {
            if (layer == layers) {
                value = latent.copy();
            }
        }
    }

    /** Adds {@code amount} to every element at {@code atLayer} (-1 = the final latent). */
    static LatentBender addAt(int atLayer, float amount) {
        return (layer, layers, latent) -> {
            if (layer == (atLayer < 0 ? layers : atLayer)) {
                float[] d = latent.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] += amount;
                }
            }
        };
    }

    static LatentBender chain(LatentBender first, LatentBender second) {
        return (layer, layers, latent) -> {
            first.bend(layer, layers, latent);
            second.bend(layer, layers, latent);
        };
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double rms(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }

    static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Mean absolute difference of two images, in 0..255 levels. */
    static double pixelDifference(RgbImage a, RgbImage b) {
        double s = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            s += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        }
        return s / a.pixels().length;
    }

    /** Mean of channel c (0 = R, 1 = G, 2 = B) in 0..255. */
    static double channelMean(RgbImage image, int c) {
        double s = 0;
        byte[] p = image.pixels();
        for (int i = c; i < p.length; i += 3) {
            s += p[i] & 0xff;
        }
        return s / (p.length / 3.0);
    }

    /** Pearson correlation of the two images' gradient magnitudes (summed over R, G, B): where the edges are. */
    static double edgeCorrelation(RgbImage a, RgbImage b) {
        double[] ea = edges(a);
        double[] eb = edges(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < ea.length; i++) {
            ma += ea[i] / ea.length;
            mb += eb[i] / eb.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < ea.length; i++) {
            sab += (ea[i] - ma) * (eb[i] - mb);
            saa += (ea[i] - ma) * (ea[i] - ma);
            sbb += (eb[i] - mb) * (eb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] edges(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double[] out = new double[(w - 1) * (h - 1)];
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                double g = 0;
                g += Math.abs(image.red(x + 1, y) - image.red(x, y)) + Math.abs(image.red(x, y + 1) - image.red(x, y));
                g += Math.abs(image.green(x + 1, y) - image.green(x, y)) + Math.abs(image.green(x, y + 1) - image.green(x, y));
                g += Math.abs(image.blue(x + 1, y) - image.blue(x, y)) + Math.abs(image.blue(x, y + 1) - image.blue(x, y));
                out[y * (w - 1) + x] = g;
            }
        }
        return out;
    }
}
