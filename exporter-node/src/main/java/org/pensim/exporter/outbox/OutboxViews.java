package org.pensim.exporter.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.desk.Correspondence;
import org.pensim.protocol.desk.NotificationView;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.ActionLog;
import org.pensim.protocol.signing.SignedDocument;

/**
 * What the exporting desk's pages show: the outbox's rows (where each notification stands, the last
 * problem in words, what the importing authority said, who acted last, what an officer filters by) and
 * one notification's own page.
 */
public final class OutboxViews {

    private final Outbox outbox;
    private final Clock clock;

    public OutboxViews(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Who did a notification's last action, as the exporting desk names it: the node's own work (a notification
     * submitted through the API, a retry) is the node's, not a screening's, which only the importing side does.
     */
    static String actedBy(ActionLog.Action a) {
        return ActionLog.AUTOMATIC.username().equals(a.username()) ? "this node (no officer)" : a.officerName();
    }

    public List<ObjectNode> rows() {
        Map<String, ActionLog.Action> last = outbox.actions().latest();
        Map<String, List<Correspondence.Message>> messages = outbox.correspondence().all();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<ObjectNode> rows = new ArrayList<>();
        for (Outbox.Entry e : outbox.all()) {
            ObjectNode row = ProtocolJson.mapper().createObjectNode();
            row.put("id", e.id()).put("status", e.status()).put("state", e.state() == null ? "" : e.state())
                    .put("attempts", e.attempts()).put("lastError", e.lastError() == null ? "" : e.lastError())
                    .put("lastActionBy", last.containsKey(e.id()) ? actedBy(last.get(e.id())) : "");
            row.set("messages", ProtocolJson.mapper().valueToTree(messages.getOrDefault(e.id(), List.of())));
            NotificationView.listFields(row, e.envelope(), e.state(), today, e.replyDeadline());
            rows.add(row);
        }
        return rows;
    }

    /** One notification's page, or null when the outbox holds none with this id. */
    public ObjectNode view(String id) throws IOException {
        Outbox.Entry e = outbox.all().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (e == null) {
            return null;
        }
        ObjectNode view = NotificationView.of(e.id(), e.state(), "exporting", SignedDocument.fromJson(ProtocolJson.parse(e.envelope())),
                null, null, outbox.correspondence().of(id), outbox.actions().of(id), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                e.replyDeadline());
        view.put("outbox", e.status()).put("lastError", e.lastError() == null ? "" : e.lastError());
        for (com.fasterxml.jackson.databind.JsonNode a : view.path("actions")) {
            if (ActionLog.AUTOMATIC.username().equals(a.path("username").asText())) {
                ((ObjectNode) a).put("officerName", "this node (no officer)");
            }
        }
        return view;
    }
}
