package org.pensim.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.config.ConfigLoader;

/** The shipped example loads, the environment overrides it, and the database's write threads follow its URL. */
class RegistryConfigTest {

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("registry/config"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void the_example_loads_and_the_environment_overrides_it() {
        RegistryConfig c = RegistryConfig.load(root().resolve("registry/config/registry.yaml"),
                Map.of("PENSIM_REGISTRY_DATABASE_WRITE_THREADS", "offloaded", "PENSIM_REGISTRY_HTTP_PORT", "9440"));
        assertThat(c.http().port()).isEqualTo(9440);
        assertThat(c.cluster().members()).hasSize(3);
        assertThat(c.database().writeThreads()).isEqualTo(RegistryConfig.WriteThreads.OFFLOADED);
        assertThat(c.database().offloadWrites()).isTrue();
    }

    @Test
    void writes_stay_on_the_partition_threads_only_for_an_in_process_database() {
        assertThat(db("jdbc:h2:file:./data/registry", RegistryConfig.WriteThreads.AUTO).offloadWrites()).isFalse();
        assertThat(db("jdbc:h2:mem:x", RegistryConfig.WriteThreads.AUTO).offloadWrites()).isFalse();
        assertThat(db("jdbc:h2:tcp://db:9092/registry", RegistryConfig.WriteThreads.AUTO).offloadWrites()).isTrue();
        assertThat(db("jdbc:postgresql://db:5432/pensim", RegistryConfig.WriteThreads.AUTO).offloadWrites()).isTrue();
        assertThat(db("jdbc:postgresql://db:5432/pensim", RegistryConfig.WriteThreads.PARTITION).offloadWrites()).isFalse();
        assertThat(db("jdbc:h2:mem:x", RegistryConfig.WriteThreads.OFFLOADED).offloadWrites()).isTrue();
        assertThat(RegistryConfig.defaults().database().writeThreads()).isEqualTo(RegistryConfig.WriteThreads.AUTO);
    }

    @Test
    void a_wrong_value_names_the_setting(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("registry.yaml");
        Files.writeString(bad, "database:\n  writeThreads: sometimes\n");
        assertThatThrownBy(() -> RegistryConfig.load(bad, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("database.writeThreads").hasMessageContaining("sometimes");
    }

    private static RegistryConfig.Database db(String url, RegistryConfig.WriteThreads threads) {
        return new RegistryConfig.Database(url, "sa", "", 4, threads);
    }
}
