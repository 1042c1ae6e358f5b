package org.pensim.protocol.lifecycle;

/** What fires a transition: an event type, and for replies the decision. */
public record Trigger(EventType type, Decision decision) {

    public Trigger {
        if ((type == EventType.REPLY) != (decision != null)) {
            throw new IllegalArgumentException("a decision belongs to REPLY events and to them only");
        }
    }

    public static Trigger of(EventType type) {
        return new Trigger(type, null);
    }

    public static Trigger reply(Decision decision) {
        return new Trigger(EventType.REPLY, decision);
    }

    @Override
    public String toString() {
        return decision == null ? type.name() : type + "(" + decision + ")";
    }
}
