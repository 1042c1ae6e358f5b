package org.pensim.simulations.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.pensim.simulations.scenario.ScenarioLoader;

/** The published figures a baseline must reproduce: {@code calibration/targets.yaml}, or a file of the user's. */
public record CalibrationTargets(List<Target> targets) {

    /** One published figure and the run measure compared with it. */
    public record Target(String id, String measure, String description, double value, String unit, String source,
            int year, String confidence, double tolerance) {

        /** Firm and approximate figures are trusted; uncertain ones only bound the world loosely. */
        public boolean trusted() {
            return !"uncertain".equals(confidence);
        }
    }

    public static CalibrationTargets standard() {
        try (InputStream in = CalibrationTargets.class.getResourceAsStream("/calibration/targets.yaml")) {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readValue(in, CalibrationTargets.class);
        } catch (IOException e) {
            throw new IllegalStateException("calibration/targets.yaml is missing from the build", e);
        }
    }

    public static CalibrationTargets read(Path file) {
        CalibrationTargets t = ScenarioLoader.read(file, CalibrationTargets.class);
        if (t.targets() == null || t.targets().isEmpty()) {
            throw new ScenarioLoader.ScenarioException(file + ": give a list of targets under 'targets:'");
        }
        for (Target x : t.targets()) {
            if (x.id() == null || x.measure() == null || x.source() == null) {
                throw new ScenarioLoader.ScenarioException(file + ": every target needs an id, a measure and a source");
            }
            if (x.value() == 0) {
                throw new ScenarioLoader.ScenarioException(file + ": target " + x.id()
                        + ": a published value of 0 has no relative difference; give the figure itself");
            }
            if (x.confidence() == null || !List.of("firm", "approximate", "uncertain").contains(x.confidence())) {
                throw new ScenarioLoader.ScenarioException(file + ": target " + x.id()
                        + ": confidence must be firm, approximate or uncertain, not '" + x.confidence() + "'");
            }
            if (x.tolerance() <= 0) {
                throw new ScenarioLoader.ScenarioException(file + ": target " + x.id() + ": tolerance must be more than 0");
            }
        }
        return t;
    }
}
