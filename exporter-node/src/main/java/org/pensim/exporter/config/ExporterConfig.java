package org.pensim.exporter.config;

import java.nio.file.Path;
import java.util.Map;
import org.pensim.protocol.config.ConfigLoader;

/** The one typed configuration of an exporting authority's node; defaults in {@code exporter-defaults.yaml}. */
public record ExporterConfig(String country, String keyFile, String certificateFile, String enrolmentToken, Registry registry,
        String database,
        Http http, Retry retry, org.pensim.protocol.officer.OfficerSettings officers) {

    public record Registry(String host, int port) {
    }

    /** Where the officers' pages listen: 127.0.0.1 unless configured (docs/security.md). */
    public record Http(String host, int port) {
    }

    public record Retry(long initialMillis, long maxMillis) {
    }

    public ExporterConfig {
        if (retry.initialMillis() < 1 || retry.maxMillis() < retry.initialMillis()) {
            throw new ConfigLoader.ConfigException("retry.initialMillis must be at least 1 and at most retry.maxMillis");
        }
    }

    public static ExporterConfig load(Path file, Map<String, String> env) {
        return ConfigLoader.load(ExporterConfig.class, "exporter-defaults.yaml", file, env, "PENSIM_EXPORTER_");
    }
}
