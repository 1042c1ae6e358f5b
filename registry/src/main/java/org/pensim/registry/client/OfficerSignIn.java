package org.pensim.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.OfficerSessions;

/**
 * Officers' sign-in for an authority's node: {@code POST /api/session} signs in, {@code GET /api/session}
 * says who is signed in and gives the session's anti-forgery token, {@code DELETE /api/session} signs out.
 * Every other {@code /api/} request needs a session cookie (HttpOnly, SameSite=Strict, Secure unless
 * configured otherwise), and every request that changes something also the header {@value #CSRF_HEADER}.
 * The pages load {@code /officer.js}, which shows the sign-in form and adds that header.
 */
public final class OfficerSignIn {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String OFFICER = "pensim.officer";

    private final OfficerSessions sessions;
    private final String cookieName;
    private final WorkerExecutor worker;
    private final Buffer script;

    /** @param cookieName distinct per node on one host: browsers share cookies across ports */
    public OfficerSignIn(OfficerSessions sessions, String cookieName, WorkerExecutor worker) {
        this.sessions = sessions;
        this.cookieName = cookieName;
        this.worker = worker;
        this.script = resource("webroot/officer/officer.js");
    }

    static Buffer resource(String name) {
        try (InputStream in = OfficerSignIn.class.getClassLoader().getResourceAsStream(name)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(name + " is missing from the class path", e);
        }
    }

    /** Adds the sign-in routes and the guard of {@code /api/*}; call it after the body handler and before the API's routes. */
    public void install(Router router) {
        router.get("/officer.js").handler(ctx -> ctx.response().putHeader("content-type", "text/javascript; charset=utf-8")
                .putHeader("cache-control", "no-cache").end(script));
        router.post("/api/session").handler(this::signIn);
        router.route("/api/*").handler(this::guard);
        router.get("/api/session").handler(ctx -> ctx.json(who(session(ctx))));
        router.delete("/api/session").handler(ctx -> {
            sessions.signOut(token(ctx));
            ctx.response().addCookie(cookie("").setMaxAge(0));
            ctx.json(Map.of("signedOut", true));
        });
    }

    /** The officer who sent this request; the guard has made sure there is one. */
    public static OfficerSessions.Officer officer(RoutingContext ctx) {
        return ((OfficerSessions.Session) ctx.get(OFFICER)).officer();
    }

    private OfficerSessions.Session session(RoutingContext ctx) {
        return ctx.get(OFFICER);
    }

    private void guard(RoutingContext ctx) {
        // What an officer's session reads is not kept by the browser: Back after signing out must not show it again.
        ctx.response().putHeader("cache-control", "no-store");
        var session = sessions.session(token(ctx));
        if (session.isEmpty()) {
            problem(ctx, 401, "Not signed in", "sign in first: you have not signed in, or your session ended");
            return;
        }
        HttpMethod m = ctx.request().method();
        boolean changes = !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
        if (changes && !OfficerSessions.csrfMatches(session.get(), ctx.request().getHeader(CSRF_HEADER))) {
            problem(ctx, 403, "Missing or wrong anti-forgery token", "a request that changes something must carry this session's "
                    + CSRF_HEADER + " header (GET /api/session gives it); reload the page and try again");
            return;
        }
        ctx.put(OFFICER, session.get());
        ctx.next();
    }

    private void signIn(RoutingContext ctx) {
        JsonNode body;
        try {
            body = ctx.body().buffer() == null ? null : ProtocolJson.parse(ctx.body().buffer().getBytes());
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            problem(ctx, 400, "Bad request", "send {\"username\": \"...\", \"password\": \"...\"} as JSON");
            return;
        }
        String username = body.get("username").asText().trim();
        char[] password = body.get("password").asText().toCharArray();
        worker.<OfficerSessions.Session>executeBlocking(() -> sessions.signIn(username, password), false).onComplete(r -> {
            java.util.Arrays.fill(password, '\0');
            if (r.failed()) {
                problem(ctx, 401, "Sign-in refused", r.cause() instanceof OfficerSessions.SignInRefused
                        ? r.cause().getMessage() : "the sign-in could not be checked");
                return;
            }
            ctx.response().addCookie(cookie(r.result().token()));
            ctx.json(who(r.result()));
        });
    }

    private Cookie cookie(String value) {
        return Cookie.cookie(cookieName, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(sessions.policy().secureCookies());
    }

    private String token(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(cookieName);
        return c == null ? null : c.getValue();
    }

    private static Map<String, Object> who(OfficerSessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.officer().username());
        m.put("name", s.officer().name());
        m.put("csrfToken", s.csrfToken());
        m.put("signedInAt", s.signedInAt().toString());
        return m;
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
                .end(ProtocolJson.mapper().createObjectNode().put("type", "about:blank").put("title", title)
                        .put("status", status).put("detail", detail).toString());
    }
}
