package org.pensim.registry.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable writes of one member, committed in groups: every write waits in a queue, one thread takes
 * what has gathered (up to {@code maxBatch}, waiting at most {@code maxWaitMillis} for more), writes it in
 * one transaction, commits, makes an in-process H2 force its file, and only then releases the writers.
 * Concurrent submissions thus share one commit and one flush instead of paying one each, and a write
 * returns only once it would survive a crash of every member.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** How a batch is bounded: by its number of writes, and by how long its first write waits for company. */
    public record Settings(int maxBatch, int maxWaitMillis) {
        public Settings {
            if (maxBatch < 1 || maxWaitMillis < 0) {
                throw new IllegalArgumentException("groupCommit.maxBatch must be at least 1 and maxWaitMillis at least 0");
            }
        }
    }

    /** What happens to one batch, for metrics: its size and how long writing, committing and flushing took. */
    public interface Observer {
        void committed(int writes, long nanos);
    }

    /** A row to write ({@code value} not null) or to delete, and the writer waiting for its commit. */
    private record Write(String table, String key, String value, CompletableFuture<Void> done) {
    }

    private final Database database;
    private final Settings settings;
    private final Observer observer;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    public GroupCommit(Database database, Settings settings, Observer observer) {
        this.database = database;
        this.settings = settings;
        this.observer = observer;
        this.committer = new Thread(this::run, "pensim-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Writes (upserts) a row and returns once its batch is committed and flushed. */
    public void put(String table, String key, String value) {
        await(List.of(enqueue(table, key, value)));
    }

    /** Writes rows of one table together and returns once all of them are committed and flushed. */
    public void putAll(String table, Map<String, String> rows) {
        List<CompletableFuture<Void>> waits = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> waits.add(enqueue(table, k, v)));
        await(waits);
    }

    /** Deletes rows and returns once that is committed. */
    public void deleteAll(String table, Iterable<String> keys) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        keys.forEach(k -> waits.add(enqueue(table, k, null)));
        await(waits);
    }

    private CompletableFuture<Void> enqueue(String table, String key, String value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Write(table, key, value, done));
        if (closed && !committer.isAlive()) {
            // Came after the writer's last look at its queue: nobody will commit it.
            done.completeExceptionally(new IllegalStateException("the registry's database writer is closed: nothing was written"));
        }
        return done;
    }

    private static void await(List<CompletableFuture<Void>> waits) {
        try {
            for (CompletableFuture<Void> w : waits) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.maxWaitMillis());
                while (batch.size() < settings.maxBatch()) {
                    long left = deadline - System.nanoTime();
                    Write more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    queue.drainTo(batch, settings.maxBatch() - batch.size());
                }
                commit(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
        Write left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the registry's database writer stopped: nothing was written"));
        }
    }

    private void commit(List<Write> batch) {
        long start = System.nanoTime();
        // The last write of a row in a batch is what the row must hold: the earlier ones are left out.
        Map<String, Map<String, Write>> byTable = new LinkedHashMap<>();
        for (Write w : batch) {
            byTable.computeIfAbsent(w.table(), t -> new LinkedHashMap<>()).put(w.key(), w);
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                for (var table : byTable.entrySet()) {
                    write(c, table.getKey(), table.getValue().values());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            c.setAutoCommit(true);
            if (database.isInProcessH2()) {
                // H2 keeps a commit in memory and writes it within about a second: a crash in between would
                // lose what was acknowledged. Write it now, then force the file to the device.
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                    s.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("a batch of {} database writes failed: {}", batch.size(), e.getMessage());
            IllegalStateException failure = new IllegalStateException("the database did not commit: " + e.getMessage(), e);
            batch.forEach(w -> w.done().completeExceptionally(failure));
            return;
        }
        observer.committed(batch.size(), System.nanoTime() - start);
        batch.forEach(w -> w.done().complete(null));
    }

    private void write(Connection c, String table, Iterable<Write> writes) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(database.upsertSql(table));
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE k = ?")) {
            boolean upserts = false;
            boolean deletes = false;
            for (Write w : writes) {
                if (w.value() == null) {
                    delete.setString(1, w.key());
                    delete.addBatch();
                    deletes = true;
                } else {
                    upsert.setString(1, w.key());
                    upsert.setString(2, w.value());
                    upsert.addBatch();
                    upserts = true;
                }
            }
            if (upserts) {
                upsert.executeBatch();
            }
            if (deletes) {
                delete.executeBatch();
            }
        }
    }

    /** Stops taking writes; those already queued are committed first. */
    @Override
    public void close() {
        closed = true;
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.interrupt();
    }
}
