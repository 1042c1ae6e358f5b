package org.pensim.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.validation.Problem;

/**
 * An RFC 9457 problem the API answers with: status, a short title, a precise detail, and for invalid
 * documents every problem with its JSON Pointer.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String type;
    private final List<Problem> errors;
    private final ObjectNode extra = ProtocolJson.mapper().createObjectNode();
    private int retryAfterSeconds;

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ApiProblem(int status, String type, String title, String detail, List<Problem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** Answers the request with this problem (application/problem+json), unless it was answered already. */
    public static void send(io.vertx.ext.web.RoutingContext ctx, ApiProblem p) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        if (p.retryAfterSeconds > 0) {
            ctx.response().putHeader("Retry-After", Integer.toString(p.retryAfterSeconds));
        }
        ctx.response().setStatusCode(p.status()).putHeader("content-type", "application/problem+json")
                .end(p.toJson(ctx.request().path()).toString());
    }

    public static ApiProblem badRequest(String type, String detail) {
        return new ApiProblem(400, type, "Bad request", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail);
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(409, type, "Conflict", detail);
    }

    public static ApiProblem unauthorized(String type, String detail) {
        return new ApiProblem(401, type, "Unauthorized", detail);
    }

    /** Asks the client to wait this long before trying again (the Retry-After header of a 503). */
    public ApiProblem retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        extra.put("retryAfterSeconds", seconds);
        return this;
    }

    public ApiProblem with(String field, String value) {
        extra.put(field, value);
        return this;
    }

    public ApiProblem with(String field, List<String> values) {
        var array = extra.putArray(field);
        values.forEach(array::add);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public ObjectNode toJson(String instance) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("type", "https://pensim.org/problems/" + type);
        n.put("title", title);
        n.put("status", status);
        n.put("detail", getMessage());
        if (instance != null) {
            n.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            var array = n.putArray("errors");
            for (Problem p : errors) {
                array.addObject().put("pointer", p.pointer()).put("detail", p.message());
            }
        }
        n.setAll(extra);
        return n;
    }
}
