package org.pensim.simulations.engine;

import java.util.SplittableRandom;

/**
 * Independent random streams of a run, one per source, derived from the seed and the source's name: a
 * change to one source (an authority's policy, a campaign) leaves every other stream, and so the licit
 * trade, as it was.
 */
final class Streams {
    private final long seed;

    Streams(long seed) {
        this.seed = seed;
    }

    SplittableRandom of(String source) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (long) source.hashCode() * 0xC2B2AE3D27D4EB4FL);
    }
}
