package org.pensim.simulations.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;

class ReplicationsTest {

    private static JsonNode summary(long seed, double shareBefore, double kg) throws Exception {
        return ProtocolJson.parse("""
                {"seed": %d, "manifest": {},
                 "methods": {"POST_COURIER": {"attempts": 10, "detected": 5, "detectionRate": 0.5, "detectionRateCi": [0.2, 0.8],
                   "shareFlaggedBeforeDispatch": %s, "shareFlaggedBeforeDispatchCi": [0.1, 1.0],
                   "timeToFlagHours": {"median": null, "medianCi": [null, null], "p90": %s, "p90Ci": [1.0, 900.0]},
                   "kgDiverted": "%s", "kgDivertedCi": [1.0, 900.0]}}}
                """.formatted(seed, shareBefore, 10 * kg, kg));
    }

    @Test
    void a_shares_interval_stays_within_0_and_1_whatever_its_name() throws Exception {
        ObjectNode agg = Replications.aggregate(List.of(summary(1, 0.95, 10), summary(2, 0.2, 400), summary(3, 0.9, 30)));
        JsonNode share = agg.at("/measures/methods.POST_COURIER.shareFlaggedBeforeDispatch");
        assertThat(share.path("mean").asDouble()).isBetween(0.68, 0.69);
        assertThat(share.path("ciHigh").asDouble()).as("a t interval would reach 1.6").isEqualTo(1.0);
        assertThat(share.path("ciLow").asDouble()).isGreaterThanOrEqualTo(0);
        // Kilograms and hours have an interval beside them in a summary too, and are no shares: their bound is not 1.
        JsonNode kg = agg.at("/measures/methods.POST_COURIER.kgDiverted");
        assertThat(kg.path("ciHigh").asDouble()).as("kilograms are not a share").isGreaterThan(kg.path("mean").asDouble());
        JsonNode hours = agg.at("/measures/methods.POST_COURIER.timeToFlagHours.p90");
        assertThat(hours.path("ciHigh").asDouble()).as("hours are not a share").isGreaterThan(hours.path("mean").asDouble());
    }

    @Test
    void a_measure_undefined_in_every_replication_is_still_listed_with_its_note() throws Exception {
        ObjectNode agg = Replications.aggregate(List.of(summary(1, 0.5, 10), summary(2, 0.6, 20)));
        JsonNode median = agg.at("/measures/methods.POST_COURIER.timeToFlagHours.median");
        assertThat(median.isMissingNode()).as("listed").isFalse();
        assertThat(median.get("mean").isNull()).isTrue();
        assertThat(median.path("note").asText()).contains("undefined");
        assertThat(Replications.measures(summary(1, 0.5, 10))).as("measures() keeps to defined values")
                .doesNotContainKey("methods.POST_COURIER.timeToFlagHours.median");
    }
}
