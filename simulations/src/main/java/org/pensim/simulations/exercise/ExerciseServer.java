package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pensim.protocol.json.ProtocolJson;
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

    private final Vertx vertx;
    private final Exercise exercise;
    private final ExerciseRecording replay;
    private final ExercisePlan plan;
    private final Path debriefDir;
    private final HttpClient nodes;
    private final WorkerExecutor worker;
    private final ParticipantSessions sessions = new ParticipantSessions();
    private final DeskProxy desks;
    private HttpServer server;

    private ExerciseServer(Vertx vertx, Exercise exercise, ExerciseRecording replay, Path debriefDir) {
        this.vertx = vertx;
        this.exercise = exercise;
        this.replay = replay;
        this.plan = exercise != null ? exercise.plan() : replay.plan();
        this.debriefDir = debriefDir;
        this.nodes = vertx.createHttpClient();
        this.worker = vertx.createSharedWorkerExecutor("pensim-exercise-web", 2);
        this.desks = new DeskProxy(exercise, sessions, nodes, worker);
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
        router.route().handler(sessions::requireAntiForgeryToken);
        router.get("/").handler(ctx -> ctx.reroute(replay != null ? "/trainer/" : "/exercise/signin.html"));
        router.post("/api/signin").handler(this::signIn);
        router.post("/api/signout").handler(ctx -> {
            sessions.close(ctx);
            ctx.json(Map.of("signedOut", true));
        });
        router.get("/api/me").handler(ctx -> {
            Participant p = sessions.participant(ctx);
            if (p == null) {
                problem(ctx, 401, "Not signed in", "sign in with the code your trainer gave you");
            } else {
                ctx.json(me(p, sessions.csrfToken(ctx)));
            }
        });
        router.get("/api/clock").handler(ctx -> {
            if (sessions.participant(ctx) == null || exercise == null) {
                problem(ctx, 401, "Not signed in", "sign in with the code your trainer gave you");
            } else {
                ctx.json(Map.of("now", exercise.clock().instant().toString(), "paused", exercise.clock().paused(),
                        "ended", exercise.ended(), "title", plan.title()));
            }
        });
        router.get("/briefing").handler(ctx -> {
            Participant p = sessions.participant(ctx);
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
            Participant p = sessions.participant(ctx);
            trainerAction(ctx, () -> {
                if (body == null || !body.path("atDay").isNumber()) {
                    throw new IllegalArgumentException("send {\"atDay\": N}, the exercise day to fire it");
                }
                exercise.moveInject(ctx.pathParam("id"), body.get("atDay").asDouble(), p.name());
                return Map.of("inject", ctx.pathParam("id"), "atDay", body.get("atDay").asDouble());
            });
        });
        router.post("/trainer/api/injects/:id/cancel").handler(ctx -> {
            Participant p = sessions.participant(ctx);
            trainerAction(ctx, () -> {
                exercise.cancelInject(ctx.pathParam("id"), p.name());
                return Map.of("inject", ctx.pathParam("id"), "cancelled", true);
            });
        });
        router.post("/trainer/api/notes").handler(ctx -> {
            JsonNode body = json(ctx);
            Participant p = sessions.participant(ctx);
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
                replay != null ? AfterActionReport.of(plan, replay.events())
                        : AfterActionReport.of(plan, exercise.recording().events(), exercise.clock().instant())), false)
                .onComplete(r -> {
                    if (r.succeeded()) {
                        ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(r.result());
                    } else {
                        problem(ctx, 409, "Conflict", "the hot-wash page could not be drawn: " + r.cause().getMessage());
                    }
                }));
        router.get("/trainer/").handler(ctx -> ctx.reroute("/exercise/trainer.html"));
        router.route("/c/*").handler(desks::handle);
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
        String csrf = sessions.open(p, ctx);
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

    private void requireTrainerOrObserver(RoutingContext ctx) {
        if (replay != null) {
            if (ctx.request().method() != HttpMethod.GET) {
                problem(ctx, 409, "Replay", "a replay cannot be changed");
                return;
            }
            ctx.next();
            return;
        }
        Participant p = sessions.participant(ctx);
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
        Participant viewer = replay == null ? sessions.participant(ctx) : null;
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
            return ConsoleState.of(plan, exercise, replay != null, events, replay == null ? null : replay.events().size(), codes)
                    .toString();
        }, false).onComplete(r -> {
            if (r.failed()) {
                problem(ctx, 400, "Bad request", r.cause().getMessage());
            } else {
                ctx.response().putHeader("content-type", "application/json").end(r.result());
            }
        });
    }

    private void clockControl(RoutingContext ctx) {
        JsonNode body = json(ctx);
        String action = body == null ? null : body.path("action").asText(null);
        Participant p = sessions.participant(ctx);
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
        Participant p = sessions.participant(ctx);
        String id = ctx.pathParam("id");
        trainerAction(ctx, () -> {
            String notification = exercise.fire(id, p.name());
            return Map.of("inject", id, "notificationId", notification == null ? "" : notification);
        });
    }

    /** Adds an inject to the events list during play; a wrong one is refused with every problem named. */
    private void addInject(RoutingContext ctx) {
        JsonNode body = json(ctx);
        Participant p = sessions.participant(ctx);
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
        Participant p = sessions.participant(ctx);
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
            if (replay == null && exercise.debriefed() && java.nio.file.Files.exists(debriefDir.resolve(file))) {
                return debriefDir.resolve(file).toString(); // the final report, written as the exercise ended
            }
            List<Event> events = replay != null ? replay.events() : exercise.recording().events();
            Path dir = debriefDir.resolve("debrief-now");
            Debrief.write(plan, events, replay != null ? null : exercise.clock().instant(), dir);
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
