package org.pensim.protocol.lifecycle;

/** What fires a transition: an event type, and for replies the decision. */
public record Trigger(EventType type, Decision decision) {

    public Trigger {
        if ((type == EventType.REPLY) != (decision != null)) {
            throw new IllegalArgumentException("a decision belongs to REPLY events and to them only");
        }
    }

    /** One trigger per event type and per decision, shared: triggers are compared by value anyway. */
    private static final Trigger[] OF_TYPE = new Trigger[EventType.values().length];
    private static final Trigger[] REPLIES = new Trigger[Decision.values().length];

    static {
        for (EventType t : EventType.values()) {
            OF_TYPE[t.ordinal()] = t == EventType.REPLY ? null : new Trigger(t, null);
        }
        for (Decision d : Decision.values()) {
            REPLIES[d.ordinal()] = new Trigger(EventType.REPLY, d);
        }
    }

    public static Trigger of(EventType type) {
        Trigger t = OF_TYPE[type.ordinal()];
        return t != null ? t : new Trigger(type, null); // REPLY without a decision: the constructor says why not
    }

    public static Trigger reply(Decision decision) {
        return decision == null ? new Trigger(EventType.REPLY, null) : REPLIES[decision.ordinal()];
    }

    @Override
    public String toString() {
        return decision == null ? type.name() : type + "(" + decision + ")";
    }
}
