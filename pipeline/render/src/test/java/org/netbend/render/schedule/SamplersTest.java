package org.netbend.render.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every scheduler against values worked out independently: diffusers' set_timesteps and step arithmetic
 * re-stated in 40-digit decimals (mpmath), each in the scheduler's own space (Euler's sigma-scaled latent, DPM's
 * and LCM's variance-preserving one), run once outside the project. The stand-in U-Net predicts
 * {@code out = 0.5 x + 0.1} from its (variance-preserving) input x; runs start from unit noise 0.8; ancestral and
 * LCM steps add noise {@code 0.1 (i + 1) - 0.25} at step i. SD v1's schedule throughout unless said.
 */
class SamplersTest {
    private static final SchedulerConfig V1 = SchedulerConfig.STABLE_DIFFUSION_V1;
    private static final Scheduler.StepNoise NOISE = i -> new float[] {(float) (0.1 * (i + 1) - 0.25)};

    /** The whole txt2img run on one latent element; returns the final latent. */
    private static double run(Scheduler scheduler, int steps) {
        float[] x = {(float) (0.8 * scheduler.initialNoiseScale(steps))};
        Scheduler.Run run = scheduler.start(steps, 0);
        for (int k = 0; k < steps; k++) {
            run.step(k, new float[] {0.5f * x[0] + 0.1f}, x, NOISE);
        }
        return x[0];
    }

    @Test
    void betaSchedules() {
        NoiseSchedule scaled = NoiseSchedule.stableDiffusionV1();
        assertEquals(0.27633268382297477, scaled.alphaCumprod(500), 1e-12);
        NoiseSchedule linear = NoiseSchedule.of(SchedulerConfig.of(Map.of("beta_schedule", "linear")));
        assertEquals(0.9999, linear.alphaCumprod(0), 1e-12); // diffusers' defaults 0.0001 .. 0.02
        assertEquals(0.0777966583650239, linear.alphaCumprod(500), 1e-12);
        assertEquals(4.0358297653756835e-05, linear.alphaCumprod(999), 1e-15);
        NoiseSchedule cosine = NoiseSchedule.of(SchedulerConfig.of(Map.of("beta_schedule", "squaredcos_cap_v2")));
        assertEquals(0.9999587157751783, cosine.alphaCumprod(0), 1e-12);
        assertEquals(0.4922851724488026, cosine.alphaCumprod(500), 1e-12);
        assertEquals(2.4287669070344683e-09, cosine.alphaCumprod(999), 1e-18);
        double[] trained = new double[] {0.1, 0.2, 0.3};
        assertEquals(0.9 * 0.8 * 0.7, NoiseSchedule.of(SchedulerConfig.of(Map.of("trained_betas", trained)))
                .alphaCumprod(2), 1e-15);
    }

    @Test
    void ddimSpacingsAndPredictionTypes() {
        Scheduler trailing = new DdimScheduler(V1.with("timestep_spacing", "trailing"));
        assertArrayEquals(new int[] {999, 749, 499, 249}, trailing.timesteps(4));
        assertArrayEquals(new int[] {999, 666, 332}, trailing.timesteps(3));
        assertEquals(2.2405042891045786, run(trailing, 4), 2e-6);
        assertEquals(2.4405447934627187, run(trailing, 3), 2e-6);
        Scheduler linspace = new DdimScheduler(V1.with("timestep_spacing", "linspace"));
        assertArrayEquals(new int[] {999, 666, 333, 0}, linspace.timesteps(4));
        assertEquals(2.0212575473640597, run(linspace, 4), 2e-6);
        Scheduler v = new DdimScheduler(V1.with("prediction_type", "v_prediction"));
        assertArrayEquals(new int[] {751, 501, 251, 1}, v.timesteps(4));
        assertEquals(0.17114568882686082, run(v, 4), 2e-6);
    }

    @Test
    void ddimSampleAndClipping() {
        // prediction "sample": x0 is the output itself; with clip_sample it is clamped to the range first
        DdimScheduler sample = new DdimScheduler(V1.with("prediction_type", "sample").with("clip_sample", true)
                .with("clip_sample_range", 0.5));
        int[] t = sample.timesteps(50);
        float[] x = {0.8f};
        sample.step(t, 0, 50, new float[] {0.9f}, x);
        NoiseSchedule s = NoiseSchedule.stableDiffusionV1();
        double a = s.alphaCumprod(981);
        double prev = s.alphaCumprod(961);
        double eps = (0.8 - Math.sqrt(a) * 0.9) / Math.sqrt(1 - a); // from the unclipped x0, as diffusers
        assertEquals(Math.sqrt(prev) * 0.5 + Math.sqrt(1 - prev) * eps, x[0], 1e-6);
    }

    @Test
    void euler() {
        EulerScheduler linspace = new EulerScheduler(V1); // SD v1's config names no spacing: diffusers' linspace
        assertArrayEquals(new int[] {999, 666, 333, 0}, linspace.timesteps(4));
        assertArrayEquals(new double[] {14.614641229333635, 2.9183071154268267, 0.9323579668348458,
            0.029167158151720066, 0}, linspace.sigmas(4), 1e-9);
        assertEquals(2.3969683483700295, run(linspace, 4), 2e-6);
        EulerScheduler leading = new EulerScheduler(V1.with("timestep_spacing", "leading"));
        assertArrayEquals(new int[] {751, 501, 251, 1}, leading.timesteps(4));
        assertEquals(1.0265225901824901, run(leading, 4), 2e-6);
        EulerScheduler trailing = new EulerScheduler(V1.with("timestep_spacing", "trailing"));
        assertArrayEquals(new int[] {999}, trailing.timesteps(1)); // SD-turbo's one step
        assertEquals(4.398029408412058, run(trailing, 1), 2e-6);
    }

    @Test
    void eulerKarras() {
        EulerScheduler karras = new EulerScheduler(V1.with("use_karras_sigmas", true));
        assertArrayEquals(new double[] {14.614641229333635, 3.1686030729596104, 0.44691820937343735,
            0.029167158151720066, 0}, karras.sigmas(4), 1e-9);
        assertArrayEquals(new double[] {999.0, 687.1527460744253, 145.9380686057832, 0}, karras.exactTimesteps(4), 1e-6);
        assertArrayEquals(new int[] {999, 687, 145, 0}, karras.timesteps(4));
        assertEquals(2.55440073863944, run(karras, 4), 2e-6);
    }

    @Test
    void eulerAncestral() {
        Scheduler ancestral = Scheduler.named("euler-ancestral", V1);
        assertTrue(ancestral.drawsNoise());
        assertEquals(1.30008162691517, run(ancestral, 4), 2e-6);
    }

    @Test
    void dpmSolverPlusPlus2m() {
        Scheduler dpm = Scheduler.named("dpm++2m", V1);
        assertArrayEquals(new int[] {999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 500, 450, 400, 350, 300, 250,
            200, 150, 100, 50}, dpm.timesteps(20));
        assertEquals(1.6899822702724125, run(dpm, 20), 5e-6);
        assertArrayEquals(new int[] {999, 749, 500, 250}, dpm.timesteps(4));
        assertEquals(1.876794362185184, run(dpm, 4), 2e-6);
    }

    @Test
    void dpmSolverPlusPlus2mKarras() {
        Scheduler karras = Scheduler.named("dpm++2m-karras", V1);
        assertArrayEquals(new int[] {999, 962, 921, 876, 827, 772, 710, 640, 561, 474, 380, 285, 197, 123, 69, 35, 15,
            6, 2, 0}, karras.timesteps(20));
        assertEquals(1.6782974436533764, run(karras, 20), 5e-6);
        assertEquals(karras.timesteps(20)[1],
                new DpmSolverScheduler(V1.with("use_karras_sigmas", true), false).timesteps(20)[1]);
    }

    @Test
    void lcm() {
        Scheduler lcm = Scheduler.named("lcm", V1);
        assertArrayEquals(new int[] {999, 759, 499, 259}, lcm.timesteps(4));
        assertEquals(0.4213568088728281, run(lcm, 4), 2e-6);
        assertArrayEquals(new int[] {999}, lcm.timesteps(1));
        assertEquals(4.411730217428189, run(lcm, 1), 2e-6);
    }

    @Test
    void unsupportedOptionsAreNamed() {
        assertUnsupported(() -> new DdimScheduler(V1.with("timestep_spacing", "karras")), "timestep_spacing = karras");
        assertUnsupported(() -> new DdimScheduler(V1.with("thresholding", true)), "thresholding = true");
        assertUnsupported(() -> new DdimScheduler(V1.with("beta_schedule", "sigmoid")), "beta_schedule = sigmoid");
        assertUnsupported(() -> new DdimScheduler(V1.with("rescale_betas_zero_snr", true)), "rescale_betas_zero_snr");
        assertUnsupported(() -> new EulerScheduler(V1.with("prediction_type", "sample")), "prediction_type = sample");
        assertUnsupported(() -> new EulerScheduler(V1.with("interpolation_type", "log_linear")), "interpolation_type");
        assertUnsupported(() -> Scheduler.named("dpm++2m", V1.with("algorithm_type", "sde-dpmsolver++")),
                "algorithm_type = sde-dpmsolver++");
        assertUnsupported(() -> Scheduler.named("dpm++2m", V1.with("solver_order", 3)), "solver_order = 3");
        assertUnsupported(() -> Scheduler.named("ddim", V1.with("steps_offset", "one")), "steps_offset = \"one\"");
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Scheduler.named("lcm", V1).timesteps(51));
        assertTrue(tooMany.getMessage().contains("original_inference_steps"), tooMany.getMessage());
    }

    private static void assertUnsupported(org.junit.jupiter.api.function.Executable create, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().startsWith("the model's scheduler_config.json sets"), e.getMessage());
    }
}
