package org.pensim.protocol.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.ActionLog;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerifiedDocument;

/**
 * One notification as an officer's page shows it, on either desk: every field as signed, the flags with
 * their evidence, whether the signature and certificate hold, the reply deadline and the days left, what
 * the two authorities said to each other, and who did what on this desk.
 */
public final class NotificationView {

    /**
     * When a reply deadline counts as near, the officer's page highlights it: two days' notice at most, and no
     * more than a fifth of the time the notification gave, so that a short deadline (an exercise's three days)
     * is not highlighted from the start (assumed).
     */
    public static final int NEAR_DEADLINE_DAYS = 2;
    static final double NEAR_SHARE_OF_PERIOD = 0.2;

    private NotificationView() {
    }

    /**
     * @param envelope the notification as signed
     * @param verifier checks the signature and certificate now, against the node's trusted CA; null when the
     *                 node signed it itself
     * @param flags    the screening's flags with their evidence (a JSON array), or null
     * @param today    the node's date, for the days left
     */
    public static ObjectNode of(String id, String state, String desk, SignedDocument envelope, SignatureVerifier verifier,
            JsonNode flags, List<Correspondence.Message> messages, List<ActionLog.Action> actions, LocalDate today) {
        return of(id, state, desk, envelope, verifier, flags, messages, actions, today, null);
    }

    /** @param restartedDeadline the reply deadline an answer to a request for information restarted, or null */
    public static ObjectNode of(String id, String state, String desk, SignedDocument envelope, SignatureVerifier verifier,
            JsonNode flags, List<Correspondence.Message> messages, List<ActionLog.Action> actions, LocalDate today,
            String restartedDeadline) {
        ObjectNode view = ProtocolJson.mapper().createObjectNode();
        view.put("id", id).put("state", state).put("desk", desk);
        view.set("document", envelope.document());
        view.set("flags", flags == null ? ProtocolJson.mapper().createArrayNode() : flags);
        view.set("signature", signature(envelope, verifier));
        deadline(view, envelope.document(), state, today, restartedDeadline);
        view.set("messages", ProtocolJson.mapper().valueToTree(messages));
        view.set("actions", ProtocolJson.mapper().valueToTree(actions));
        return view;
    }

    private static ObjectNode signature(SignedDocument envelope, SignatureVerifier verifier) {
        ObjectNode s = ProtocolJson.mapper().createObjectNode();
        if (verifier == null) {
            return s.put("status", "signed by this node").put("valid", true);
        }
        try {
            VerifiedDocument v = verifier.verify(envelope, org.pensim.protocol.signing.DocumentType.NOTIFICATION);
            return s.put("status", "valid").put("valid", true).put("signer", v.signer().describe())
                    .put("kid", v.signer().thumbprint())
                    .put("certificateValidUntil", v.signer().certificate().getNotAfter().toInstant().toString())
                    .put("sha256", v.sha256());
        } catch (SignatureVerificationException e) {
            return s.put("status", "not valid: " + e.reason() + ": " + e.getMessage()).put("valid", false);
        }
    }

    /**
     * The reply deadline, the days left by the node's date, and whether it is near or overdue while a reply
     * is still awaited; for the page and for the lists' rows.
     */
    /**
     * What a list shows of a notification and lets an officer search by: its countries, substances, companies and
     * issue date, and its reply deadline (see {@link #deadline}); nothing when the stored envelope cannot be read.
     */
    public static void listFields(ObjectNode row, String envelopeJson, String state, LocalDate today) {
        listFields(row, envelopeJson, state, today, null);
    }

    /** As above, with the reply deadline an answer to a request for information restarted (null: the document's). */
    public static void listFields(ObjectNode row, String envelopeJson, String state, LocalDate today, String restartedDeadline) {
        JsonNode document;
        try {
            document = ProtocolJson.parse(envelopeJson).path("document");
        } catch (java.io.IOException | RuntimeException unreadable) {
            return;
        }
        java.util.List<String> substances = new java.util.ArrayList<>();
        document.path("items").forEach(i -> substances.add(i.path("substanceId").asText()));
        java.util.List<String> companies = new java.util.ArrayList<>();
        document.path("parties").forEach(p -> companies.add(p.path("name").asText()));
        row.put("exportingCountry", document.path("exportingCountry").asText())
                .put("importingCountry", document.path("importingCountry").asText())
                .put("substances", String.join(", ", substances)).put("companies", String.join("; ", companies))
                .put("issued", document.path("issuedAt").asText("").replaceAll("T.*", ""));
        deadline(row, document, state, today, restartedDeadline);
    }

    /** The days of notice before a deadline counts as near, scaled to the period the notification gave. */
    static long nearDays(JsonNode document, LocalDate deadline) {
        String issued = document.path("issuedAt").asText(null);
        if (issued == null) {
            return NEAR_DEADLINE_DAYS;
        }
        long period = ChronoUnit.DAYS.between(LocalDate.ofInstant(java.time.Instant.parse(issued), java.time.ZoneOffset.UTC),
                deadline);
        return Math.min(NEAR_DEADLINE_DAYS, (long) Math.floor(period * NEAR_SHARE_OF_PERIOD));
    }

    public static void deadline(ObjectNode row, JsonNode document, String state, LocalDate today) {
        deadline(row, document, state, today, null);
    }

    public static void deadline(ObjectNode row, JsonNode document, String state, LocalDate today, String restartedDeadline) {
        // An answer to a request for information restarts the importing authority's time to reply (the registry
        // computes the new date by the importing country's rule); the document keeps the date it was signed with.
        String deadline = restartedDeadline != null ? restartedDeadline : document.path("replyDeadline").asText(null);
        if (deadline == null) {
            return;
        }
        long left = ChronoUnit.DAYS.between(today, LocalDate.parse(deadline));
        // Only a reply still awaited runs against the deadline (a request for information waits on the exporter); once it
        // passed, the registry records NO_REPLY, and the reply is still awaited: overdue.
        boolean open = "DELIVERED".equals(state) || "SUBMITTED".equals(state) || "NO_REPLY".equals(state);
        row.put("replyDeadline", deadline).put("daysLeft", left).put("overdue", open && left < 0)
                .put("near", open && left >= 0 && left <= nearDays(document, LocalDate.parse(deadline)));
    }

}
