package org.netbend.render.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final DdimScheduler ddim = DdimScheduler.stableDiffusionV1();
    private final NoiseSchedule schedule = ddim.schedule();

    /** alphas_cumprod by brute force in 40-digit decimal arithmetic: prod (1 - beta_s), beta as SD v1 defines it. */
    private static double bruteForceAlphaCumprod(int t) {
        MathContext mc = new MathContext(40);
        BigDecimal lo = new BigDecimal(Math.sqrt(0.00085));
        BigDecimal hi = new BigDecimal(Math.sqrt(0.012));
        BigDecimal product = BigDecimal.ONE;
        for (int s = 0; s <= t; s++) {
            BigDecimal b = lo.add(hi.subtract(lo).multiply(BigDecimal.valueOf(s)).divide(BigDecimal.valueOf(999), mc));
            product = product.multiply(BigDecimal.ONE.subtract(b.multiply(b, mc)), mc);
        }
        return product.doubleValue();
    }

    @Test
    void alphasCumprodMatchesAnIndependentComputation() {
        for (int t : new int[] {0, 1, 20, 500, 981, 999}) {
            assertEquals(bruteForceAlphaCumprod(t), schedule.alphaCumprod(t), 1e-12, "t=" + t);
        }
        // well-known SD v1 values: a_0 = 1 - 0.00085; a_999 ~ 0.00466 (sqrt ~ 0.068)
        assertEquals(0.99915, schedule.alphaCumprod(0), 1e-12);
        assertEquals(0.0046600, schedule.alphaCumprod(999), 1e-6);
        assertEquals(0.012, schedule.beta(999), 1e-15);
    }

    @Test
    void fiftyStepsAreLeadingWithOffsetOne() {
        int[] t = ddim.timesteps(50);
        int[] expected = new int[50];
        for (int i = 0; i < 50; i++) {
            expected[i] = 981 - 20 * i;
        }
        assertArrayEquals(expected, t);
        assertEquals(981, t[0]);
        assertEquals(1, t[49]);
        // 1000 // 30 = 33: 958, 925, ..., 1
        int[] thirty = ddim.timesteps(30);
        assertEquals(29 * 33 + 1, thirty[0]);
        assertEquals(1, thirty[29]);
    }

    @Test
    void stepCountsThatRunPastTheScheduleAreRefusedClearly() {
        assertEquals(999, ddim.timesteps(999)[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ddim.timesteps(1000));
        assertEquals("DDIM with leading spacing and steps_offset 1 supports at most 999 steps, got 1000", e.getMessage());
    }

    @Test
    void oneDdimStepDoesDiffusersArithmetic() {
        // t = 981 -> prev 961: x0 = (x - sqrt(1-a) e) / sqrt(a); prev = sqrt(a') x0 + sqrt(1-a') e, in float32
        int[] t = ddim.timesteps(50);
        float x = 0.8f;
        float e = -0.3f;
        float a = (float) bruteForceAlphaCumprod(981);
        float ap = (float) bruteForceAlphaCumprod(961);
        float x0 = (x - (float) Math.sqrt(1f - a) * e) / (float) Math.sqrt(a);
        float expected = (float) Math.sqrt(ap) * x0 + (float) Math.sqrt(1f - ap) * e;
        float[] latent = {x};
        ddim.step(t, 0, 50, new float[] {e}, latent);
        assertEquals(expected, latent[0], 0f);
        // worked out separately in double precision (Python): a = 0.00577550, a' = 0.00728173,
        // x0 = 14.4628945, prev = 0.93525696
        assertEquals(0.00577550, a, 1e-8);
        assertEquals(0.00728173, ap, 1e-8);
        assertEquals(0.93525696, latent[0], 1e-6);
    }

    @Test
    void lastDdimStepGoesToAlphaZeroNotOne() {
        int[] t = ddim.timesteps(50);
        float[] latent = {0.5f};
        ddim.step(t, 49, 50, new float[] {0.1f}, latent);
        double a = schedule.alphaCumprod(1);
        double a0 = 0.99915; // set_alpha_to_one = false
        double x0 = (0.5 - Math.sqrt(1 - a) * 0.1) / Math.sqrt(a);
        assertEquals(Math.sqrt(a0) * x0 + Math.sqrt(1 - a0) * 0.1, latent[0], 1e-6);
    }

    @Test
    void addNoiseIsTheForwardProcess() {
        float[] x = {1f, -2f};
        ddim.start(2, 0).addNoise(x, new float[] {0.5f, 0.25f}); // 2 leading steps: 501, 1
        double a = schedule.alphaCumprod(501);
        assertEquals(Math.sqrt(a) + Math.sqrt(1 - a) * 0.5, x[0], 1e-6);
        assertEquals(-2 * Math.sqrt(a) + Math.sqrt(1 - a) * 0.25, x[1], 1e-6);
    }

    @Test
    void badNamesAndStepCountsAreClear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scheduler.named("pndm", SchedulerConfig.STABLE_DIFFUSION_V1));
        assertEquals("unknown scheduler 'pndm' (supported: ddim, euler, euler-ancestral, dpm++2m, dpm++2m-karras, lcm)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ddim.timesteps(0));
        assertEquals("euler", Scheduler.named("Euler", SchedulerConfig.STABLE_DIFFUSION_V1).name());
    }
}
