package org.pensim.protocol.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficerSessionsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static final SecureRandom RANDOM = new SecureRandom();
    static final List<OfficerAccount> ACCOUNTS = List.of(
            new OfficerAccount("anna", "Anna Kowalska", PasswordHash.create("anna's pass".toCharArray(), RANDOM)),
            new OfficerAccount("ben", "Ben Okafor", PasswordHash.create("ben's pass".toCharArray(), RANDOM)));

    @Test
    void a_sign_in_opens_a_session_with_its_own_tokens_and_sign_out_ends_it() throws Exception {
        OfficerSessions sessions = new OfficerSessions(ACCOUNTS, SignInPolicy.defaults(), new HandClock(), RANDOM);
        OfficerSessions.Session first = sessions.signIn("anna", "anna's pass".toCharArray());
        OfficerSessions.Session second = sessions.signIn("anna", "anna's pass".toCharArray());
        assertThat(first.officer()).isEqualTo(new OfficerSessions.Officer("anna", "Anna Kowalska"));
        assertThat(sessions.signIn(" Anna ", "anna's pass".toCharArray()).officer().username()).as("names ignore case")
                .isEqualTo("anna");
        assertThat(first.token()).isNotEqualTo(second.token()).isNotEqualTo(first.csrfToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken());
        assertThat(sessions.session(first.token())).contains(first);
        assertThat(OfficerSessions.csrfMatches(first, first.csrfToken())).isTrue();
        assertThat(OfficerSessions.csrfMatches(first, second.csrfToken())).isFalse();
        assertThat(OfficerSessions.csrfMatches(first, null)).isFalse();
        sessions.signOut(first.token());
        assertThat(sessions.session(first.token())).isEmpty();
        assertThat(sessions.session(second.token())).isPresent();
        assertThat(sessions.session("made-up")).isEmpty();
        assertThat(sessions.session(null)).isEmpty();
    }

    @Test
    void unknown_names_and_wrong_passwords_get_the_same_answer() {
        OfficerSessions sessions = new OfficerSessions(ACCOUNTS, SignInPolicy.defaults(), new HandClock(), RANDOM);
        assertThatThrownBy(() -> sessions.signIn("anna", "ben's pass".toCharArray()))
                .isInstanceOf(OfficerSessions.SignInRefused.class).hasMessage("unknown user name or wrong password");
        assertThatThrownBy(() -> sessions.signIn("nobody", "anna's pass".toCharArray()))
                .isInstanceOf(OfficerSessions.SignInRefused.class).hasMessage("unknown user name or wrong password");
    }

    @Test
    void a_session_ends_after_its_idle_time_and_at_the_latest_after_its_maximum_age() throws Exception {
        HandClock clock = new HandClock();
        OfficerSessions sessions = new OfficerSessions(ACCOUNTS, new SignInPolicy(30, 2, 5, 15, true), clock, RANDOM);
        OfficerSessions.Session s = sessions.signIn("ben", "ben's pass".toCharArray());
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(29)); // each use extends the idle time
            assertThat(sessions.session(s.token())).isPresent();
        }
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.session(s.token())).as("idle for 31 minutes").isEmpty();

        OfficerSessions.Session busy = sessions.signIn("ben", "ben's pass".toCharArray());
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.session(busy.token())).isPresent();
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(sessions.session(busy.token())).as("2 h 1 min after sign-in, though busy").isEmpty();
    }

    @Test
    void repeated_wrong_passwords_lock_the_account_for_a_while_and_not_the_others() throws Exception {
        HandClock clock = new HandClock();
        OfficerSessions sessions = new OfficerSessions(ACCOUNTS, new SignInPolicy(30, 12, 3, 15, true), clock, RANDOM);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sessions.signIn("anna", "guess".toCharArray())).hasMessageContaining("wrong password");
        }
        assertThatThrownBy(() -> sessions.signIn("anna", "anna's pass".toCharArray()))
                .hasMessage("too many wrong passwords for anna: try again after 2026-03-02 08:15 UTC");
        // An unknown name gets the same answer, so that lock-outs do not reveal which names exist.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sessions.signIn("ghost", "guess".toCharArray())).hasMessageContaining("wrong password");
        }
        assertThatThrownBy(() -> sessions.signIn("ghost", "guess".toCharArray()))
                .hasMessage("too many wrong passwords for ghost: try again after 2026-03-02 08:15 UTC");
        assertThat(sessions.signIn("ben", "ben's pass".toCharArray()).officer().username()).isEqualTo("ben");
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.signIn("anna", "anna's pass".toCharArray()).officer().username()).isEqualTo("anna");
    }

    @Test
    void a_node_without_accounts_prints_a_fresh_code_for_the_duty_officer() throws Exception {
        StringBuilder printed = new StringBuilder();
        OfficerSessions sessions = OfficerSessions.forNode(new OfficerSettings(List.of(), null), new HandClock(), printed::append);
        String code = printed.toString().replaceAll(".*the code ([A-Z0-9-]+) .*", "$1");
        assertThat(code).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        assertThat(sessions.signIn("officer", code.toCharArray()).officer().name()).isEqualTo("Duty officer");
        StringBuilder again = new StringBuilder();
        OfficerSessions.forNode(new OfficerSettings(List.of(), null), new HandClock(), again::append);
        assertThat(again.toString()).doesNotContain(code);
        StringBuilder none = new StringBuilder();
        OfficerSessions.forNode(new OfficerSettings(ACCOUNTS, null), new HandClock(), none::append);
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> new OfficerSessions(List.of(ACCOUNTS.get(0), ACCOUNTS.get(0)), SignInPolicy.defaults(),
                new HandClock(), RANDOM)).hasMessageContaining("configured twice");
    }

    @Test
    void a_nodes_own_sign_in_code_has_no_look_alike_characters() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 500; i++) {
            org.assertj.core.api.Assertions.assertThat(OfficerSessions.signInCode(random))
                    .matches("([A-Z0-9]{4}-){3}[A-Z0-9]{4}").doesNotContainPattern("[0O1IL2Z5S6G8B]");
        }
    }
}
