package org.pensim.simulations.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunOutputsTest {

    @Test
    void instants_are_written_exactly_as_instant_to_string_writes_them() {
        SplittableRandom random = new SplittableRandom(42);
        int[] nanos = {0, 1, 999, 1_000, 120_000, 5_000_000, 123_000_000, 999_999_999, 100_000_000, 1_000_001};
        for (int i = 0; i < 20_000; i++) {
            // From before 1970 to 2200, and a few at the edges of what the fast path writes itself.
            long seconds = random.nextLong(-3_000_000_000L, 7_300_000_000L);
            Instant t = Instant.ofEpochSecond(seconds, nanos[i % nanos.length]);
            assertThat(RunOutputs.iso(t)).as("%d s %d ns", seconds, t.getNano()).isEqualTo(t.toString());
        }
        for (Instant t : new Instant[] {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX, Instant.parse("2026-03-01T08:00:00Z")}) {
            assertThat(RunOutputs.iso(t)).isEqualTo(t.toString());
        }
    }
}
