package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.simulations.exercise.Exercise.Participant;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * The participants' way to their country's node pages ({@code /c/CC/importer/...}, {@code /c/CC/exporter/...}):
 * each request passes here under the exercise server's own session on the node, and what the page showed
 * (injects in a list) and what the officer did is recorded with who did it.
 */
final class DeskProxy {

    private static final Pattern DESK_PATH = Pattern.compile("^/c/([A-Z]{2})(/.*)?$");
    private static final Pattern NOTIFICATION_ACTION = Pattern.compile("^/api/notifications/([^/?]+)/([a-z]+)");

    /** A session on a node, opened by the exercise server for a participant. */
    private record NodeSession(String cookie, String csrfToken) {
    }

    private final Exercise exercise;
    private final ParticipantSessions sessions;
    private final HttpClient nodes;
    private final WorkerExecutor worker;
    /** The exercise server's own sessions on the nodes, one per participant and node port. */
    private final Map<String, NodeSession> nodeSessions = new ConcurrentHashMap<>();
    /** Participant and inject pairs already recorded as shown: each is recorded once. */
    private final Set<String> shown = ConcurrentHashMap.newKeySet();

    DeskProxy(Exercise exercise, ParticipantSessions sessions, HttpClient nodes, WorkerExecutor worker) {
        this.exercise = exercise;
        this.sessions = sessions;
        this.nodes = nodes;
        this.worker = worker;
    }

    /**
     * Passes a request on to the node of the country's desk and records what the participant saw and
     * did. Hand-written rather than a generic reverse proxy because it must read both bodies to know
     * which injects were shown and which decisions were taken, and by whom.
     */
    void handle(RoutingContext ctx) {
        if (exercise == null) {
            ProblemAnswer.send(ctx, 409, "Replay", "the nodes do not run during a replay");
            return;
        }
        Matcher at = DESK_PATH.matcher(ctx.request().path());
        if (!at.matches()) {
            ProblemAnswer.send(ctx, 404, "Not found", "desks are at /c/CC/importer/ and /c/CC/exporter/ (CC: a country code)");
            return;
        }
        String cc = at.group(1);
        Participant p = sessions.participant(ctx);
        String rest = at.group(2) == null ? "" : at.group(2);
        if (p == null) {
            if (rest.startsWith("/importer/api/") || rest.startsWith("/exporter/api/")) {
                ProblemAnswer.send(ctx, 401, "Not signed in", "sign in with your code first");
            } else {
                ctx.redirect("/");
            }
            return;
        }
        boolean allowed = p.role() == ParticipantRole.TRAINER
                || (p.role() == ParticipantRole.OBSERVER && ctx.request().method() == HttpMethod.GET)
                || (p.role() == ParticipantRole.OFFICER && cc.equals(p.country()));
        if (!allowed) {
            ProblemAnswer.send(ctx, 403, "Forbidden", p.name() + " plays " + (p.country() == null ? "no country" : p.country())
                    + " and may not use the desks of " + cc);
            return;
        }
        if (rest.isEmpty() || rest.equals("/")) {
            if (rest.isEmpty()) {
                ctx.redirect("/c/" + cc + "/");
            } else {
                ctx.reroute("/exercise/desk.html");
            }
            return;
        }
        String desk = rest.startsWith("/importer") ? "importer" : rest.startsWith("/exporter") ? "exporter" : null;
        int port = desk == null ? -1 : desk.equals("importer") ? exercise.importerPort(cc) : exercise.exporterPort(cc);
        if (port < 0) {
            ProblemAnswer.send(ctx, 404, "Not found", "no " + (desk == null ? "desk" : desk + " node") + " for " + cc + " in this exercise");
            return;
        }
        String path = rest.substring(desk.length() + 1);
        if (path.isEmpty()) {
            ctx.redirect("/c/" + cc + "/" + desk + "/");
            return;
        }
        if (path.equals("/api/session")) {
            // Participants sign in and out here, once, not on each node.
            if (ctx.request().method() == HttpMethod.GET) {
                ctx.json(Map.of("username", exercise.deskUsername(p), "name", p.name(), "managed", true, "csrfToken",
                        sessions.csrfToken(ctx)));
            } else {
                ProblemAnswer.send(ctx, 409, "Signed in through the exercise", "in an exercise you sign in and out on the exercise's page");
            }
            return;
        }
        if (exercise.ended() && ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
            // Nothing done after the end is recorded or scored: refused, rather than acted on by the node unseen.
            ProblemAnswer.send(ctx, 409, "The exercise has ended", "the trainer ended the exercise: the desks are read-only now, and "
                    + "nothing more is recorded or scored");
            return;
        }
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        forward(ctx, p, port, path, body, true).onComplete(r -> {
                    if (r.failed()) {
                        ProblemAnswer.send(ctx, 503, "Node unavailable", "the " + desk + " node of " + cc + " did not answer: "
                                + r.cause().getMessage());
                        return;
                    }
                    HttpClientResponse resp = r.result().getKey();
                    Buffer answer = r.result().getValue();
                    String type = resp.getHeader("content-type");
                    if (type != null) {
                        ctx.response().putHeader("content-type", type);
                    }
                    ctx.response().setStatusCode(resp.statusCode()).end(answer);
                    worker.executeBlocking(() -> {
                        observe(p, cc, desk, ctx.request().method(), path, resp.statusCode(), body, answer);
                        return null;
                    }, false);
                });
    }

    /**
     * Passes the request on to the node under the participant's node session, signing in first when there
     * is none or when the node has ended it.
     */
    private io.vertx.core.Future<Map.Entry<HttpClientResponse, Buffer>> forward(RoutingContext ctx, Participant p, int port,
            String path, Buffer body, boolean mayRetry) {
        String key = p.name() + "|" + port;
        NodeSession existing = nodeSessions.get(key);
        io.vertx.core.Future<NodeSession> session = existing != null ? io.vertx.core.Future.succeededFuture(existing)
                : signInToNode(p, port).onSuccess(s -> nodeSessions.put(key, s));
        String query = ctx.request().query();
        return session.compose(s -> {
            RequestOptions options = new RequestOptions().setMethod(ctx.request().method()).setHost("127.0.0.1").setPort(port)
                    .setURI(path + (query == null ? "" : "?" + query)).putHeader("cookie", s.cookie())
                    .putHeader(OfficerSignIn.CSRF_HEADER, s.csrfToken());
            String contentType = ctx.request().getHeader("content-type");
            if (contentType != null) {
                options.putHeader("content-type", contentType);
            }
            return nodes.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> Map.entry(resp, b)));
        }).compose(answer -> {
            if (answer.getKey().statusCode() == 401 && mayRetry) {
                nodeSessions.remove(key);
                return forward(ctx, p, port, path, body, false);
            }
            return io.vertx.core.Future.succeededFuture(answer);
        });
    }

    private io.vertx.core.Future<NodeSession> signInToNode(Participant p, int port) {
        String credentials = ProtocolJson.mapper().createObjectNode().put("username", exercise.deskUsername(p))
                .put("password", p.code()).toString();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/api/session").putHeader("content-type", "application/json");
        return nodes.request(options).compose(req -> req.send(credentials)).compose(resp -> resp.body().compose(b -> {
            String setCookie = resp.getHeader("set-cookie");
            if (resp.statusCode() != 200 || setCookie == null) {
                return io.vertx.core.Future.failedFuture("the node refused the exercise's sign-in for " + p.name() + ": "
                        + b.toString());
            }
            try {
                return io.vertx.core.Future.succeededFuture(new NodeSession(setCookie.substring(0, setCookie.indexOf(';')),
                        ProtocolJson.parse(b.getBytes()).get("csrfToken").asText()));
            } catch (java.io.IOException e) {
                return io.vertx.core.Future.failedFuture(e);
            }
        }));
    }

    /** Records what an officer's page showed (injects in a list) and what the officer did. */
    private void observe(Participant p, String cc, String desk, HttpMethod method, String path, int status, Buffer request,
            Buffer answer) throws java.io.IOException {
        if (exercise.ended() || p.role() != ParticipantRole.OFFICER) {
            return;
        }
        if (method == HttpMethod.GET && status == 200) {
            String view = desk.equals("importer") && path.startsWith("/api/queue") ? "review queue"
                    : desk.equals("importer") && path.startsWith("/api/incidents") ? "incidents"
                    : desk.equals("exporter") && path.equals("/api/notifications") ? "outbox" : null;
            if (view == null) {
                return;
            }
            for (JsonNode row : ProtocolJson.parse(answer.getBytes())) {
                String id = row.path("id").asText();
                String inject = exercise.injectOf(id);
                if (inject == null || (view.equals("outbox") && !"INFO_REQUESTED".equals(row.path("state").asText()))) {
                    continue;
                }
                if (shown.add(p.name() + "|" + inject)) {
                    exercise.record(Kind.SHOWN, ProtocolJson.mapper().createObjectNode().put("inject", inject)
                            .put("notificationId", id).put("participant", p.name()).put("country", cc).put("view", view));
                }
            }
            return;
        }
        if (method != HttpMethod.POST) {
            return;
        }
        JsonNode sent = request.length() == 0 ? ProtocolJson.mapper().createObjectNode() : parseOrEmpty(request);
        ObjectNode action = ProtocolJson.mapper().createObjectNode().put("participant", p.name()).put("country", cc)
                .put("desk", desk).put("status", status);
        Matcher m = NOTIFICATION_ACTION.matcher(path);
        if (m.find()) {
            String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            action.put("notificationId", id).put("inject", exercise.injectOf(id)).put("action", m.group(2))
                    .put("decision", sent.path("decision").asText(null));
            // Why: the reasons and messages the officer sent, for the after-action report.
            if (sent.path("reasons").isArray() && !sent.path("reasons").isEmpty()) {
                action.set("reasons", sent.get("reasons"));
            }
            if (sent.path("message").isTextual()) {
                action.put("message", sent.get("message").asText());
            }
        } else if (path.startsWith("/api/notifications/form") || path.equals("/api/notifications")) {
            action.put("action", "new-notification");
            // Which notification: the one accepted, or the one the officer tried to send.
            JsonNode accepted = status < 400 ? parseOrEmpty(answer) : null;
            String id = accepted != null && accepted.path("id").isTextual() ? accepted.get("id").asText() : sent.path("id").asText("");
            if (!id.isBlank()) {
                action.put("notificationId", id);
            }
        } else if (path.startsWith("/api/incidents")) {
            action.put("action", "report-incident");
        } else {
            action.put("action", path);
        }
        if (status >= 400) {
            // Why the desk refused it, for the trainer and the after-action report: the problem's detail and its fields.
            JsonNode problem = parseOrEmpty(answer);
            java.util.List<String> reasons = new java.util.ArrayList<>();
            if (problem.path("detail").isTextual()) {
                reasons.add(problem.get("detail").asText());
            }
            problem.path("errors").forEach(e -> reasons.add(e.path("detail").asText()));
            if (!reasons.isEmpty()) {
                action.put("refusal", String.join("; ", reasons));
            }
        }
        exercise.record(Kind.ACTION, action);
    }

    private static JsonNode parseOrEmpty(Buffer b) {
        try {
            return ProtocolJson.parse(b.getBytes());
        } catch (Exception e) {
            return ProtocolJson.mapper().createObjectNode();
        }
    }
}
