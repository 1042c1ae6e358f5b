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
                Map.of("PENSIM_REGISTRY_DATABASE_GROUP_COMMIT_MAX_BATCH", "50", "PENSIM_REGISTRY_HTTP_PORT", "9440"));
        assertThat(c.http().port()).isEqualTo(9440);
        assertThat(c.cluster().members()).hasSize(3);
        assertThat(c.database().groupCommit().maxBatch()).isEqualTo(50);
        assertThat(c.database().groupCommit().maxWaitMillis()).isEqualTo(6);
        assertThat(c.screening().batchSize()).isEqualTo(RegistryConfig.Screening.DEFAULT_BATCH_SIZE);
        assertThat(RegistryConfig.load(null, Map.of("PENSIM_REGISTRY_SCREENING_BATCH_SIZE", "8")).screening().batchSize())
                .isEqualTo(8);
        assertThat(c.cluster().threads()).isEqualTo(RegistryConfig.Threads.DEFAULT);
        assertThat(RegistryConfig.defaults().cluster().threads()).isEqualTo(RegistryConfig.Threads.DEFAULT);
        assertThat(RegistryConfig.load(null, Map.of("PENSIM_REGISTRY_CLUSTER_THREADS_IO_INPUT", "3")).cluster().threads().ioInput())
                .isEqualTo(3);
    }

    @Test
    void hazelcast_thread_counts_are_0_for_its_default_up_to_256(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("threads.yaml");
        Files.writeString(bad, "cluster:\n  threads:\n    response: -1\n");
        assertThatThrownBy(() -> RegistryConfig.load(bad, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("cluster.threads: each count must be 0 (Hazelcast's default) to 256, not -1");
    }

    @Test
    void only_an_h2_file_or_memory_database_counts_as_in_process() {
        assertThat(db("jdbc:h2:file:./data/registry").inProcess()).isTrue();
        assertThat(db("jdbc:h2:mem:x").inProcess()).isTrue();
        assertThat(db("jdbc:h2:tcp://db:9092/registry").inProcess()).isFalse();
        assertThat(db("jdbc:postgresql://db:5432/pensim").inProcess()).isFalse();
        assertThat(RegistryConfig.defaults().database().groupCommit().writers()).isEqualTo(64);
    }

    @Test
    void a_wrong_value_names_the_setting(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("registry.yaml");
        Files.writeString(bad, "database:\n  groupCommit:\n    maxBatch: sometimes\n");
        assertThatThrownBy(() -> RegistryConfig.load(bad, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("maxBatch").hasMessageContaining("sometimes");
        Path zero = tmp.resolve("zero.yaml");
        Files.writeString(zero, "database:\n  groupCommit:\n    maxBatch: 0\n");
        assertThatThrownBy(() -> RegistryConfig.load(zero, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("database.groupCommit");
        Path batch = tmp.resolve("batch.yaml");
        Files.writeString(batch, "screening:\n  batchSize: 0\n");
        assertThatThrownBy(() -> RegistryConfig.load(batch, Map.of())).isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("screening.batchSize must be 1 to 1000").hasMessageContaining("not 0");
    }

    private static RegistryConfig.Database db(String url) {
        return new RegistryConfig.Database(url, "sa", "", 4);
    }
}
