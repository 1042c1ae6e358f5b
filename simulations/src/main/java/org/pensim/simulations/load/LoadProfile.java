package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A load-test profile (YAML, examples in {@code simulations/load/}): the topology, the offered rate and
 * its shape, and the faults to inject.
 *
 * @param shape  {@code constant} (rate), {@code ramp} (rate to rampTo over the duration) or {@code burst}
 *               (rate, with rampTo for the middle third)
 */
public record LoadProfile(String name, int members, int exporters, int importers, String shape, double rate,
        double rampTo, int durationSeconds, int drainSeconds, List<Fault> faults) {

    /** A fault at a time: kill or restart a registry member. */
    public record Fault(double atSeconds, String action, int member) {
    }

    public static LoadProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try {
            LoadProfile p = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), LoadProfile.class);
            if (p.members() < 1 || p.exporters() < 1 || p.importers() < 1 || p.rate() <= 0 || p.durationSeconds() < 1) {
                throw new IllegalArgumentException(file + ": members, exporters, importers, rate and durationSeconds must be positive");
            }
            if (!List.of("constant", "ramp", "burst").contains(p.shape())) {
                throw new IllegalArgumentException(file + ": shape must be constant, ramp or burst, not " + p.shape());
            }
            for (Fault f : p.faults() == null ? List.<Fault>of() : p.faults()) {
                if (!List.of("kill", "restart").contains(f.action()) || f.member() < 0 || f.member() >= p.members()) {
                    throw new IllegalArgumentException(file + ": a fault is kill or restart of a member 0.." + (p.members() - 1));
                }
            }
            return p;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The offered rate (per second) at a time into the run. */
    public double rateAt(double seconds) {
        double f = seconds / durationSeconds;
        return switch (shape) {
            case "ramp" -> rate + (rampTo - rate) * Math.min(1, f);
            case "burst" -> f > 1.0 / 3 && f < 2.0 / 3 ? rampTo : rate;
            default -> rate;
        };
    }
}
