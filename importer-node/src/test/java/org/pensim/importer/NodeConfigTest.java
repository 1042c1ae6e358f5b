package org.pensim.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.exporter.config.ExporterConfig;
import org.pensim.importer.config.ImporterConfig;
import org.pensim.protocol.config.ConfigLoader;

/** The nodes' shipped example configurations load, the environment overrides them, and mistakes say where. */
class NodeConfigTest {

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("importer-node/config"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void the_examples_load_and_environment_variables_override_them() {
        ExporterConfig e = ExporterConfig.load(root().resolve("exporter-node/config/exporter.yaml"),
                Map.of("PENSIM_EXPORTER_REGISTRY_PORT", "9440", "PENSIM_EXPORTER_RETRY_MAX_MILLIS", "5000"));
        assertThat(e.country()).isEqualTo("DE");
        assertThat(e.registry().port()).isEqualTo(9440);
        assertThat(e.retry().maxMillis()).isEqualTo(5000);
        ImporterConfig i = ImporterConfig.load(root().resolve("importer-node/config/importer.yaml"),
                Map.of("PENSIM_IMPORTER_POLICY_OBJECT_ABOVE", "2.5"));
        assertThat(i.policy().objectAbove()).isEqualTo(2.5);
        assertThat(i.licensedOperators()).hasSize(2);
        // Issue 19, defect 4 (in part): with no sign-in yet, the pages listen on this machine only unless configured.
        assertThat(e.http().host()).isEqualTo("127.0.0.1");
        assertThat(i.http().host()).isEqualTo("127.0.0.1");
        assertThat(ExporterConfig.load(root().resolve("exporter-node/config/exporter.yaml"),
                Map.of("PENSIM_EXPORTER_HTTP_HOST", "0.0.0.0")).http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void mistakes_name_the_file_the_line_and_the_field(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("importer.yaml");
        Files.writeString(bad, "country: IN\npolicy:\n  clearBelow: 2\n  objectAbove: 1\n");
        assertThatThrownBy(() -> ImporterConfig.load(bad, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("policy.clearBelow (2.0) must not exceed policy.objectAbove (1.0)");
        Files.writeString(bad, "country: IN\npolicy:\n  cleerBelow: 0.2\n");
        assertThatThrownBy(() -> ImporterConfig.load(bad, Map.of())).hasMessageContaining("unknown setting 'policy.cleerBelow'");
        assertThatThrownBy(() -> ExporterConfig.load(null, Map.of("PENSIM_EXPORTER_COLOUR", "red")))
                .hasMessageContaining("environment variable PENSIM_EXPORTER_COLOUR names no setting");
        Files.writeString(bad, "http:\n  port: lots\n");
        assertThatThrownBy(() -> ExporterConfig.load(bad, Map.of())).hasMessageContaining("http.port");
    }
}
