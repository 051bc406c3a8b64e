package org.netbend.render;

/** Blends two text embeddings (flattened tensors of equal size). */
final class EmbeddingBlend {
    private EmbeddingBlend() { }

    /** Σ w_i e_i, in double, prompt by prompt in order (deterministic). */
    static float[] weighted(java.util.List<float[]> embeddings, java.util.List<Double> weights) {
        double[] sum = new double[embeddings.get(0).length];
        for (int k = 0; k < embeddings.size(); k++) {
            float[] e = embeddings.get(k);
            double w = weights.get(k);
            if (e.length != sum.length) {
                throw new IllegalArgumentException("embeddings differ in size: " + e.length + " vs " + sum.length);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w * e[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) sum[i];
        }
        return out;
    }

    static float[] blend(float[] a, float[] b, double t, Interpolation how) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings differ in size: " + a.length + " vs " + b.length);
        }
        double wa = 1 - t;
        double wb = t;
        if (how == Interpolation.SLERP) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                na += (double) a[i] * a[i];
                nb += (double) b[i] * b[i];
            }
            double cos = dot / Math.sqrt(na * nb);
            double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
            double sin = Math.sin(theta);
            if (sin > 1e-6) { // nearly parallel embeddings: slerp is lerp
                wa = Math.sin((1 - t) * theta) / sin;
                wb = Math.sin(t * theta) / sin;
            }
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (wa * a[i] + wb * b[i]);
        }
        return out;
    }
}
