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
 * @param suspiciousShare the share of notifications made to look like diversion (unknown trading company,
 *               transit through a hub of concern), which the importers should flag; default 0.1
 * @param registry a running cluster to drive instead of starting one (then {@code members} is ignored)
 * @param sustainableP99Ms the bound on the p99 of delivery and of time-to-flag within a reporting interval
 *               for the rate of that interval to count as sustained (see {@link SustainableRate}); default 1000
 * @param processes how many processes host the authorities: 1 (the default) hosts them in the driver;
 *               more starts that many {@code pensim load-agent} processes and deals the exporters and the
 *               importers round-robin over them
 * @param warmup  traffic sent before the measured run and kept out of its figures ({@link WarmUp}); none by default
 */
public record LoadProfile(String name, int members, int exporters, int importers, String shape, double rate,
        double rampTo, int durationSeconds, int drainSeconds, List<Fault> faults, Double suspiciousShare,
        External registry, Integer processes, Double sustainableP99Ms, WarmUp warmup) {

    /** At most this many agent processes: each is a JVM of its own. */
    static final int MAX_PROCESSES = 16;

    /** A longer warm-up is a run of its own. */
    static final int MAX_WARMUP_SECONDS = 600;

    /**
     * A fault at a time: {@code kill} or {@code restart} registry member {@code member}, or
     * {@code pause-importer} number {@code importer} for {@code seconds} (it stops reading its inbox).
     */
    public record Fault(double atSeconds, String action, Integer member, Integer importer, Double seconds) {
    }

    /**
     * A registry cluster started elsewhere: its members' HTTP addresses (host:port) and its
     * authority directory (the members' {@code authority.dir}: {@code ca.pem} and the operator's key and
     * certificate under {@code operator/}), with which the test enrols its authorities.
     */
    public record External(List<String> addresses, String authorityDir) {
    }

    /**
     * Notifications offered for {@code seconds} before the measured run, at {@code rate} a second (the profile's
     * rate when not given), so that the run starts on compiled code; faults are timed from the measured run's start.
     */
    public record WarmUp(int seconds, Double rate) {
    }

    public double suspicious() {
        return suspiciousShare == null ? 0.1 : suspiciousShare;
    }

    public double sustainableBoundMs() {
        return sustainableP99Ms == null ? 1000 : sustainableP99Ms;
    }

    public int authorityProcesses() {
        return processes == null ? 1 : processes;
    }

    public int memberCount() {
        return registry != null ? registry.addresses().size() : members;
    }

    public static LoadProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try {
            LoadProfile p = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), LoadProfile.class);
            if ((p.registry() == null && p.members() < 1) || p.exporters() < 1 || p.importers() < 1 || p.rate() <= 0
                    || p.durationSeconds() < 1) {
                throw new IllegalArgumentException(file + ": members, exporters, importers, rate and durationSeconds must be positive");
            }
            if (p.importers() > LoadTraffic.IMPORTING.length) {
                throw new IllegalArgumentException(file + ": at most " + LoadTraffic.IMPORTING.length + " importers (one a country)");
            }
            if (p.sustainableP99Ms() != null && p.sustainableP99Ms() <= 0) {
                throw new IllegalArgumentException(file + ": sustainableP99Ms must be positive, not " + p.sustainableP99Ms());
            }
            if (p.processes() != null && (p.processes() < 1 || p.processes() > MAX_PROCESSES
                    || p.processes() > Math.max(p.exporters(), p.importers()))) {
                throw new IllegalArgumentException(file + ": processes must be 1 to " + MAX_PROCESSES
                        + " and no more than the larger of exporters and importers (each process hosts at least one "
                        + "authority), not " + p.processes());
            }
            if (p.warmup() != null && (p.warmup().seconds() < 0 || p.warmup().seconds() > MAX_WARMUP_SECONDS
                    || (p.warmup().rate() != null && p.warmup().rate() <= 0))) {
                throw new IllegalArgumentException(file + ": warmup needs seconds 0 to " + MAX_WARMUP_SECONDS
                        + " and, if given, a positive rate (it is " + p.warmup().seconds() + " s at "
                        + (p.warmup().rate() == null ? "the profile's rate" : p.warmup().rate() + "/s") + ")");
            }
            if (!List.of("constant", "ramp", "burst").contains(p.shape())) {
                throw new IllegalArgumentException(file + ": shape must be constant, ramp or burst, not " + p.shape());
            }
            if (p.suspiciousShare() != null && (p.suspiciousShare() < 0 || p.suspiciousShare() > 1)) {
                throw new IllegalArgumentException(file + ": suspiciousShare must be 0 to 1, not " + p.suspiciousShare());
            }
            if (p.registry() != null) {
                if (p.registry().addresses() == null || p.registry().addresses().isEmpty()
                        || p.registry().addresses().stream().anyMatch(a -> !a.matches("[^:\\s]+:\\d{1,5}"))) {
                    throw new IllegalArgumentException(file + ": registry.addresses must list host:port of each member");
                }
                if (p.registry().authorityDir() == null
                        || !Files.isRegularFile(Path.of(p.registry().authorityDir(), "operator", "key.pem"))) {
                    throw new IllegalArgumentException(file + ": registry.authorityDir must be the registry's authority "
                            + "directory, holding ca.pem and operator/key.pem (not found: " + p.registry().authorityDir() + ")");
                }
            }
            for (Fault f : p.faults() == null ? List.<Fault>of() : p.faults()) {
                switch (f.action() == null ? "" : f.action()) {
                    case "kill", "restart" -> {
                        if (p.registry() != null) {
                            throw new IllegalArgumentException(file + ": members of a registry started elsewhere cannot be "
                                    + "killed or restarted by the load test");
                        }
                        if (f.member() == null || f.member() < 0 || f.member() >= p.members()) {
                            throw new IllegalArgumentException(file + ": a fault is kill or restart of a member 0.." + (p.members() - 1));
                        }
                    }
                    case "pause-importer" -> {
                        if (f.importer() == null || f.importer() < 0 || f.importer() >= p.importers() || f.seconds() == null
                                || f.seconds() <= 0) {
                            throw new IllegalArgumentException(file + ": pause-importer needs importer 0.." + (p.importers() - 1)
                                    + " and seconds > 0");
                        }
                    }
                    default -> throw new IllegalArgumentException(file + ": a fault is kill, restart or pause-importer, not "
                            + f.action());
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
