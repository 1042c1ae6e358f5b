package org.pensim.protocol.officer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What each officer did on a node, kept in the node's own database: every decision and message with the
 * officer who took it, the time, and its details (reasons, message). The signed documents name the
 * authority; this names the person inside it, for the authority's own accountability.
 */
public final class ActionLog {

    /** One recorded action. */
    public record Action(String notificationId, Instant at, String username, String officerName, String action,
            String detail) {
    }

    /** Who acts when no officer does: the node's own rules (automatic replies, retries). */
    public static final OfficerSessions.Officer AUTOMATIC = new OfficerSessions.Officer("automatic", "automatic screening");

    private final DataSource ds;

    public ActionLog(DataSource ds) {
        this.ds = ds;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS officer_actions (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " notification_id VARCHAR(80), at_millis BIGINT NOT NULL, username VARCHAR(64) NOT NULL,"
                    + " officer_name VARCHAR(200) NOT NULL, action VARCHAR(40) NOT NULL, detail CLOB)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the officers' action log: " + e.getMessage(), e);
        }
    }

    public void record(String notificationId, Instant at, OfficerSessions.Officer officer, String action, String detail) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO officer_actions"
                + " (notification_id, at_millis, username, officer_name, action, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, notificationId);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, officer.username());
            ps.setString(4, officer.name());
            ps.setString(5, action);
            ps.setString(6, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification's actions, oldest first. */
    public List<Action> of(String notificationId) {
        List<Action> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT notification_id, at_millis,"
                + " username, officer_name, action, detail FROM officer_actions WHERE notification_id = ? ORDER BY seq")) {
            ps.setString(1, notificationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Action(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The last officer to act on each notification, for lists that show who decided. */
    public java.util.Map<String, Action> latest() {
        java.util.Map<String, Action> out = new java.util.HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT notification_id, at_millis, username, officer_name, action, detail FROM officer_actions ORDER BY seq")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Action(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
