package org.pensim.importer.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.desk.Correspondence;
import org.pensim.protocol.desk.NotificationView;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.ActionLog;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;

/**
 * What the importing desk's pages show: the rows of the review queue and of the decided list (with what an
 * officer searches and filters by, the deadline's days left, who decided, what was said), and one
 * notification's own page.
 */
public final class ReviewViews {

    private final ImporterStore store;
    private final SignatureVerifier verifier;
    private final Clock clock;

    public ReviewViews(ImporterStore store, SignatureVerifier verifier, Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The rows of a list, in the given order. */
    public List<ObjectNode> rows(List<ImporterStore.Received> received) {
        Map<String, ActionLog.Action> last = store.actions().latest();
        Map<String, List<Correspondence.Message>> messages = store.correspondence().all();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<ObjectNode> rows = new ArrayList<>();
        for (ImporterStore.Received r : received) {
            ObjectNode row = ProtocolJson.mapper().createObjectNode();
            row.put("id", r.id()).put("exportingCountry", r.exportingCountry()).put("score", r.score())
                    .put("flagsJson", r.flagsJson()).put("state", r.state()).put("decision", r.decision());
            ActionLog.Action a = last.get(r.id());
            row.put("decidedBy", a == null ? "" : a.officerName());
            row.set("messages", ProtocolJson.mapper().valueToTree(messages.getOrDefault(r.id(), List.of())));
            NotificationView.listFields(row, r.envelopeJson(), r.state(), today, r.replyDeadline());
            rows.add(row);
        }
        return rows;
    }

    /** One notification's page, or null when none with this id was received. */
    public ObjectNode view(String id) throws IOException {
        ImporterStore.Received r = store.all().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (r == null) {
            return null;
        }
        return NotificationView.of(r.id(), r.state(), "importing", SignedDocument.fromJson(ProtocolJson.parse(r.envelopeJson())),
                verifier, ProtocolJson.parse(r.flagsJson() == null ? "[]" : r.flagsJson()), store.correspondence().of(id),
                store.actions().of(id), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), r.replyDeadline());
    }
}
