package org.pensim.protocol.lifecycle;

import static org.pensim.protocol.lifecycle.NotificationState.DELIVERED;
import static org.pensim.protocol.lifecycle.NotificationState.INFO_REQUESTED;
import static org.pensim.protocol.lifecycle.NotificationState.NO_OBJECTION;
import static org.pensim.protocol.lifecycle.NotificationState.NO_REPLY;
import static org.pensim.protocol.lifecycle.NotificationState.OBJECTION;
import static org.pensim.protocol.lifecycle.NotificationState.RECEIVED;
import static org.pensim.protocol.lifecycle.NotificationState.SHIPPED;
import static org.pensim.protocol.lifecycle.NotificationState.STOPPED;
import static org.pensim.protocol.lifecycle.NotificationState.SUBMITTED;
import static org.pensim.protocol.lifecycle.NotificationState.WITHDRAWN;
import static org.pensim.protocol.pki.AuthorityRole.EXPORTING;
import static org.pensim.protocol.pki.AuthorityRole.IMPORTING;
import static org.pensim.protocol.pki.AuthorityRole.OPERATOR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.pki.AuthorityRole;

/**
 * The notification lifecycle, written once as a table (domain README, "Lifecycle"). Every module asks
 * this class whether an event may be applied, by whom, and what state follows.
 */
public final class LifecycleTransitions {

    /**
     * One row: in state {@code from}, {@code trigger} sent by one of {@code senders} leads to {@code to}.
     * {@code channel} restricts the row to one channel; null means both.
     */
    public record Transition(NotificationState from, Trigger trigger, Set<AuthorityRole> senders,
            NotificationState to, NotificationChannel channel) {
    }

    private static final Trigger NO_OBJECTION_REPLY = Trigger.reply(Decision.NO_OBJECTION);
    private static final Trigger OBJECTION_REPLY = Trigger.reply(Decision.OBJECTION);
    private static final Trigger INFO_REQUEST = Trigger.reply(Decision.INFO_REQUESTED);

    /** The table. Read top to bottom against the domain README. */
    public static final List<Transition> TABLE = table(
            //  from            trigger                               sent by                  to
            row(SUBMITTED,      Trigger.of(EventType.DELIVER),        Set.of(OPERATOR),        DELIVERED),
            row(DELIVERED,      NO_OBJECTION_REPLY,                   Set.of(IMPORTING),       NO_OBJECTION),
            row(DELIVERED,      OBJECTION_REPLY,                      Set.of(IMPORTING),       OBJECTION),
            row(DELIVERED,      INFO_REQUEST,                         Set.of(IMPORTING),       INFO_REQUESTED),
            row(INFO_REQUESTED, Trigger.of(EventType.ANSWER),         Set.of(EXPORTING),       DELIVERED),
            row(DELIVERED,      Trigger.of(EventType.DEADLINE_PASSED), Set.of(OPERATOR),       NO_REPLY),
            // model choice: a late reply still counts
            row(NO_REPLY,       NO_OBJECTION_REPLY,                   Set.of(IMPORTING),       NO_OBJECTION),
            row(NO_REPLY,       OBJECTION_REPLY,                      Set.of(IMPORTING),       OBJECTION),
            row(NO_REPLY,       INFO_REQUEST,                         Set.of(IMPORTING),       INFO_REQUESTED),
            row(NO_OBJECTION,   Trigger.of(EventType.SHIP),           Set.of(EXPORTING),       SHIPPED),
            // the exporter may proceed after silence, per its national rule
            row(NO_REPLY,       Trigger.of(EventType.SHIP),           Set.of(EXPORTING),       SHIPPED),
            // voluntary notifications expect no reply
            new Transition(DELIVERED, Trigger.of(EventType.SHIP), Set.of(EXPORTING), SHIPPED,
                    NotificationChannel.VOLUNTARY),
            row(SHIPPED,        Trigger.of(EventType.RECEIVE),        Set.of(IMPORTING),       RECEIVED),
            // a withdrawal cancels a shipment that will not take place: once the goods have left, only a stop halts them
            fromEveryNonFinalStateBut(SHIPPED, Trigger.of(EventType.WITHDRAW), Set.of(EXPORTING), WITHDRAWN),
            fromEveryNonFinalState(Trigger.of(EventType.STOP),        Set.of(EXPORTING, IMPORTING), STOPPED));

    private LifecycleTransitions() {
    }

    /** The outcome of asking whether an event applies: the next state, or why not. */
    public record Outcome(NotificationState next, String refusal, List<Trigger> allowed) {
        public boolean accepted() {
            return next != null;
        }
    }

    /** The row that applies, if any. */
    public static Optional<Transition> find(NotificationState from, Trigger trigger, NotificationChannel channel) {
        for (Transition t : TABLE) {
            if (t.from() == from && t.trigger().equals(trigger) && (t.channel() == null || t.channel() == channel)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The state that follows, or null when the table refuses: {@link #apply} without composing the
     * refusal, for callers that only need the answer (a simulation asks this a few times per notification).
     */
    public static NotificationState next(NotificationState from, Trigger trigger, NotificationChannel channel,
            AuthorityRole sender) {
        for (Transition t : TABLE) {
            if (t.from() == from && t.trigger().equals(trigger) && (t.channel() == null || t.channel() == channel)) {
                return t.senders().contains(sender) ? t.to() : null;
            }
        }
        return null;
    }

    /** Decides whether {@code sender} may fire {@code trigger} in state {@code from}. */
    public static Outcome apply(NotificationState from, Trigger trigger, NotificationChannel channel,
            AuthorityRole sender) {
        Optional<Transition> row = find(from, trigger, channel);
        if (row.isPresent() && row.get().senders().contains(sender)) {
            return new Outcome(row.get().to(), null, List.of());
        }
        List<Trigger> allowed = allowed(from, channel, sender);
        if (row.isEmpty()) {
            return new Outcome(null, trigger + " is not allowed in state " + from
                    + (allowed.isEmpty() ? "; no event is allowed there" : "; allowed: " + allowed), allowed);
        }
        if (!row.get().senders().contains(sender)) {
            return new Outcome(null, trigger + " in state " + from + " may be sent only by the "
                    + row.get().senders().stream().map(r -> r.label() + " authority").sorted().toList()
                    + ", not by the " + sender.label() + " authority", allowed);
        }
        return new Outcome(row.get().to(), null, allowed);
    }

    /** The triggers {@code sender} may fire in state {@code from}. */
    public static List<Trigger> allowed(NotificationState from, NotificationChannel channel, AuthorityRole sender) {
        return TABLE.stream()
                .filter(t -> t.from() == from && t.senders().contains(sender))
                .filter(t -> t.channel() == null || t.channel() == channel)
                .map(Transition::trigger)
                .distinct()
                .toList();
    }

    private static Transition[] row(NotificationState from, Trigger trigger, Set<AuthorityRole> senders,
            NotificationState to) {
        return new Transition[] {new Transition(from, trigger, senders, to, null)};
    }

    private static Transition[] fromEveryNonFinalState(Trigger trigger, Set<AuthorityRole> senders,
            NotificationState to) {
        return fromEveryNonFinalStateBut(null, trigger, senders, to);
    }

    private static Transition[] fromEveryNonFinalStateBut(NotificationState except, Trigger trigger, Set<AuthorityRole> senders,
            NotificationState to) {
        return Arrays.stream(NotificationState.values())
                .filter(s -> !s.isFinal() && s != except)
                .map(s -> new Transition(s, trigger, senders, to, null))
                .toArray(Transition[]::new);
    }

    private static List<Transition> table(Object... rows) {
        List<Transition> all = new ArrayList<>();
        for (Object r : rows) {
            if (r instanceof Transition t) {
                all.add(t);
            } else {
                all.addAll(Arrays.asList((Transition[]) r));
            }
        }
        return List.copyOf(all);
    }
}
