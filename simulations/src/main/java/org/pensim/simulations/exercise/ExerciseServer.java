package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.simulations.exercise.Exercise.Participant;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * The exercise's one web address: participants sign in with their code; officers reach their own
 * country's node pages through it (every page view and action passes here and is recorded with who
 * did it); the trainer gets the console with the clock, the injects and the live scoreboard. In replay
 * mode it serves the console over a finished recording, read-only, with a timeline to step through.
 */
public final class ExerciseServer implements AutoCloseable {

    private static final String SESSION_COOKIE = "pensim_exercise";
    private static final Pattern DESK_PATH = Pattern.compile("^/c/([A-Z]{2})(/.*)?$");
    private static final Pattern NOTIFICATION_ACTION = Pattern.compile("^/api/notifications/([^/?]+)/([a-z]+)");

    private final Vertx vertx;
    private final Exercise exercise;
    private final ExerciseRecording replay;
    private final ExercisePlan plan;
    private final Path debriefDir;
    private final HttpClient nodes;
    private final WorkerExecutor worker;
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    /** The exercise server's own sessions on the nodes, one per participant and node port. */
    private final Map<String, NodeSession> nodeSessions = new ConcurrentHashMap<>();

    /** A participant's session here, with its anti-forgery token. */
    private record WebSession(Participant participant, String csrfToken) {
    }

    /** A session on a node, opened by the exercise server for a participant. */
    private record NodeSession(String cookie, String csrfToken) {
    }
    private final Set<String> shown = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private HttpServer server;

    private ExerciseServer(Vertx vertx, Exercise exercise, ExerciseRecording replay, Path debriefDir) {
        this.vertx = vertx;
        this.exercise = exercise;
        this.replay = replay;
        this.plan = exercise != null ? exercise.plan() : replay.plan();
        this.debriefDir = debriefDir;
        this.nodes = vertx.createHttpClient();
        this.worker = vertx.createSharedWorkerExecutor("pensim-exercise-web", 2);
    }

    /** Serves a live exercise on {@code host:port} (port 0: any free port). */
    public static ExerciseServer live(Vertx vertx, Exercise exercise, String host, int port) throws Exception {
        return new ExerciseServer(vertx, exercise, null, exercise.out()).listen(host, port);
    }

    /** Serves the console over a recording, for the debrief. */
    public static ExerciseServer replay(Vertx vertx, ExerciseRecording recording, Path debriefDir, String host, int port)
            throws Exception {
        return new ExerciseServer(vertx, null, recording, debriefDir).listen(host, port);
    }

    private ExerciseServer listen(String host, int port) throws Exception {
        server = vertx.createHttpServer().requestHandler(router()).listen(port, host).toCompletionStage()
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(262144));
        router.route().handler(this::requireAntiForgeryToken);
        router.get("/").handler(ctx -> ctx.reroute(replay != null ? "/trainer/" : "/exercise/signin.html"));
        router.post("/api/signin").handler(this::signIn);
        router.post("/api/signout").handler(ctx -> {
            Cookie c = ctx.request().getCookie(SESSION_COOKIE);
            if (c != null) {
                sessions.remove(c.getValue());
            }
            ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, "").setPath("/").setMaxAge(0));
            ctx.json(Map.of("signedOut", true));
        });
        router.get("/api/me").handler(ctx -> {
            Participant p = participant(ctx);
            if (p == null) {
                problem(ctx, 401, "Not signed in", "sign in with the code your trainer gave you");
            } else {
                ctx.json(me(p, sessions.get(ctx.request().getCookie(SESSION_COOKIE).getValue()).csrfToken()));
            }
        });
        router.get("/api/clock").handler(ctx -> {
            if (participant(ctx) == null || exercise == null) {
                problem(ctx, 401, "Not signed in", "sign in with the code your trainer gave you");
            } else {
                ctx.json(Map.of("now", exercise.clock().instant().toString(), "paused", exercise.clock().paused(),
                        "ended", exercise.ended(), "title", plan.title()));
            }
        });
        router.get("/briefing").handler(ctx -> {
            Participant p = participant(ctx);
            if (replay == null && p == null) {
                ctx.redirect("/");
                return;
            }
            BriefingPage page = p == null ? new BriefingPage(plan, "the debrief", ParticipantRole.OBSERVER, null)
                    : new BriefingPage(plan, p.name(), p.role(), p.country());
            worker.executeBlocking(() -> Debrief.render("briefing.jte", page), false).onComplete(r -> {
                if (r.succeeded()) {
                    ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(r.result());
                } else {
                    problem(ctx, 500, "Briefing", "the briefing could not be drawn: " + r.cause().getMessage());
                }
            });
        });
        router.route("/trainer/*").handler(this::requireTrainerOrObserver);
        router.get("/trainer/api/state").handler(this::state);
        router.post("/trainer/api/clock").handler(this::clockControl);
        router.post("/trainer/api/injects/:id/fire").handler(this::fire);
        router.post("/trainer/api/end").handler(this::end);
        router.post("/trainer/api/injects").handler(this::addInject);
        router.post("/trainer/api/injects/:id/move").handler(ctx -> {
            JsonNode body = json(ctx);
            Participant p = participant(ctx);
            trainerAction(ctx, () -> {
                if (body == null || !body.path("atDay").isNumber()) {
                    throw new IllegalArgumentException("send {\"atDay\": N}, the exercise day to fire it");
                }
                exercise.moveInject(ctx.pathParam("id"), body.get("atDay").asDouble(), p.name());
                return Map.of("inject", ctx.pathParam("id"), "atDay", body.get("atDay").asDouble());
            });
        });
        router.post("/trainer/api/injects/:id/cancel").handler(ctx -> {
            Participant p = participant(ctx);
            trainerAction(ctx, () -> {
                exercise.cancelInject(ctx.pathParam("id"), p.name());
                return Map.of("inject", ctx.pathParam("id"), "cancelled", true);
            });
        });
        router.post("/trainer/api/notes").handler(ctx -> {
            JsonNode body = json(ctx);
            Participant p = participant(ctx);
            trainerAction(ctx, () -> {
                exercise.note(body == null ? null : body.path("text").asText(null),
                        body == null || body.path("inject").asText("").isBlank() ? null : body.get("inject").asText(), p.name());
                return Map.of("noted", true);
            });
        });
        router.get("/trainer/debrief.csv").handler(ctx -> debrief(ctx, "debrief.csv", "text/csv"));
        router.get("/trainer/debrief.html").handler(ctx -> debrief(ctx, "debrief.html", "text/html"));
        router.get("/trainer/debrief.pdf").handler(ctx -> debrief(ctx, "debrief.pdf", "application/pdf"));
        router.get("/trainer/hotwash").handler(ctx -> worker.executeBlocking(() -> Debrief.render("hotwash.jte",
                AfterActionReport.of(plan, replay != null ? replay.events() : exercise.recording().events())), false)
                .onComplete(r -> {
                    if (r.succeeded()) {
                        ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(r.result());
                    } else {
                        problem(ctx, 409, "Conflict", "the hot-wash page could not be drawn: " + r.cause().getMessage());
                    }
                }));
        router.get("/trainer/").handler(ctx -> ctx.reroute("/exercise/trainer.html"));
        router.route("/c/*").handler(this::desk);
        // The one stylesheet of every page: the desks' own, shipped with them.
        router.get("/exercise/desk.css").handler(ctx -> ctx.response().putHeader("content-type", "text/css; charset=utf-8")
                .end(Debrief.stylesheet()));
        router.route("/exercise/*").handler(StaticHandler.create("webroot/exercise").setCachingEnabled(false));
        router.route().last().handler(ctx -> problem(ctx, 404, "Not found", "nothing is served at " + ctx.request().path()));
        return router;
    }

    // ------------------------------------------------------------------------------------ sign-in

    private void signIn(RoutingContext ctx) {
        if (exercise == null) {
            problem(ctx, 409, "Replay", "a replay has no sign-in: the console is open read-only");
            return;
        }
        JsonNode body = json(ctx);
        if (body == null || !body.hasNonNull("code")) {
            problem(ctx, 400, "Bad request", "send {\"code\": \"...\"}, the sign-in code your trainer gave you");
            return;
        }
        Participant p = exercise.participantWithCode(body.get("code").asText());
        if (p == null) {
            problem(ctx, 401, "Unknown code", "no participant of exercise " + plan.name() + " has this code");
            return;
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        String csrf = token();
        sessions.put(session, new WebSession(p, csrf));
        ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, session).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT));
        worker.executeBlocking(() -> {
            exercise.record(Kind.SIGNED_IN, ProtocolJson.mapper().createObjectNode().put("participant", p.name()));
            return null;
        }, false).onComplete(r -> ctx.json(me(p, csrf)));
    }

    private static Map<String, Object> me(Participant p, String csrfToken) {
        String home = p.role() == ParticipantRole.OFFICER ? "/c/" + p.country() + "/" : "/trainer/";
        return Map.of("name", p.name(), "role", p.role().name(), "country", p.country() == null ? "" : p.country(),
                "home", home, "csrfToken", csrfToken);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A signed-in participant's requests that change something carry the session's token in
     * {@value OfficerSignIn#CSRF_HEADER}, so that another site cannot make the browser act for them.
     */
    private void requireAntiForgeryToken(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        Cookie c = ctx.request().getCookie(SESSION_COOKIE);
        WebSession s = c == null ? null : sessions.get(c.getValue());
        if (s == null || m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS
                || ctx.request().path().equals("/api/signin")
                || java.security.MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.US_ASCII),
                        String.valueOf(ctx.request().getHeader(OfficerSignIn.CSRF_HEADER)).getBytes(StandardCharsets.US_ASCII))) {
            ctx.next();
            return;
        }
        problem(ctx, 403, "Missing or wrong anti-forgery token", "a request that changes something must carry this session's "
                + OfficerSignIn.CSRF_HEADER + " header (GET /api/me gives it); reload the page and try again");
    }

    private Participant participant(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(SESSION_COOKIE);
        WebSession s = c == null ? null : sessions.get(c.getValue());
        return s == null ? null : s.participant();
    }

    private void requireTrainerOrObserver(RoutingContext ctx) {
        if (replay != null) {
            if (ctx.request().method() != HttpMethod.GET) {
                problem(ctx, 409, "Replay", "a replay cannot be changed");
                return;
            }
            ctx.next();
            return;
        }
        Participant p = participant(ctx);
        if (p == null) {
            if (ctx.request().path().startsWith("/trainer/api/")) {
                problem(ctx, 401, "Not signed in", "sign in as the trainer first");
            } else {
                ctx.redirect("/");
            }
        } else if (p.role() == ParticipantRole.OFFICER) {
            problem(ctx, 403, "Forbidden", p.name() + " is an officer of " + p.country() + "; the console is the trainer's");
        } else if (p.role() == ParticipantRole.OBSERVER && ctx.request().method() != HttpMethod.GET
                && !ctx.request().path().equals("/trainer/api/notes")) {
            problem(ctx, 403, "Forbidden", p.name() + " observes: only the trainer can change the exercise");
        } else {
            ctx.next();
        }
    }

    // ------------------------------------------------------------------------------------ the console

    private void state(RoutingContext ctx) {
        // Sign-in codes are the trainer's to hand out: an observer sees who takes part, never their codes.
        Participant viewer = replay == null ? participant(ctx) : null;
        boolean codes = viewer != null && viewer.role() == ParticipantRole.TRAINER;
        worker.executeBlocking(() -> {
            List<Event> events;
            if (replay != null) {
                String upTo = ctx.queryParams().get("upTo");
                long seq;
                try {
                    seq = upTo == null ? Long.MAX_VALUE : Long.parseLong(upTo);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("upTo must be an event number, was '" + upTo + "'");
                }
                events = replay.upTo(seq);
            } else {
                events = exercise.recording().events();
            }
            return stateJson(events, replay == null ? null : replay.events().size(), codes).toString();
        }, false).onComplete(r -> {
            if (r.failed()) {
                problem(ctx, 400, "Bad request", r.cause().getMessage());
            } else {
                ctx.response().putHeader("content-type", "application/json").end(r.result());
            }
        });
    }

    private ObjectNode stateJson(List<Event> events, Integer totalEvents, boolean withCodes) {
        ObjectNode o = ProtocolJson.mapper().createObjectNode();
        o.put("mode", replay != null ? "replay" : "live").put("name", plan.name()).put("title", plan.title());
        Scoreboard board = Scoreboard.of(plan, events);
        ObjectNode clock = o.putObject("clock");
        if (exercise != null) {
            clock.put("now", exercise.clock().instant().toString()).put("paused", exercise.clock().paused())
                    .put("minutesPerDay", 1440 / exercise.clock().speed()).put("ended", exercise.ended());
        } else {
            Event last = events.isEmpty() ? null : events.get(events.size() - 1);
            double speed = plan.speed();
            boolean paused = false;
            for (Event e : events) {
                if (e.kind() == Kind.CLOCK) {
                    speed = e.data().path("speed").asDouble(speed);
                    paused = e.data().path("paused").asBoolean();
                }
            }
            clock.put("now", last == null ? plan.start().toString() : last.sim().toString()).put("paused", paused)
                    .put("minutesPerDay", 1440 / speed).put("ended", board.ended());
            o.put("lastSeq", last == null ? 0 : last.seq()).put("totalEvents", totalEvents);
        }
        clock.put("start", plan.start().toString()).put("end", plan.start().plusSeconds(plan.durationDays() * 86400L).toString());
        ArrayNode injects = o.putArray("injects");
        Map<String, String> firedNow = new java.util.HashMap<>();
        events.stream().filter(e -> e.kind() == Kind.INJECT_FIRED)
                .forEach(e -> firedNow.put(e.text("inject"), e.text("notificationId")));
        EventsList list = EventsList.of(plan, events);
        for (var j : list.all()) {
            ObjectNode n = injects.addObject().put("id", j.id()).put("kind", j.kind().name()).put("from", j.from())
                    .put("to", j.to()).put("expected", j.expected() == null ? null : j.expected().name())
                    .put("description", j.description()).put("fired", firedNow.containsKey(j.id()))
                    .put("cancelled", list.cancelled(j.id())).put("addedDuringPlay", list.addedDuringPlay(j.id()))
                    .put("notificationId", firedNow.get(j.id()));
            if (j.atDay() != null) {
                n.put("atDay", j.atDay());
            }
        }
        o.set("scoreboard", ProtocolJson.mapper().valueToTree(Map.of("countries", board.countries(), "participants",
                board.participants(), "injects", board.injects())));
        if (exercise != null) {
            ArrayNode codes = o.putArray("participants");
            exercise.participants().forEach(p -> {
                ObjectNode who = codes.addObject().put("name", p.name()).put("role", p.role().name()).put("country", p.country());
                if (withCodes) {
                    who.put("code", p.code());
                }
            });
        }
        ArrayNode recent = o.putArray("recent");
        for (int i = Math.max(0, events.size() - 25); i < events.size(); i++) {
            Event e = events.get(i);
            if (e.kind() != Kind.STARTED) {
                recent.addObject().put("seq", e.seq()).put("sim", e.sim().toString()).put("kind", e.kind().name())
                        .put("text", EventWords.of(e));
            }
        }
        ArrayNode notes = o.putArray("notes");
        events.stream().filter(e -> e.kind() == Kind.NOTE).forEach(e -> notes.addObject().put("sim", e.sim().toString())
                .put("by", e.text("by")).put("inject", e.text("inject")).put("text", e.text("text")));
        return o;
    }

    private void clockControl(RoutingContext ctx) {
        JsonNode body = json(ctx);
        String action = body == null ? null : body.path("action").asText(null);
        Participant p = participant(ctx);
        trainerAction(ctx, () -> {
            switch (action == null ? "" : action) {
                case "pause" -> exercise.pause(p.name());
                case "resume" -> exercise.resume(p.name());
                case "speed" -> {
                    if (!body.path("minutesPerDay").isNumber()) {
                        throw new IllegalArgumentException("speed needs minutesPerDay, a number");
                    }
                    exercise.setMinutesPerDay(body.get("minutesPerDay").asDouble(), p.name());
                }
                default -> throw new IllegalArgumentException("action must be pause, resume or speed, was '" + action + "'");
            }
            return Map.of("paused", exercise.clock().paused(), "minutesPerDay", 1440 / exercise.clock().speed());
        });
    }

    private void fire(RoutingContext ctx) {
        Participant p = participant(ctx);
        String id = ctx.pathParam("id");
        trainerAction(ctx, () -> {
            String notification = exercise.fire(id, p.name());
            return Map.of("inject", id, "notificationId", notification == null ? "" : notification);
        });
    }

    /** Adds an inject to the events list during play; a wrong one is refused with every problem named. */
    private void addInject(RoutingContext ctx) {
        JsonNode body = json(ctx);
        Participant p = participant(ctx);
        worker.executeBlocking(() -> {
            if (body == null || !body.isObject()) {
                return List.of("send the inject as a JSON object: id, kind, atDay, from, to, and by kind substance, quantityKg,"
                        + " importer, transit, expected, entity, description");
            }
            ExercisePlan.InjectSpec spec;
            try {
                spec = ProtocolJson.mapper().treeToValue(body, ExercisePlan.InjectSpec.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return List.of("the inject cannot be read: " + e.getOriginalMessage());
            }
            return exercise.addInject(spec, p.name());
        }, false).onComplete(r -> {
            if (r.failed()) {
                problem(ctx, r.cause() instanceof IllegalStateException ? 409 : 400, "Bad request", String.valueOf(r.cause().getMessage()));
            } else if (!r.result().isEmpty()) {
                problem(ctx, 400, "Invalid inject", String.join("; ", r.result()));
            } else {
                ctx.response().setStatusCode(201);
                ctx.json(Map.of("inject", body.path("id").asText(), "added", true));
            }
        });
    }

    private void end(RoutingContext ctx) {
        Participant p = participant(ctx);
        trainerAction(ctx, () -> {
            Scoreboard board = exercise.end(p.name());
            return Map.of("ended", true, "countries", board.countries());
        });
    }

    private void trainerAction(RoutingContext ctx, java.util.concurrent.Callable<Object> action) {
        worker.executeBlocking(action, false).onComplete(r -> {
            if (r.succeeded()) {
                ctx.json(r.result());
            } else if (r.cause() instanceof IllegalStateException) {
                problem(ctx, 409, "Conflict", r.cause().getMessage());
            } else {
                problem(ctx, 400, "Bad request", String.valueOf(r.cause().getMessage()));
            }
        });
    }

    private void debrief(RoutingContext ctx, String file, String type) {
        worker.executeBlocking(() -> {
            List<Event> events = replay != null ? replay.events() : exercise.recording().events();
            Path dir = debriefDir.resolve("debrief-now");
            Debrief.write(plan, events, dir);
            return dir.resolve(file).toString();
        }, false).onComplete(r -> {
            if (r.failed()) {
                problem(ctx, 409, "Conflict", "the debrief could not be written: " + r.cause().getMessage());
            } else {
                ctx.response().putHeader("content-type", type.startsWith("text/") ? type + "; charset=utf-8" : type)
                        .sendFile(r.result());
            }
        });
    }

    // ------------------------------------------------------------------------------------ the officers' desks

    /**
     * Passes a request on to the node of the country's desk and records what the participant saw and
     * did. Hand-written rather than a generic reverse proxy because it must read both bodies to know
     * which injects were shown and which decisions were taken, and by whom.
     */
    private void desk(RoutingContext ctx) {
        if (exercise == null) {
            problem(ctx, 409, "Replay", "the nodes do not run during a replay");
            return;
        }
        Matcher at = DESK_PATH.matcher(ctx.request().path());
        if (!at.matches()) {
            problem(ctx, 404, "Not found", "desks are at /c/CC/importer/ and /c/CC/exporter/ (CC: a country code)");
            return;
        }
        String cc = at.group(1);
        Participant p = participant(ctx);
        String rest = at.group(2) == null ? "" : at.group(2);
        if (p == null) {
            if (rest.startsWith("/importer/api/") || rest.startsWith("/exporter/api/")) {
                problem(ctx, 401, "Not signed in", "sign in with your code first");
            } else {
                ctx.redirect("/");
            }
            return;
        }
        boolean allowed = p.role() == ParticipantRole.TRAINER
                || (p.role() == ParticipantRole.OBSERVER && ctx.request().method() == HttpMethod.GET)
                || (p.role() == ParticipantRole.OFFICER && cc.equals(p.country()));
        if (!allowed) {
            problem(ctx, 403, "Forbidden", p.name() + " plays " + (p.country() == null ? "no country" : p.country())
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
            problem(ctx, 404, "Not found", "no " + (desk == null ? "desk" : desk + " node") + " for " + cc + " in this exercise");
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
                        sessions.get(ctx.request().getCookie(SESSION_COOKIE).getValue()).csrfToken()));
            } else {
                problem(ctx, 409, "Signed in through the exercise", "in an exercise you sign in and out on the exercise's page");
            }
            return;
        }
        if (exercise.ended() && ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
            // Nothing done after the end is recorded or scored: refused, rather than acted on by the node unseen.
            problem(ctx, 409, "The exercise has ended", "the trainer ended the exercise: the desks are read-only now, and "
                    + "nothing more is recorded or scored");
            return;
        }
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        forward(ctx, p, port, path, body, true).onComplete(r -> {
                    if (r.failed()) {
                        problem(ctx, 503, "Node unavailable", "the " + desk + " node of " + cc + " did not answer: "
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
        } else if (path.startsWith("/api/incidents")) {
            action.put("action", "report-incident");
        } else {
            action.put("action", path);
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

    private static JsonNode json(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            return null;
        }
        try {
            return ProtocolJson.parse(ctx.body().buffer().getBytes());
        } catch (Exception e) {
            return null;
        }
    }

    static void problem(RoutingContext ctx, int status, String title, String detail) {
        ProblemAnswer.send(ctx, status, title, detail);
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        nodes.close();
        worker.close();
    }
}
