package org.pensim.simulations.exercise;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.simulations.exercise.Exercise.Participant;

/**
 * Who is signed in to the exercise's web address: a session per sign-in, held in a cookie, with the anti-forgery
 * token that every request changing something must carry.
 */
final class ParticipantSessions {

    static final String COOKIE = "pensim_exercise";

    /** A participant's session, with its anti-forgery token. */
    private record Session(Participant participant, String csrfToken) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Opens a session for {@code p} and sets its cookie on the answer; returns the session's anti-forgery token. */
    String open(Participant p, RoutingContext ctx) {
        String session = token();
        String csrf = token();
        sessions.put(session, new Session(p, csrf));
        ctx.response().addCookie(Cookie.cookie(COOKIE, session).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT));
        return csrf;
    }

    /** Ends the request's session, if any, and clears its cookie. */
    void close(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        if (c != null) {
            sessions.remove(c.getValue());
        }
        ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
    }

    /** The participant signed in on this request, or null. */
    Participant participant(RoutingContext ctx) {
        Session s = session(ctx);
        return s == null ? null : s.participant();
    }

    /** The anti-forgery token of this request's session, or null when it has none. */
    String csrfToken(RoutingContext ctx) {
        Session s = session(ctx);
        return s == null ? null : s.csrfToken();
    }

    private Session session(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null ? null : sessions.get(c.getValue());
    }

    /**
     * A signed-in participant's requests that change something carry the session's token in
     * {@value OfficerSignIn#CSRF_HEADER}, so that another site cannot make the browser act for them.
     */
    void requireAntiForgeryToken(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        Session s = session(ctx);
        if (s == null || m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS
                || ctx.request().path().equals("/api/signin")
                || java.security.MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.US_ASCII),
                        String.valueOf(ctx.request().getHeader(OfficerSignIn.CSRF_HEADER)).getBytes(StandardCharsets.US_ASCII))) {
            ctx.next();
            return;
        }
        ProblemAnswer.send(ctx, 403, "Missing or wrong anti-forgery token", "a request that changes something must carry this "
                + "session's " + OfficerSignIn.CSRF_HEADER + " header (GET /api/me gives it); reload the page and try again");
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
