package org.pensim.registry.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * What the API answers before any handler works on a request, and when one fails: no operation for the
 * method and path (404, or 405 with Allow), a body that is not JSON (415, before the body is read, so
 * that forms and multipart bodies are never decoded), and a failure while this member stops (503 with
 * Retry-After, a warning rather than a stack trace).
 */
final class RequestGate {

    private static final String JSON = "application/json";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestGate.class);

    private final ApiContract contract;

    RequestGate(ApiContract contract) {
        this.contract = contract;
    }

    /** Passes on requests to an operation of the document, a POST only with a JSON body. */
    void requireJsonMediaType(RoutingContext ctx) {
        if (!contract.allowedMethods(ctx.request().path()).contains(ctx.request().method().name())) {
            unknown(ctx); // no such operation: 404 or 405 at once, the body unread
            return;
        }
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String type = ctx.request().getHeader("content-type");
        // The media type itself, parameters (charset) aside: application/jsonx is not JSON.
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(JSON)) {
            ApiProblem.send(ctx, new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
                    "the request body must be application/json, not " + (type == null ? "absent" : type)));
            return;
        }
        ctx.next();
    }

    /** No operation for this method and path: 405 with Allow if the path has others, 404 otherwise. */
    void unknown(RoutingContext ctx) {
        List<String> allowed = contract.allowedMethods(ctx.request().path());
        if (!allowed.isEmpty()) {
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            ApiProblem.send(ctx, new ApiProblem(405, "method-not-allowed", "Method not allowed", ctx.request().method()
                    + " is not allowed on " + ctx.request().path() + "; allowed: " + String.join(", ", allowed)));
            return;
        }
        ApiProblem.send(ctx, ApiProblem.notFound("no such resource: " + ctx.request().method() + " " + ctx.request().path()));
    }

    /** A handler failed: 503 with Retry-After; a stack trace only for what is not a member stopping. */
    void unhandled(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (stopping(failure)) {
            // A member that is stopping refuses the work it can no longer do: the client retries elsewhere.
            LOG.warn("request refused while this member stops: {}", String.valueOf(failure));
        } else {
            LOG.error("unhandled failure", failure);
        }
        ApiProblem.send(ctx, new ApiProblem(503, "unavailable", "Service unavailable",
                "the registry could not complete the request; retry later").retryAfter(1));
    }

    /** A worker pool or Hazelcast instance shut down under a request: the member is stopping. */
    private static boolean stopping(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.util.concurrent.RejectedExecutionException
                    || c instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }
}
