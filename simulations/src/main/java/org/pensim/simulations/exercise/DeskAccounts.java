package org.pensim.simulations.exercise;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.officer.OfficerAccount;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.officer.PasswordHash;
import org.pensim.protocol.officer.SignInPolicy;
import org.pensim.simulations.exercise.Exercise.Participant;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;

/**
 * The officer accounts of an exercise's nodes: each participant who may use a country's desks has an
 * account there whose secret is the participant's sign-in code, so the nodes record decisions with the
 * participant's name and the exercise server signs in to them on the participant's behalf.
 */
final class DeskAccounts {

    private final Map<Participant, String> usernames = new LinkedHashMap<>();
    private final Map<Participant, String> hashes = new LinkedHashMap<>();

    DeskAccounts(List<Participant> participants, SecureRandom random) {
        for (Participant p : participants) {
            usernames.put(p, "participant-" + (usernames.size() + 1));
            hashes.put(p, PasswordHash.create(p.code().toCharArray(), random));
        }
    }

    String username(Participant p) {
        return usernames.get(p);
    }

    /**
     * The sessions of one country's nodes: its officers, the trainers and the observers (the exercise server
     * keeps observers to reading). Sessions run on the wall clock: people's sessions do not age with the
     * exercise's accelerated time.
     */
    OfficerSessions forCountry(String country) {
        List<OfficerAccount> accounts = new ArrayList<>();
        usernames.forEach((p, username) -> {
            if (p.role() != ParticipantRole.OFFICER || country.equals(p.country())) {
                accounts.add(new OfficerAccount(username, p.name(), hashes.get(p)));
            }
        });
        return new OfficerSessions(accounts, SignInPolicy.defaults(), Clock.systemUTC(), new SecureRandom());
    }

    /**
     * A participant's sign-in code: eight characters, none of which can be taken for another when a code is read aloud,
     * copied from a screen or handed out on paper (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B); eight of them make about 36 bits,
     * with the desks' sign-in throttling more than an exercise needs.
     */
    static String signInCode(java.security.SecureRandom random) {
        String alphabet = org.pensim.protocol.officer.OfficerSessions.SIGN_IN_ALPHABET;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
