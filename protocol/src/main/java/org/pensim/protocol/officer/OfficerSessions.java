package org.pensim.protocol.officer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The officers of one authority's node and their sessions: sign-in against salted slow hashes, random
 * session tokens with an idle and an absolute lifetime, one anti-forgery (CSRF) token per session, and
 * accounts locked for a while after repeated failures. Time is read from the injected clock, so exercises
 * on accelerated time expire sessions in their own time.
 */
public final class OfficerSessions {

    /** Who took a decision. */
    public record Officer(String username, String name) {
    }

    /** A signed-in officer; {@code csrfToken} must accompany every request that changes something. */
    public record Session(String token, String csrfToken, Officer officer, Instant signedInAt) {
    }

    /** Why a sign-in was refused, in words an officer can act on. */
    public static final class SignInRefused extends Exception {
        public SignInRefused(String message) {
            super(message);
        }
    }

    private final Map<String, OfficerAccount> accounts = new LinkedHashMap<>();
    private final SignInPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** Hashed for unknown user names too, so that the answer's timing does not tell which names exist. */
    private final String decoy;

    private record Live(Session session, Instant lastSeen) {
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    private static final int MAX_TRACKED_NAMES = 10_000;
    private static final java.time.format.DateTimeFormatter LOCK_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    public OfficerSessions(List<OfficerAccount> accounts, SignInPolicy policy, Clock clock, SecureRandom random) {
        for (OfficerAccount a : accounts) {
            if (this.accounts.putIfAbsent(a.username(), a) != null) {
                throw new IllegalArgumentException("officer user name " + a.username() + " is configured twice");
            }
        }
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.decoy = PasswordHash.create("decoy".toCharArray(), random);
    }

    /**
     * The sessions of a node's configured officers. With no account configured, a node is still usable from
     * the machine it runs on: one account {@code officer} gets a random sign-in code, valid until the node
     * stops, handed to {@code announce} (printed by the node's command) and never written anywhere.
     */
    public static OfficerSessions forNode(OfficerSettings settings, Clock clock, java.util.function.Consumer<String> announce) {
        SecureRandom random = new SecureRandom();
        if (!settings.accounts().isEmpty()) {
            return new OfficerSessions(settings.accounts(), settings.signIn(), clock, random);
        }
        String code = signInCode(random);
        announce.accept("no officer accounts are configured (officers.accounts; see docs/security.md): sign in as"
                + " 'officer' with the code " + code + " (a new code at every start)");
        return new OfficerSessions(List.of(new OfficerAccount("officer", "Duty officer",
                PasswordHash.create(code.toCharArray(), random))), settings.signIn(), clock, random);
    }

    /** The characters of sign-in codes: none can be taken for another (22 of them, 16 make about 71 bits). */
    public static final String SIGN_IN_ALPHABET = "ACDEFHJKMNPQRTUVWXY349";

    /**
     * A code that is easy to read out and type: 16 letters and digits without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 6/G,
     * 8/B), in groups of four.
     */
    public static String signInCode(SecureRandom random) {
        String alphabet = SIGN_IN_ALPHABET;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    public SignInPolicy policy() {
        return policy;
    }

    public boolean hasAccount(String username) {
        return accounts.containsKey(username);
    }

    /** Checks the secret (slow by design: call it off the event loop) and opens a session. */
    public Session signIn(String typed, char[] secret) throws SignInRefused {
        Instant now = clock.instant();
        String username = typed == null ? null : typed.trim().toLowerCase(java.util.Locale.ROOT);
        OfficerAccount account = username == null ? null : accounts.get(username);
        Failures f = username == null ? null : failures.get(username);
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            throw new SignInRefused("too many wrong passwords for " + username + ": try again after "
                    + LOCK_TIME.format(f.lockedUntil().plusSeconds(59)) + " UTC");
        }
        boolean ok = PasswordHash.matches(secret, account == null ? decoy : account.passwordHash()) && account != null;
        if (!ok) {
            if (username != null) {
                // Unknown names are counted and locked too, so that a lock-out does not tell which names exist.
                if (failures.size() > MAX_TRACKED_NAMES) {
                    failures.clear();
                }
                int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
                failures.put(username, count >= policy.lockAfterFailures()
                        ? new Failures(count, now.plus(java.time.Duration.ofMinutes(policy.lockMinutes())))
                        : new Failures(count, null));
            }
            throw new SignInRefused("unknown user name or wrong password");
        }
        failures.remove(username);
        Session s = new Session(token(), token(), new Officer(account.username(), account.name()), now);
        sessions.put(s.token(), new Live(s, now));
        return s;
    }

    /** The session of a token, if it is still valid; each use extends its idle lifetime. */
    public Optional<Session> session(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Live live = sessions.get(token);
        if (live == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(live.lastSeen().plus(policy.idle())) || now.isAfter(live.session().signedInAt().plus(policy.maxAge()))) {
            sessions.remove(token);
            return Optional.empty();
        }
        sessions.put(token, new Live(live.session(), now));
        return Optional.of(live.session());
    }

    /** Whether a request's anti-forgery token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    public void signOut(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
