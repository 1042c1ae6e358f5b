package org.pensim.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.PreExportNotification;

/** Edits the example notification by JSON Pointer, then binds it: compact test set-up. */
public final class NotificationDraft {

    private final ObjectNode doc;

    private NotificationDraft(ObjectNode doc) {
        this.doc = doc;
    }

    public static NotificationDraft example() {
        return new NotificationDraft(Examples.notification());
    }

    public NotificationDraft set(String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(name), value);
        } else {
            ((ObjectNode) parent).put(name, value);
        }
        return this;
    }

    public NotificationDraft set(String pointer, boolean value) {
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) doc.at(pointer.substring(0, slash))).put(pointer.substring(slash + 1), value);
        return this;
    }

    public NotificationDraft remove(String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(name));
        } else {
            ((ObjectNode) parent).remove(name);
        }
        return this;
    }

    public NotificationDraft transit(String... countries) {
        ArrayNode t = ((ObjectNode) doc.at("/route")).putArray("transitCountries");
        for (String c : countries) {
            t.add(c);
        }
        return this;
    }

    /** Keeps only the first item (pseudoephedrine hydrochloride). */
    public NotificationDraft singleItem() {
        ((ArrayNode) doc.get("items")).remove(1);
        return this;
    }

    public ObjectNode json() {
        return doc;
    }

    public PreExportNotification build() {
        return ProtocolJson.fromTree(doc, PreExportNotification.class);
    }
}
