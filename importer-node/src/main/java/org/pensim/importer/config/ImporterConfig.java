package org.pensim.importer.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.config.ConfigLoader;

/** The one typed configuration of an importing authority's node; defaults in {@code importer-defaults.yaml}. */
public record ImporterConfig(String country, String keyFile, String certificateFile, String enrolmentToken, String caFile,
        Registry registry,
        String database, Http http, Policy policy, List<String> transitHubsOfConcern, List<Operator> licensedOperators,
        org.pensim.protocol.officer.OfficerSettings officers) {

    public record Registry(String host, int port) {
    }

    /** Where the officers' pages listen: 127.0.0.1 unless configured (docs/security.md). */
    public record Http(String host, int port) {
    }

    public record Policy(double clearBelow, double objectAbove) {
    }

    /** An entry of the national register of licensed operators. */
    public record Operator(String name, String identifierScheme, String identifier, LocalDate validUntil,
            List<String> substances) {
    }

    public ImporterConfig {
        if (policy.clearBelow() > policy.objectAbove()) {
            throw new ConfigLoader.ConfigException("policy.clearBelow (" + policy.clearBelow()
                    + ") must not exceed policy.objectAbove (" + policy.objectAbove() + ")");
        }
    }

    public static ImporterConfig load(Path file, Map<String, String> env) {
        return ConfigLoader.load(ImporterConfig.class, "importer-defaults.yaml", file, env, "PENSIM_IMPORTER_");
    }
}
