package io.perpspot.engine.exec;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom}, without allocation (Box–Muller, one value per call). */
public final class Gaussian {
    private static final double TWO_PI = 2 * Math.PI;

    private Gaussian() {
    }

    /** One N(0, 1) draw; consumes exactly two uniforms. */
    public static double next(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }
}
