package org.pensim.importer.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What an importing authority keeps (embedded H2 by default): the inbox cursor, every notification it
 * received with its flags and score, its decisions, and the forgeries it refused. The cursor advances in
 * the same transaction as the entry it covers, so a restart neither misses nor repeats an entry.
 */
public final class ImporterStore implements AutoCloseable {

    /**
     * A received notification as the review queue shows it; {@code replyDeadline} when an answer to a request for
     * information restarted the deadline the notification gave (null otherwise).
     */
    public record Received(String id, String exportingCountry, double score, String flagsJson, String state,
            String decision, String envelopeJson, String replyDeadline) {
    }

    private final HikariDataSource ds;
    private final org.pensim.protocol.officer.ActionLog actions;
    private final org.pensim.protocol.desk.Correspondence correspondence;

    public ImporterStore(String jdbcUrl) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(4);
        c.setPoolName("pensim-importer-db");
        this.ds = new HikariDataSource(c);
        try (Connection conn = ds.getConnection(); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cursor_position (name VARCHAR(40) PRIMARY KEY, position BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS received (id VARCHAR(80) PRIMARY KEY, exporting_country VARCHAR(2),"
                    + " score DOUBLE, flags CLOB, state VARCHAR(20), decision VARCHAR(20), envelope CLOB,"
                    + " inbox_sequence BIGINT, processed_count INT NOT NULL DEFAULT 1)");
            s.execute("CREATE TABLE IF NOT EXISTS incidents (id VARCHAR(80) PRIMARY KEY, kind VARCHAR(40), detail CLOB)");
            // Added after the first release: a node's existing database gains it at its next start.
            s.execute("ALTER TABLE received ADD COLUMN IF NOT EXISTS reply_deadline VARCHAR(10)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the importer database: " + e.getMessage(), e);
        }
        this.actions = new org.pensim.protocol.officer.ActionLog(ds);
        this.correspondence = new org.pensim.protocol.desk.Correspondence(ds);
    }

    /** What this authority and the exporting authorities said to each other, by notification. */
    public org.pensim.protocol.desk.Correspondence correspondence() {
        return correspondence;
    }

    /**
     * Records a lifecycle event another party sent about a received notification, and moves the cursor past
     * it, atomically: the notification's new state, its message, and, after an answer to a request for
     * information, the notification back in the review queue (its decision cleared).
     */
    public void recordEvent(long sequence, String id, String state, boolean backToQueue,
            org.pensim.protocol.desk.Correspondence.Message message) {
        recordEvent(sequence, id, state, backToQueue, message, null);
    }

    /** As above, with the reply deadline the registry restarted from an answer (null when it did not). */
    public void recordEvent(long sequence, String id, String state, boolean backToQueue,
            org.pensim.protocol.desk.Correspondence.Message message, String replyDeadline) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (state != null) {
                try (PreparedStatement ps = c.prepareStatement(backToQueue
                        ? "UPDATE received SET state = ?, decision = NULL WHERE id = ?" : "UPDATE received SET state = ? WHERE id = ?")) {
                    ps.setString(1, state);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
            }
            if (replyDeadline != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE received SET reply_deadline = ? WHERE id = ?")) {
                    ps.setString(1, replyDeadline);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
            }
            if (message != null) {
                org.pensim.protocol.desk.Correspondence.record(c, message);
            }
            advance(c, sequence);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the importing authority's officers (and its automatic screening) did, by notification. */
    public org.pensim.protocol.officer.ActionLog actions() {
        return actions;
    }

    public long cursor() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT position FROM cursor_position WHERE name = 'inbox'"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a processed inbox entry and moves the cursor past it, atomically. Returns false when the
     * notification was already processed (then only the cursor moves).
     */
    public boolean recordNotification(long sequence, String id, String exportingCountry, double score, String flagsJson,
            String state, String envelopeJson) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            boolean fresh;
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM received WHERE id = ?")) {
                exists.setString(1, id);
                try (ResultSet rs = exists.executeQuery()) {
                    fresh = !rs.next();
                }
            }
            if (fresh) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO received (id, exporting_country, score, flags, "
                        + "state, envelope, inbox_sequence) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, exportingCountry);
                    ps.setDouble(3, score);
                    ps.setString(4, flagsJson);
                    ps.setString(5, state);
                    ps.setString(6, envelopeJson);
                    ps.setLong(7, sequence);
                    ps.executeUpdate();
                }
            }
            advance(c, sequence);
            c.commit();
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the cursor past an entry that needs no record (an event, a duplicate), in its own transaction. */
    public void skip(long sequence) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            advance(c, sequence);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void advance(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO cursor_position (name, position) KEY (name) VALUES ('inbox', ?)")) {
            ps.setLong(1, sequence);
            ps.executeUpdate();
        }
    }

    public void recordIncident(String id, String kind, String detail, long sequence) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO incidents (id, kind, detail) KEY (id) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, kind);
                ps.setString(3, detail);
                ps.executeUpdate();
            }
            if (sequence > 0) {
                advance(c, sequence);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void decide(String id, String decision, String state) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE received SET decision = ?, state = ? WHERE id = ?")) {
            ps.setString(1, decision);
            ps.setString(2, state);
            ps.setString(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The review queue: undecided notifications, highest risk first; one shipped (voluntary, or after the deadline
     * passed), withdrawn, stopped or received has nothing left to decide (the lifecycle refuses a reply then) and is on
     * the decided list with its state, where a shipment's receipt is confirmed.
     */
    public List<Received> queue() {
        return select("SELECT id, exporting_country, score, flags, state, decision, envelope, reply_deadline FROM received "
                + "WHERE decision IS NULL AND (state IS NULL OR state NOT IN ('SHIPPED', 'WITHDRAWN', 'STOPPED', 'RECEIVED')) "
                + "ORDER BY score DESC, id");
    }

    public List<Received> all() {
        return select("SELECT id, exporting_country, score, flags, state, decision, envelope, reply_deadline FROM received ORDER BY id");
    }

    public int incidents() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incidents")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An incident as kept: its kind and detail (a signed incident's JSON, or why a document was refused). */
    public record IncidentRecord(String id, String kind, String detail) {
    }

    public List<IncidentRecord> incidentList() {
        return select("SELECT id, kind, detail FROM incidents ORDER BY id",
                rs -> new IncidentRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    private List<Received> select(String sql) {
        return select(sql, rs -> new Received(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
    }

    /** Reads one row into a value. */
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> select(String sql, Row<T> row) {
        List<T> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(row.read(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() {
        ds.close();
    }
}
