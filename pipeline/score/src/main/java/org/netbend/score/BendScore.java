package org.netbend.score;

/**
 * How the picture answers one bend parameter.
 *
 * @param bend       the parameter's label: the bend's canonical spec ("#n" for the n-th of several)
 * @param constant   the track never changes (nothing to follow: both correlations are 0)
 * @param value      the picture's change against the track's value (a bend that adds while it is high)
 * @param step       the picture's change against the track's step |p[t] - p[t-1]| (a bend whose picture is a
 *                   function of the parameter changes as much as the parameter does)
 * @param reactivity the larger |r| of the two: how strongly the picture follows this parameter
 */
public record BendScore(String bend, boolean constant, Reactivity value, Reactivity step, double reactivity) {

    static BendScore of(String bend, double[] track, double[] change, int maxLag) {
        Reactivity value = Reactivity.best(change, track, maxLag);
        Reactivity step = Reactivity.best(change, Reactivity.steps(track), maxLag);
        boolean constant = isConstant(track);
        return new BendScore(bend, constant, value, step,
                Math.max(Math.abs(value.correlation()), Math.abs(step.correlation())));
    }

    static boolean isConstant(double[] track) {
        for (double v : track) {
            if (v != track[0]) {
                return false;
            }
        }
        return true;
    }
}
