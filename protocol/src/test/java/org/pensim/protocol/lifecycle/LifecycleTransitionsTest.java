package org.pensim.protocol.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.protocol.lifecycle.NotificationState.*;
import static org.pensim.protocol.pki.AuthorityRole.EXPORTING;
import static org.pensim.protocol.pki.AuthorityRole.IMPORTING;
import static org.pensim.protocol.pki.AuthorityRole.OPERATOR;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.pki.AuthorityRole;

/** Checks the table against the domain README's "Lifecycle" section, path by path. */
class LifecycleTransitionsTest {

    private static final NotificationChannel FULL = NotificationChannel.FULL;

    @ParameterizedTest(name = "{0} --{1}({2}) by {3}--> {4}")
    @CsvSource({
            "SUBMITTED,      DELIVER,         ,               OPERATOR,  DELIVERED",
            "DELIVERED,      REPLY,           NO_OBJECTION,   IMPORTING, NO_OBJECTION",
            "DELIVERED,      REPLY,           OBJECTION,      IMPORTING, OBJECTION",
            "DELIVERED,      REPLY,           INFO_REQUESTED, IMPORTING, INFO_REQUESTED",
            "INFO_REQUESTED, ANSWER,          ,               EXPORTING, DELIVERED",
            "DELIVERED,      DEADLINE_PASSED, ,               OPERATOR,  NO_REPLY",
            "NO_REPLY,       REPLY,           OBJECTION,      IMPORTING, OBJECTION",
            "NO_OBJECTION,   SHIP,            ,               EXPORTING, SHIPPED",
            "NO_REPLY,       SHIP,            ,               EXPORTING, SHIPPED",
            "SHIPPED,        RECEIVE,         ,               IMPORTING, RECEIVED",
            "OBJECTION,      WITHDRAW,        ,               EXPORTING, WITHDRAWN",
            "SHIPPED,        STOP,            ,               IMPORTING, STOPPED",
            "DELIVERED,      STOP,            ,               EXPORTING, STOPPED"
    })
    void the_paths_of_the_domain_model_are_allowed(NotificationState from, EventType type, Decision decision,
            AuthorityRole by, NotificationState to) {
        var outcome = LifecycleTransitions.apply(from, new Trigger(type, decision), FULL, by);
        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.next()).isEqualTo(to);
    }

    @Test
    void final_states_allow_nothing() {
        for (NotificationState s : NotificationState.values()) {
            if (s.isFinal()) {
                for (AuthorityRole r : AuthorityRole.values()) {
                    assertThat(LifecycleTransitions.allowed(s, FULL, r)).as(s + " " + r).isEmpty();
                }
            }
        }
        assertThat(Arrays.stream(NotificationState.values()).filter(NotificationState::isFinal))
                .containsExactlyInAnyOrder(RECEIVED, WITHDRAWN, STOPPED);
    }

    @Test
    void withdrawal_is_possible_from_every_non_final_state_before_shipment_and_stop_from_every_one() {
        assertThat(LifecycleTransitions.allowed(SHIPPED, FULL, EXPORTING)).as("the goods have left: stop them, not withdraw")
                .contains(Trigger.of(EventType.STOP)).doesNotContain(Trigger.of(EventType.WITHDRAW));
        for (NotificationState s : NotificationState.values()) {
            if (!s.isFinal() && s != SHIPPED) {
                assertThat(LifecycleTransitions.allowed(s, FULL, EXPORTING)).as(s.name())
                        .contains(Trigger.of(EventType.WITHDRAW), Trigger.of(EventType.STOP));
                assertThat(LifecycleTransitions.allowed(s, FULL, IMPORTING)).as(s.name())
                        .contains(Trigger.of(EventType.STOP)).doesNotContain(Trigger.of(EventType.WITHDRAW));
            }
        }
    }

    @Test
    void a_refusal_names_the_state_and_the_allowed_events() {
        var outcome = LifecycleTransitions.apply(OBJECTION, Trigger.of(EventType.SHIP), FULL, EXPORTING);
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.refusal()).isEqualTo("SHIP is not allowed in state OBJECTION; allowed: [WITHDRAW, STOP]");
    }

    @Test
    void a_refusal_names_who_may_send_the_event() {
        var outcome = LifecycleTransitions.apply(DELIVERED, Trigger.reply(Decision.OBJECTION), FULL, EXPORTING);
        assertThat(outcome.refusal()).isEqualTo(
                "REPLY(OBJECTION) in state DELIVERED may be sent only by the [importing authority], not by the exporting authority");
        assertThat(LifecycleTransitions.apply(SUBMITTED, Trigger.of(EventType.DELIVER), FULL, IMPORTING).accepted()).isFalse();
    }

    @Test
    void shipping_without_a_reply_is_only_for_voluntary_notifications() {
        assertThat(LifecycleTransitions.apply(DELIVERED, Trigger.of(EventType.SHIP), FULL, EXPORTING).accepted()).isFalse();
        assertThat(LifecycleTransitions.apply(DELIVERED, Trigger.of(EventType.SHIP), NotificationChannel.VOLUNTARY,
                EXPORTING).next()).isEqualTo(SHIPPED);
    }

    @Test
    void every_state_but_submitted_is_reachable_and_the_operator_only_delivers_and_times_out() {
        for (NotificationState s : NotificationState.values()) {
            if (s != SUBMITTED) {
                assertThat(LifecycleTransitions.TABLE).as(s.name()).anyMatch(t -> t.to() == s);
            }
        }
        assertThat(LifecycleTransitions.TABLE.stream().filter(t -> t.senders().contains(OPERATOR))
                .map(t -> t.trigger().type()).distinct())
                .containsExactlyInAnyOrder(EventType.DELIVER, EventType.DEADLINE_PASSED);
    }

    @Test
    void the_table_is_deterministic() {
        for (var t : LifecycleTransitions.TABLE) {
            assertThat(LifecycleTransitions.TABLE.stream().filter(o -> o.from() == t.from()
                    && o.trigger().equals(t.trigger()) && (o.channel() == null || t.channel() == null
                    || o.channel() == t.channel()) && o.to() != t.to())).as(t.toString()).isEmpty();
        }
    }

    @Test
    void next_answers_as_apply_does_for_every_state_trigger_channel_and_sender() {
        int accepted = 0;
        for (NotificationState from : NotificationState.values()) {
            for (EventType type : EventType.values()) {
                for (Decision decision : type == EventType.REPLY ? Decision.values() : new Decision[] {null}) {
                    Trigger trigger = decision == null ? Trigger.of(type) : Trigger.reply(decision);
                    for (NotificationChannel channel : NotificationChannel.values()) {
                        for (AuthorityRole sender : AuthorityRole.values()) {
                            var outcome = LifecycleTransitions.apply(from, trigger, channel, sender);
                            assertThat(LifecycleTransitions.next(from, trigger, channel, sender))
                                    .as("%s %s %s %s", from, trigger, channel, sender).isEqualTo(outcome.next());
                            accepted += outcome.accepted() ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertThat(accepted).as("transitions accepted somewhere").isGreaterThan(10);
    }

    @Test
    void triggers_are_shared_and_still_refuse_a_reply_without_decision() {
        assertThat(Trigger.of(EventType.SHIP)).isSameAs(Trigger.of(EventType.SHIP)).isEqualTo(new Trigger(EventType.SHIP, null));
        assertThat(Trigger.reply(Decision.OBJECTION)).isEqualTo(new Trigger(EventType.REPLY, Decision.OBJECTION));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trigger.of(EventType.REPLY))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trigger.reply(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
