package org.pensim.registry.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import java.io.IOException;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.pki.AuthorityRole;

/**
 * The stored record of a notification and the atomic changes made to it where it lives: state
 * transitions decided by {@link LifecycleTransitions}, delivery, global flags.
 */
public final class NotificationRecords {

    private NotificationRecords() {
    }

    public static ObjectNode parse(HazelcastJsonValue v) {
        try {
            return (ObjectNode) ProtocolJson.parse(v.toString());
        } catch (IOException e) {
            throw new IllegalStateException("corrupt record", e);
        }
    }

    /** The signed notification a stored record holds. */
    public static org.pensim.protocol.notification.PreExportNotification notification(JsonNode record) {
        return ProtocolJson.fromTree(record.at("/envelope/document"), org.pensim.protocol.notification.PreExportNotification.class);
    }

    /**
     * Applies a lifecycle event if the table allows it in the current state; returns the outcome as
     * JSON: {@code accepted}, {@code state} (the new or current state), and when refused the reason and
     * the allowed events. Replaying the same event id is answered as accepted without a change.
     */
    public static final class ApplyEvent implements EntryProcessor<String, HazelcastJsonValue, String>,
            com.hazelcast.nio.serialization.IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private String eventId;
        private String sha256;
        private EventType type;
        private Decision decision;
        private AuthorityRole sender;
        private String at;
        private String deadlineAfterAnswer;

        /** For deserialization ({@link org.pensim.registry.cluster.ClusterSerialization}). */
        public ApplyEvent() {
        }

        @Override
        public int getFactoryId() {
            return org.pensim.registry.cluster.ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return org.pensim.registry.cluster.ClusterSerialization.APPLY_EVENT;
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeString(eventId);
            out.writeString(sha256);
            out.writeString(type == null ? null : type.name());
            out.writeString(decision == null ? null : decision.name());
            out.writeString(sender == null ? null : sender.name());
            out.writeString(at);
            out.writeString(deadlineAfterAnswer);
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            eventId = in.readString();
            sha256 = in.readString();
            String typeName = in.readString();
            type = typeName == null ? null : EventType.valueOf(typeName);
            String decisionName = in.readString();
            decision = decisionName == null ? null : Decision.valueOf(decisionName);
            String senderName = in.readString();
            sender = senderName == null ? null : AuthorityRole.valueOf(senderName);
            at = in.readString();
            deadlineAfterAnswer = in.readString();
        }

        public ApplyEvent(String eventId, String sha256, EventType type, Decision decision, AuthorityRole sender, String at) {
            this(eventId, sha256, type, decision, sender, at, null);
        }

        /**
         * @param deadlineAfterAnswer the importing country's new reply deadline (ISO date) when this event is the
         *                            exporting authority's answer to a request for information, else null
         */
        public ApplyEvent(String eventId, String sha256, EventType type, Decision decision, AuthorityRole sender, String at,
                String deadlineAfterAnswer) {
            this.eventId = eventId;
            this.sha256 = sha256;
            this.type = type;
            this.decision = decision;
            this.sender = sender;
            this.at = at;
            this.deadlineAfterAnswer = deadlineAfterAnswer;
        }

        @Override
        public String process(Map.Entry<String, HazelcastJsonValue> entry) {
            ObjectNode out = ProtocolJson.mapper().createObjectNode();
            if (entry.getValue() == null) {
                return out.put("accepted", false).put("missing", true).toString();
            }
            ObjectNode record = parse(entry.getValue());
            for (JsonNode e : record.withArray("events")) {
                if (e.path("eventId").asText().equals(eventId)) {
                    boolean same = e.path("sha256").asText().equals(sha256);
                    out.put("accepted", same).put("duplicate", true).put("sameContent", same)
                            .put("state", record.get("state").asText());
                    if (e.hasNonNull("replyDeadline")) {
                        out.put("replyDeadline", e.get("replyDeadline").asText()); // as the first request set it
                    }
                    return out.toString();
                }
            }
            NotificationState current = NotificationState.valueOf(record.get("state").asText());
            NotificationChannel channel = NotificationChannel.valueOf(record.get("channel").asText());
            LifecycleTransitions.Outcome o = LifecycleTransitions.apply(current, new Trigger(type, decision), channel, sender);
            if (!o.accepted()) {
                out.put("accepted", false).put("state", current.name()).put("refusal", o.refusal());
                ArrayNode allowed = out.putArray("allowed");
                o.allowed().forEach(t -> allowed.add(t.toString()));
                return out.toString();
            }
            record.put("state", o.next().name());
            ObjectNode e = record.withArray("events").addObject();
            e.put("eventId", eventId).put("type", type.name()).put("sha256", sha256).put("from", current.name())
                    .put("to", o.next().name()).put("at", at);
            if (decision != null) {
                e.put("decision", decision.name());
            }
            if (type == EventType.ANSWER && deadlineAfterAnswer != null) {
                // The importing authority's time to reply runs again from the answer, by its own rule.
                record.put("replyDeadline", deadlineAfterAnswer);
                e.put("replyDeadline", deadlineAfterAnswer);
            }
            entry.setValue(new HazelcastJsonValue(record.toString()));
            out.put("accepted", true).put("state", o.next().name()).put("from", current.name());
            if (e.hasNonNull("replyDeadline")) {
                out.put("replyDeadline", e.get("replyDeadline").asText());
            }
            return out.toString();
        }
    }

    /**
     * Adds global flags to a notification's entry in {@link org.pensim.registry.cluster.RegistryMaps#GLOBAL_FLAGS}
     * (a JSON array), each indicator once: screening again after a failover raises the same indicators.
     */
    public static final class AddFlags implements EntryProcessor<String, HazelcastJsonValue, Boolean>,
            com.hazelcast.nio.serialization.IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private String flagsJson;

        /** For deserialization ({@link org.pensim.registry.cluster.ClusterSerialization}). */
        public AddFlags() {
        }

        @Override
        public int getFactoryId() {
            return org.pensim.registry.cluster.ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return org.pensim.registry.cluster.ClusterSerialization.ADD_FLAGS;
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeString(flagsJson);
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            flagsJson = in.readString();
        }

        public AddFlags(String flagsJson) {
            this.flagsJson = flagsJson;
        }

        @Override
        public Boolean process(Map.Entry<String, HazelcastJsonValue> entry) {
            try {
                ArrayNode flags = entry.getValue() == null ? ProtocolJson.mapper().createArrayNode()
                        : (ArrayNode) ProtocolJson.parse(entry.getValue().getValue());
                if (!addNewIndicators(flags, ProtocolJson.parse(flagsJson))) {
                    return false;
                }
                entry.setValue(new HazelcastJsonValue(flags.toString()));
                return true;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Adds to {@code flags} those of {@code more} whose indicator it lacks; true when any was added. */
    private static boolean addNewIndicators(ArrayNode flags, JsonNode more) {
        java.util.Set<String> present = new java.util.HashSet<>();
        flags.forEach(f -> present.add(f.path("indicator").asText()));
        int before = flags.size();
        for (JsonNode f : more) {
            if (present.add(f.path("indicator").asText())) {
                flags.add(f);
            }
        }
        return flags.size() > before;
    }

    /**
     * A notification's global flags as readers see them: those in its flags entry, after any that records
     * written before the flags had their own map still carry.
     */
    public static ArrayNode globalFlags(ObjectNode record, HazelcastJsonValue flagsEntry) {
        ArrayNode out = record.has("globalFlags") ? ((ArrayNode) record.get("globalFlags")).deepCopy()
                : ProtocolJson.mapper().createArrayNode();
        if (flagsEntry != null) {
            try {
                addNewIndicators(out, ProtocolJson.parse(flagsEntry.getValue()));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable global flags of " + record.path("id").asText(), e);
            }
        }
        return out;
    }
}
