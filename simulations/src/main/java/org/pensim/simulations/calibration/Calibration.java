package org.pensim.simulations.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.Intervals;

/**
 * Compares a scenario's runs with the published figures: for each target, the simulated mean over seeds
 * with its Student-t interval, the relative difference from the published value and whether it is within
 * the target's tolerance.
 */
public final class Calibration {

    /** One line of the table. */
    public record Row(CalibrationTargets.Target target, Interval simulated, double relativeDifference, boolean within) {
    }

    private Calibration() {
    }

    /**
     * The comparison in one sentence, the verdict a reader looks for first: how many figures are within their
     * tolerance, and which trusted ones are not (uncertain figures only bound the world loosely, so they are named
     * apart). {@code oneSeed}: a single run, whose differences include its own noise.
     */
    public static String verdict(List<Row> rows, boolean oneSeed) {
        long within = rows.stream().filter(Row::within).count();
        List<String> trustedOutside = new ArrayList<>();
        List<String> uncertainOutside = new ArrayList<>();
        for (Row r : rows) {
            if (!r.within()) {
                String named = r.target().description() + " (" + String.format(java.util.Locale.ROOT, "%+.0f %%",
                        100 * r.relativeDifference()) + ")";
                (r.target().trusted() ? trustedOutside : uncertainOutside).add(named);
            }
        }
        StringBuilder v = new StringBuilder().append(within).append(" of ").append(rows.size())
                .append(rows.size() == 1 ? " figure" : " figures").append(" within tolerance");
        if (trustedOutside.isEmpty()) {
            v.append("; every trusted figure is");
        } else {
            v.append("; trusted figures outside: ").append(String.join("; ", trustedOutside));
        }
        if (!uncertainOutside.isEmpty()) {
            v.append("; uncertain figures outside: ").append(String.join("; ", uncertainOutside));
        }
        v.append(oneSeed ? ". One seed: run pensim calibrate for intervals over several before reading much into a difference."
                : ".");
        return v.toString();
    }

    /** {@code summaries}: one summary.json per seed. */
    public static List<Row> compare(CalibrationTargets targets, List<JsonNode> summaries) {
        List<Row> rows = new ArrayList<>();
        for (CalibrationTargets.Target t : targets.targets()) {
            double[] v = new double[summaries.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode m = summaries.get(i).path("calibration").get(t.measure());
                if (m == null || !m.isNumber()) {
                    throw new IllegalArgumentException("target " + t.id() + ": a run has no calibration measure '"
                            + t.measure() + "'");
                }
                v[i] = m.asDouble();
            }
            Interval sim = Intervals.mean(v, Intervals.DEFAULT_CONFIDENCE);
            double diff = (sim.estimate() - t.value()) / t.value();
            rows.add(new Row(t, sim, diff, Math.abs(diff) <= t.tolerance()));
        }
        return rows;
    }

    public static ObjectNode toJson(List<Row> rows, List<JsonNode> summaries) {
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.put("pensimVersion", org.pensim.simulations.measure.Manifest.version());
        out.put("commit", org.pensim.simulations.measure.Manifest.commit());
        ArrayNode seeds = out.putArray("seeds");
        summaries.forEach(s -> seeds.add(s.path("seed").asLong()));
        out.put("signatures", summaries.get(0).path("signatures").asText()); // docs/scenarios.md, "Citing a run"
        out.set("scenario", summaries.get(0).path("manifest").path("scenario").deepCopy());
        out.put("withinTolerance", "judged on the simulated mean; the interval says how far the seeds spread");
        ArrayNode a = out.putArray("targets");
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("id", r.target().id());
            o.put("measure", r.target().measure());
            o.put("published", r.target().value());
            o.put("unit", r.target().unit());
            o.put("source", r.target().source());
            o.put("year", r.target().year());
            o.put("confidence", r.target().confidence());
            o.put("tolerance", r.target().tolerance());
            o.put("simulatedMean", round(r.simulated().estimate()));
            ArrayNode ci = o.putArray("simulatedCi");
            ci.add(Double.isNaN(r.simulated().low()) ? null : round(r.simulated().low()));
            ci.add(Double.isNaN(r.simulated().high()) ? null : round(r.simulated().high()));
            o.put("relativeDifference", round(r.relativeDifference()));
            o.put("withinTolerance", r.within());
        }
        return out;
    }

    /** Three decimals, as every output gives its figures. */
    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
