package org.pensim.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.validation.Problem;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.registry.client.RegistryClient;

/**
 * The officers' form on the exporting desk: its submission and its pre-submission check, both following the importing
 * country's rules as the registry applies them ({@code /v1/countries/CC}, an exercise's reply deadline).
 */
final class FormRequests {

    private final String country;
    private final RegistryClient registry;
    private final WorkerExecutor worker;
    private final Clock clock;
    private final BiFunction<JsonNode, OfficerSessions.Officer, List<Problem>> submit;

    FormRequests(String country, RegistryClient registry, WorkerExecutor worker, Clock clock,
            BiFunction<JsonNode, OfficerSessions.Officer, List<Problem>> submit) {
        this.country = country;
        this.registry = registry;
        this.worker = worker;
        this.clock = clock;
        this.submit = submit;
    }

    /** The officer's form: builds the full notification (pure quantity, deadline), validates, signs, queues. */
    void create(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        worker.executeBlocking(() -> ProtocolJson.parse(body.length == 0 ? "{}".getBytes() : body), false).compose(f -> {
            List<Problem> typing = FormNotifications.typingProblems(f);
            if (!typing.isEmpty()) {
                return io.vertx.core.Future.succeededFuture(Map.entry(f.path("id").asText(), typing));
            }
            // The importing country's rules as the registry applies them (an exercise's reply deadline): the deadline
            // signed into the document must be the one the registry keeps.
            String cc = FormNotifications.importingCountry(body);
            return countryView(cc).transform(view -> worker.executeBlocking(() -> {
                JsonNode doc = FormNotifications.build(country, f, clock, view.succeeded() ? view.result() : null);
                List<Problem> problems = doc == null ? List.of(new Problem("/items/0/substanceId", "unknown substance '"
                        + f.path("substance").asText() + "'")) : submit.apply(doc, OfficerSignIn.officer(ctx));
                return Map.entry(doc == null ? "" : doc.path("id").asText(), problems);
            }, false));
        }).onComplete(r -> {
            if (r.failed()) {
                ExporterNode.problem(ctx, 400, r.cause().getMessage() == null ? "the form could not be read" : r.cause().getMessage(), List.of());
            } else if (!r.result().getValue().isEmpty()) {
                ExporterNode.problem(ctx, 400, r.result().getValue().size() + " problem(s) in the notification", r.result().getValue());
            } else {
                ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(ProtocolJson.mapper().createObjectNode().put("id", r.result().getKey()).put("status", "PENDING").toString());
            }
        });
    }

    /** How long the form waits for the registry's view of a country before it uses the last one it had (assumed). */
    private static final long COUNTRY_VIEW_TIMEOUT_MILLIS = 2000;
    /** The registry's last view of each country: its reply deadline rule outlives a registry that is slow or away. */
    private final Map<String, JsonNode> countryViews = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The registry's view of a country (its rules as the registry applies them), within a short wait; else the last view
     * it gave; failed when there is none (the country's own rule is then used) or the code is no country.
     */
    private io.vertx.core.Future<JsonNode> countryView(String cc) {
        if (cc == null || !org.pensim.protocol.country.CountryCode.isValid(cc)) {
            return io.vertx.core.Future.failedFuture("no country");
        }
        return registry.get("/v1/countries/" + cc).timeout(COUNTRY_VIEW_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .compose(r -> r.ok() ? io.vertx.core.Future.succeededFuture(r.body())
                        : io.vertx.core.Future.<JsonNode>failedFuture("the registry answered " + r.status()))
                .andThen(r -> {
                    if (r.succeeded()) {
                        countryViews.put(cc, r.result());
                    }
                })
                .recover(e -> countryViews.containsKey(cc) ? io.vertx.core.Future.succeededFuture(countryViews.get(cc))
                        : io.vertx.core.Future.failedFuture(e));
    }

    /** What the officer should know before submitting: must the importing country be notified, ALR left, deadline. */
    void precheck(RoutingContext ctx) {
        String cc = ctx.queryParams().get("importingCountry") == null ? ""
                : ctx.queryParams().get("importingCountry").strip().toUpperCase(java.util.Locale.ROOT);
        String substance = ctx.queryParams().get("substance");
        String kg = ctx.queryParams().get("quantityKg");
        countryView(cc).onComplete(r -> worker.executeBlocking(() -> FormNotifications.precheck(cc, substance,
                kg, r.succeeded() ? r.result() : null, clock), false).onComplete(p -> {
                    if (p.succeeded()) {
                        ctx.json(Map.of("summary", p.result()));
                    } else {
                        ExporterNode.problem(ctx, 400, p.cause().getMessage(), List.of());
                    }
                }));
    }
}
