package org.pensim.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.Pem;
import org.pensim.registry.authorities.AuthorityDirectory;
import org.pensim.registry.countries.CountryView;
import org.pensim.registry.countries.YearToDateQuantities;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.delivery.InboxPages;
import org.pensim.registry.delivery.InboxStreams;
import org.pensim.registry.lifecycle.EventIntake;
import org.pensim.registry.lifecycle.NotificationReads;
import org.pensim.registry.metrics.RegistryMetrics;
import org.pensim.registry.submission.NotificationIntake;
import org.pensim.registry.storage.Database;

/**
 * The registry's HTTP API (described in {@code openapi.yaml}). Each request is authenticated by its
 * message signature, then handled on a worker thread; every error is {@code application/problem+json}.
 */
public final class RegistryApi {

    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final HazelcastInstance hazelcast;
    private final Database database;
    private final RequestAuthentication authentication;
    private final NotificationIntake notificationIntake;
    private final EventIntake eventIntake;
    private final Inbox inbox;
    private final InboxPages pages;
    private final NotificationReads reads;
    private final AuthorityDirectory directory;
    private final org.pensim.registry.authorities.EnrolmentTokens tokens;
    private final RegistryMetrics metrics;
    private final int maxBodyBytes;
    private final int inboxPageLimit;
    private final ApiContract contract;
    private final RequestGate gate;
    private final InboxEventStream eventStream;
    private final CountryView countryView;

    public RegistryApi(Vertx vertx, WorkerExecutor workers, HazelcastInstance hazelcast, Database database,
            RequestAuthentication authentication, NotificationIntake notificationIntake, EventIntake eventIntake,
            Inbox inbox, InboxStreams streams, AuthorityDirectory directory,
            org.pensim.registry.authorities.EnrolmentTokens tokens, YearToDateQuantities yearToDate, RegistryMetrics metrics,
            Clock clock, int maxBodyBytes, int inboxPageLimit, org.pensim.protocol.country.CountryProfiles countries) {
        this.vertx = vertx;
        this.workers = workers;
        this.hazelcast = hazelcast;
        this.database = database;
        this.authentication = authentication;
        this.notificationIntake = notificationIntake;
        this.eventIntake = eventIntake;
        this.inbox = inbox;
        this.directory = directory;
        this.tokens = tokens;
        this.metrics = metrics;
        this.pages = new InboxPages(hazelcast, inbox);
        this.reads = new NotificationReads(hazelcast);
        this.maxBodyBytes = maxBodyBytes;
        this.inboxPageLimit = inboxPageLimit;
        this.contract = ApiContract.load(vertx);
        this.gate = new RequestGate(contract);
        this.countryView = new CountryView(countries, yearToDate, clock);
        this.eventStream = new InboxEventStream(vertx, workers, pages, streams, inboxPageLimit, this::authenticate, this::problem);
    }

    /** Refuses new API requests (503, Retry-After) while this member stops, and tells when those it took are answered. */
    public Drain drain() {
        return drain;
    }

    private final Drain drain = new Drain();

    /** A handled request's answer. */
    record Answer(int status, JsonNode body) {
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(v -> metrics.http(ctx.request().method().name(),
                    ctx.currentRoute() == null || ctx.currentRoute().getPath() == null ? "other" : ctx.currentRoute().getPath(),
                    ctx.response().getStatusCode(), System.nanoTime() - start));
            ctx.next();
        });
        router.route("/v1/*").handler(drain::admit);
        router.get("/health/live").handler(ctx -> ctx.json(Map.of("status", "UP")));
        router.get("/health/ready").handler(this::readiness);
        router.get("/health").handler(this::readiness);
        router.get("/metrics").handler(ctx -> workers.executeBlocking(metrics::scrape, false).onComplete(r ->
                ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(r.succeeded() ? r.result() : "")));
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
                .end(Buffer.buffer(contract.yaml())));

        // Back-pressure first: a refusal must cost less than an acceptance (see requireScreeningCapacity).
        router.post("/v1/notifications").handler(ctx -> {
            try {
                notificationIntake.requireScreeningCapacity();
                ctx.next();
            } catch (ApiProblem refused) {
                ApiProblem.send(ctx, refused);
            }
        });
        // The media type before the body is read: the body handler would otherwise try to decode forms and
        // multipart bodies, and answer their mistakes itself, in plain text.
        router.route("/v1/*").handler(gate::requireJsonMediaType);
        router.post("/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.post("/v1/*").handler(this::requireJson);
        router.route("/v1/*").handler(contract::enforce);

        router.post("/v1/notifications").handler(ctx -> handle(ctx, caller -> {
            NotificationIntake.Outcome o = notificationIntake.submit(json(ctx), caller);
            return new Answer(o.status(), o.body());
        }));
        router.get("/v1/notifications/:id").handler(ctx -> handle(ctx, caller -> new Answer(200,
                reads.read(ctx.pathParam("id"), caller))));
        router.get("/v1/notifications").handler(ctx -> handle(ctx, caller -> list(ctx, caller)));
        router.post("/v1/notifications/:id/events").handler(ctx -> handle(ctx, caller -> {
            NotificationIntake.Outcome o = eventIntake.submit(ctx.pathParam("id"), json(ctx), caller);
            return new Answer(o.status(), o.body());
        }));
        router.get("/v1/inbox").handler(ctx -> handle(ctx, caller -> inboxPage(ctx, caller)));
        router.get("/v1/inbox/stream").handler(eventStream::serve);
        router.post("/v1/authorities").handler(ctx -> handle(ctx, caller -> enrol(ctx, caller)));
        router.get("/v1/authorities").handler(ctx -> handle(ctx, caller -> {
            requireOperator(caller, "list the enrolled authorities");
            var body = ProtocolJson.mapper().createObjectNode();
            body.putArray("authorities").addAll(directory.list());
            return new Answer(200, body);
        }));
        router.post("/v1/enrolment-tokens").handler(ctx -> handle(ctx, caller -> {
            requireOperator(caller, "issue enrolment tokens");
            JsonNode body = json(ctx);
            int hours = body.path("validHours").asInt(72);
            if (hours < 1 || hours > 24 * 90) {
                throw ApiProblem.badRequest("invalid-enrolment", "/validHours: must be 1 to 2160");
            }
            String token = tokens.issue(body.path("country").asText(null), body.path("role").asText(null),
                    java.time.Duration.ofHours(hours));
            return new Answer(201, ProtocolJson.mapper().createObjectNode().put("token", token).put("validHours", hours));
        }));
        // The one unauthenticated write: a node's first start, authorised by its one-time token.
        router.post("/v1/enrolments").handler(ctx -> {
            JsonNode body;
            try {
                body = json(ctx);
            } catch (ApiProblem p) {
                problem(ctx, p);
                return;
            }
            workers.executeBlocking(() -> {
                AuthorityCertificate cert = tokens.redeem(body.path("token").asText(null), body.path("publicKey").asText(null));
                return ProtocolJson.mapper().createObjectNode().put("kid", cert.thumbprint()).put("country", cert.country())
                        .put("role", cert.role().name()).put("certificate", Pem.encode(cert.certificate()));
            }, false).onComplete(r -> {
                if (r.succeeded()) {
                    ctx.response().setStatusCode(201).putHeader("content-type", JSON).end(r.result().toString());
                } else {
                    problem(ctx, r.cause());
                }
            });
        });
        router.get("/v1/authorities/:kid").handler(ctx -> handle(ctx, caller -> new Answer(200,
                directory.find(ctx.pathParam("kid")).orElseThrow(() ->
                        ApiProblem.notFound("no authority is enrolled with kid " + ctx.pathParam("kid"))))));
        router.post("/v1/authorities/:kid/revocation").handler(ctx -> handle(ctx, caller -> {
            requireOperator(caller, "revoke certificates");
            return new Answer(200, directory.revoke(ctx.pathParam("kid"), json(ctx).path("reason").asText(null)));
        }));
        router.get("/v1/countries/:cc").handler(ctx -> handle(ctx, caller -> new Answer(200, countryView.of(ctx.pathParam("cc")))));
        router.route().last().handler(gate::unknown);
        router.errorHandler(413, ctx -> problem(ctx, new ApiProblem(413, "body-too-large", "Payload too large",
                "the request body exceeds " + maxBodyBytes + " bytes")));
        router.errorHandler(405, ctx -> problem(ctx, new ApiProblem(405, "method-not-allowed", "Method not allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path())));
        router.errorHandler(500, gate::unhandled);
        // The body handler fails a body the HTTP decoder cannot read (a malformed chunk) with 400, and a body cut
        // short (the client went away) with 200: the client's mistakes, answered in words and never logged as ours.
        router.errorHandler(400, InvalidRequests::unreadableBody);
        router.errorHandler(200, InvalidRequests::unreadableBody);
        return router;
    }

    private void requireJson(RoutingContext ctx) {
        try {
            // Parsed once here, so that malformed JSON is named as such before the contract is checked.
            ctx.put(PARSED_BODY, json(ctx));
        } catch (ApiProblem p) {
            problem(ctx, p);
            return;
        }
        ctx.next();
    }

    private static final String PARSED_BODY = "pensim.parsedBody";

    private static JsonNode json(RoutingContext ctx) {
        JsonNode parsed = ctx.get(PARSED_BODY);
        if (parsed != null) {
            return parsed;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiProblem.badRequest("malformed-json", "the request body is empty; a JSON document is required");
        }
        try {
            return ProtocolJson.parse(body.getBytes());
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("malformed-json", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed-json", "the body is not valid JSON");
        }
    }

    /** Authenticates, then runs the handler on a worker thread and answers. */
    private void handle(RoutingContext ctx, Function<AuthorityCertificate, Answer> handler) {
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        workers.executeBlocking(() -> handler.apply(authenticate(ctx, body)), false).onComplete(r -> {
            if (r.succeeded()) {
                ctx.response().setStatusCode(r.result().status()).putHeader("content-type", JSON)
                        .end(r.result().body().toString());
            } else {
                problem(ctx, r.cause());
            }
        });
    }

    private AuthorityCertificate authenticate(RoutingContext ctx, byte[] body) {
        // A request signature, when there is one, is what authenticates; otherwise the TLS client certificate.
        if (ctx.request().getHeader("Signature") == null && ctx.request().isSSL()) {
            java.security.cert.X509Certificate presented = clientCertificate(ctx);
            if (presented != null) {
                return authentication.authenticate(presented);
            }
        }
        return authentication.authenticate(ctx.request().method().name(), ctx.request().path(), ctx.request().query(),
                body, ctx.request().getHeader("Signature-Input"), ctx.request().getHeader("Signature"),
                ctx.request().getHeader("Content-Digest"));
    }

    private static java.security.cert.X509Certificate clientCertificate(RoutingContext ctx) {
        try {
            var chain = ctx.request().connection().peerCertificates();
            return chain == null || chain.isEmpty() ? null : (java.security.cert.X509Certificate) chain.get(0);
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return null;
        }
    }

    private void problem(RoutingContext ctx, Throwable error) {
        ApiProblem p;
        if (error instanceof ApiProblem a) {
            p = a;
        } else {
            // Expected while members come and go, or this one stops (the client retries elsewhere); the message is
            // enough then.
            var log = org.slf4j.LoggerFactory.getLogger(RegistryApi.class);
            if (error instanceof com.hazelcast.core.HazelcastException || error.getCause() instanceof com.hazelcast.core.HazelcastException
                    || error instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) {
                log.warn("request failed while the cluster changes: {}", error.toString());
            } else {
                log.error("request failed", error);
            }
            p = new ApiProblem(503, "unavailable", "Service unavailable",
                    "the registry could not complete the request; retry later").retryAfter(1);
        }
        ApiProblem.send(ctx, p);
    }

    private void readiness(RoutingContext ctx) {
        workers.executeBlocking(() -> {
            boolean running = hazelcast.getLifecycleService().isRunning() && !drain.draining();
            boolean safe = running && hazelcast.getPartitionService().isClusterSafe();
            boolean db = database.isReachable();
            ObjectNode n = ProtocolJson.mapper().createObjectNode();
            n.put("status", safe && db ? "UP" : "DOWN");
            n.put("clusterSafe", safe);
            n.put("members", running ? hazelcast.getCluster().getMembers().size() : 0);
            n.put("database", db ? "UP" : "DOWN");
            // Informational: after a cold start, flags of new notifications wait until the windows are rebuilt.
            if (running) {
                n.set("globalScreening", org.pensim.registry.screening.ScreeningRecovery.describe(hazelcast));
            }
            return n;
        }, false).onComplete(r -> {
            boolean up = r.succeeded() && "UP".equals(r.result().get("status").asText());
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("content-type", JSON)
                    .end(r.succeeded() ? r.result().toString() : "{\"status\":\"DOWN\"}");
        });
    }

    private Answer list(RoutingContext ctx, AuthorityCertificate caller) {
        long after = longParam(ctx, "after", 0);
        int limit = (int) Math.min(longParam(ctx, "limit", 100), inboxPageLimit);
        return new Answer(200, reads.list(caller, after, limit, ctx.queryParams().get("state"),
                ctx.queryParams().get("exportingCountry"), ctx.queryParams().get("importingCountry")));
    }

    private Answer inboxPage(RoutingContext ctx, AuthorityCertificate caller) {
        long after = longParam(ctx, "after", 0);
        int limit = (int) Math.min(longParam(ctx, "limit", 100), inboxPageLimit);
        if (caller.role() == AuthorityRole.OPERATOR) {
            throw ApiProblem.forbidden("the registry operator has no inbox");
        }
        InboxPages.Page page = pages.read(caller, after, limit);
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.set("entries", page.entries());
        out.put("next", page.next());
        out.put("head", inbox.head(caller.country(), caller.role()));
        return new Answer(200, out);
    }

    private Answer enrol(RoutingContext ctx, AuthorityCertificate caller) {
        requireOperator(caller, "enrol authorities");
        JsonNode body = json(ctx);
        AuthorityCertificate cert = directory.enrol(body.path("country").asText(null), body.path("role").asText(null),
                body.path("publicKey").asText(null));
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.put("kid", cert.thumbprint());
        out.put("country", cert.country());
        out.put("role", cert.role().name());
        out.put("certificate", Pem.encode(cert.certificate()));
        return new Answer(201, out);
    }

    private static void requireOperator(AuthorityCertificate caller, String what) {
        if (caller.role() != AuthorityRole.OPERATOR) {
            throw ApiProblem.forbidden("only the registry operator may " + what + "; you are the " + caller.describe());
        }
    }

    static long longParam(RoutingContext ctx, String name, long dflt) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return dflt;
        }
        try {
            long l = Long.parseLong(v);
            if (l < 0) {
                throw new NumberFormatException();
            }
            return l;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("invalid-parameter", "query parameter " + name + " must be a non-negative integer, not '"
                    + v + "'");
        }
    }
}
