package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.registry.storage.Database;
import org.pensim.registry.storage.GroupCommit;

/** The group commit against a real H2 file: writers share commits, and a batch is written whole or not at all. */
class GroupCommitTest {

    @Test
    void concurrent_writers_share_commits_and_each_returns_with_its_row_committed() throws Exception {
        Path dir = Files.createTempDirectory("pensim-group-commit");
        AtomicInteger commits = new AtomicInteger();
        AtomicLong committedWrites = new AtomicLong();
        try (Database db = new Database(new RegistryConfig.Database("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", 4))) {
            db.ensureTable("t");
            try (GroupCommit writes = new GroupCommit(db, new GroupCommit.Settings(100, 5), (n, nanos) -> {
                commits.incrementAndGet();
                committedWrites.addAndGet(n);
            })) {
                ExecutorService pool = Executors.newFixedThreadPool(32);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> visibleOnReturn = new ArrayList<>();
                for (int i = 0; i < 320; i++) {
                    String key = "k" + i;
                    visibleOnReturn.add(pool.submit(() -> {
                        go.await();
                        writes.put("t", key, "{\"n\":1}");
                        // Another connection sees it the moment the writer is released: committed, not just written.
                        return count(db, "SELECT count(*) FROM t WHERE k = '" + key + "'") == 1;
                    }));
                }
                go.countDown();
                for (Future<Boolean> f : visibleOnReturn) {
                    assertThat(f.get()).isTrue();
                }
                pool.shutdown();
            }
            assertThat(committedWrites.get()).isEqualTo(320);
            assertThat(commits.get()).as("commits for 320 writes from 32 writers").isLessThan(160);
            assertThat(count(db, "SELECT count(*) FROM t")).isEqualTo(320);
        }
    }

    @Test
    void a_batch_that_cannot_be_written_fails_every_writer_in_it_and_leaves_nothing_half_written() throws Exception {
        Path dir = Files.createTempDirectory("pensim-group-commit");
        try (Database db = new Database(new RegistryConfig.Database("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", 4))) {
            db.ensureTable("t");
            try (GroupCommit writes = new GroupCommit(db, new GroupCommit.Settings(100, 200), (n, nanos) -> { })) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                // Both wait in one batch (200 ms to gather); the second's key is too long for the table.
                Future<?> good = pool.submit(() -> writes.put("t", "fine", "{}"));
                Future<?> bad = pool.submit(() -> writes.put("t", "x".repeat(300), "{}"));
                assertThatThrownBy(bad::get).hasRootCauseInstanceOf(java.sql.SQLException.class)
                        .hasMessageContaining("the database did not commit");
                assertThatThrownBy(good::get).hasMessageContaining("the database did not commit");
                pool.shutdown();
                assertThat(count(db, "SELECT count(*) FROM t")).isZero();
                // The writer goes on with the next batch.
                writes.put("t", "after", "{}");
                assertThat(count(db, "SELECT count(*) FROM t")).isEqualTo(1);
            }
        }
    }

    private static int count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
