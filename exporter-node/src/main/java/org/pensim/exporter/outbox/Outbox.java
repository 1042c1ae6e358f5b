package org.pensim.exporter.outbox;

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
 * The exporting authority's outbox (embedded H2): a signed notification is written here before the
 * officer is told it is accepted, and stays PENDING until the registry acknowledges it, across registry
 * outages and node restarts.
 */
public final class Outbox implements AutoCloseable {

    /**
     * One outgoing notification and where it stands; {@code replyDeadline} when this authority's answer to a request
     * for information restarted the importing authority's deadline (null otherwise).
     */
    public record Entry(String id, String envelope, String status, int attempts, long nextAttemptMillis, String receipt,
            String lastError, String state, String replyDeadline) {
    }

    private final HikariDataSource ds;
    private final org.pensim.protocol.officer.ActionLog actions;
    private final org.pensim.protocol.desk.Correspondence correspondence;

    public Outbox(String jdbcUrl) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(4);
        c.setPoolName("pensim-exporter-db");
        ds = new HikariDataSource(c);
        try (Connection conn = ds.getConnection(); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS outbox (id VARCHAR(80) PRIMARY KEY, envelope CLOB NOT NULL,"
                    + " status VARCHAR(20) NOT NULL, attempts INT NOT NULL, next_attempt BIGINT NOT NULL, receipt CLOB,"
                    + " last_error CLOB, state VARCHAR(20))");
            s.execute("CREATE TABLE IF NOT EXISTS cursor_position (name VARCHAR(40) PRIMARY KEY, position BIGINT NOT NULL)");
            // Added after the first release: a node's existing database gains it at its next start.
            s.execute("ALTER TABLE outbox ADD COLUMN IF NOT EXISTS reply_deadline VARCHAR(10)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the outbox: " + e.getMessage(), e);
        }
        actions = new org.pensim.protocol.officer.ActionLog(ds);
        correspondence = new org.pensim.protocol.desk.Correspondence(ds);
    }

    /** @return false when a notification with this id is already in the outbox */
    public boolean add(String id, String envelope, long now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (id, envelope, status, attempts, next_attempt, state) VALUES (?, ?, 'PENDING', 0, ?, 'SUBMITTED')")) {
            ps.setString(1, id);
            ps.setString(2, envelope);
            ps.setLong(3, now);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw new IllegalStateException(e);
        }
    }

    /** What the exporting authority's officers did, by notification. */
    public org.pensim.protocol.officer.ActionLog actions() {
        return actions;
    }

    /** What the importing authorities and this authority said about each notification. */
    public org.pensim.protocol.desk.Correspondence correspondence() {
        return correspondence;
    }

    public List<Entry> due(long now, int limit) {
        return select("SELECT id, envelope, status, attempts, next_attempt, receipt, last_error, state, reply_deadline FROM outbox "
                + "WHERE status = 'PENDING' AND next_attempt <= " + now + " ORDER BY next_attempt, id LIMIT " + limit);
    }

    public List<Entry> all() {
        return select("SELECT id, envelope, status, attempts, next_attempt, receipt, last_error, state, reply_deadline FROM outbox ORDER BY id");
    }

    public int pending() {
        return (int) count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'");
    }

    /**
     * The registry's receipt: the notification is in the importing authority's inbox, since the registry stores it
     * delivered before it answers, so a notification still SUBMITTED is now DELIVERED. A later state stays: the
     * importing authority's answer can arrive before the receipt is recorded here.
     */
    public void acknowledged(String id, String receipt) {
        update("UPDATE outbox SET status = 'ACKNOWLEDGED', receipt = ?, last_error = NULL,"
                + " state = CASE WHEN state = 'SUBMITTED' THEN 'DELIVERED' ELSE state END WHERE id = ?", receipt, id);
    }

    public void failed(String id, String problem) {
        update("UPDATE outbox SET status = 'REFUSED', last_error = ? WHERE id = ?", problem, id);
    }

    /** A refused notification back to pending, due now; false when it was not refused. */
    public boolean resend(String id, String envelope, long now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'PENDING',"
                + " attempts = 0, next_attempt = ?, last_error = NULL, envelope = ? WHERE id = ? AND status = 'REFUSED'")) {
            ps.setLong(1, now);
            ps.setString(2, envelope);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void retryLater(String id, int attempts, long next, String error) {
        update("UPDATE outbox SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?", attempts, next, error, id);
    }

    public void state(String id, String state) {
        update("UPDATE outbox SET state = ? WHERE id = ?", state, id);
    }

    /** The importing authority's reply deadline as the registry restarted it from this authority's answer. */
    public void replyDeadline(String id, String date) {
        update("UPDATE outbox SET reply_deadline = ? WHERE id = ?", date, id);
    }

    public long cursor() {
        return count("SELECT COALESCE(MAX(position), 0) FROM cursor_position WHERE name = 'inbox'");
    }

    public void cursor(long position) {
        update("MERGE INTO cursor_position (name, position) KEY (name) VALUES ('inbox', ?)", position);
    }

    private void update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Entry> select(String sql) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
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
