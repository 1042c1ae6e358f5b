package org.pensim.protocol.desk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the two authorities said to each other about a notification, as an authority's node keeps it: the
 * importing authority's replies with their reasons and requests for information, the exporting authority's
 * answers and withdrawals. Kept by event id, so a replayed inbox entry is recorded once.
 */
public final class Correspondence {

    /** One message; {@code text} holds the reasons (joined) or the answer. */
    public record Message(String eventId, String notificationId, Instant at, String fromCountry, String fromRole,
            String kind, String text) {
    }

    private final DataSource ds;

    public Correspondence(DataSource ds) {
        this.ds = ds;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS correspondence (event_id VARCHAR(120) PRIMARY KEY,"
                    + " notification_id VARCHAR(80) NOT NULL, at_millis BIGINT NOT NULL, from_country VARCHAR(2),"
                    + " from_role VARCHAR(20), kind VARCHAR(40) NOT NULL, text CLOB)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the correspondence: " + e.getMessage(), e);
        }
    }

    /** Records a message in the caller's transaction; a message already recorded is left as it is. */
    public static void record(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO correspondence (event_id, notification_id, at_millis,"
                + " from_country, from_role, kind, text) KEY (event_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.eventId());
            ps.setString(2, m.notificationId());
            ps.setLong(3, m.at().toEpochMilli());
            ps.setString(4, m.fromCountry());
            ps.setString(5, m.fromRole());
            ps.setString(6, m.kind());
            ps.setString(7, m.text());
            ps.executeUpdate();
        }
    }

    public void record(Message m) {
        try (Connection c = ds.getConnection()) {
            record(c, m);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification's messages, oldest first. */
    public List<Message> of(String notificationId) {
        return select("WHERE notification_id = ?", notificationId);
    }

    /** Every notification's messages, oldest first, for lists that show the latest. */
    public Map<String, List<Message>> all() {
        Map<String, List<Message>> out = new LinkedHashMap<>();
        for (Message m : select("", null)) {
            out.computeIfAbsent(m.notificationId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private List<Message> select(String where, String arg) {
        List<Message> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT event_id, notification_id,"
                + " at_millis, from_country, from_role, kind, text FROM correspondence " + where + " ORDER BY at_millis, event_id")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Message(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * The message a signed lifecycle event carries, or null for events without one (delivery, receipt).
     * {@code document} is the event's JSON as signed.
     */
    public static Message of(com.fasterxml.jackson.databind.JsonNode document) {
        String type = document.path("type").asText();
        List<String> reasons = new ArrayList<>();
        document.path("reasons").forEach(r -> reasons.add(r.asText()));
        String kind;
        String text;
        switch (type) {
            case "REPLY" -> {
                kind = document.path("decision").asText();
                text = String.join("; ", reasons);
            }
            case "ANSWER" -> {
                kind = "ANSWER";
                text = document.path("message").asText("");
            }
            case "WITHDRAW", "STOP" -> {
                kind = type;
                text = String.join("; ", reasons);
            }
            case "DEADLINE_PASSED" -> {
                kind = type;
                text = "no reply before the deadline";
            }
            default -> {
                return null;
            }
        }
        return new Message(document.path("eventId").asText(), document.path("notificationId").asText(),
                Instant.parse(document.path("issuedAt").asText()), document.path("issuerCountry").asText(null),
                document.path("issuerRole").asText(null), kind, text);
    }
}
