package org.pensim.registry.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (a request line or headers over the server's limits, a malformed
 * request) are answered as every other refusal, with application/problem+json, instead of Vert.x's bare
 * status line; the connection is closed, since what follows on it cannot be trusted.
 */
public final class InvalidRequests {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InvalidRequests.class);

    private InvalidRequests() {
    }

    public static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiProblem p;
        if (cause instanceof TooLongHttpLineException) {
            p = new ApiProblem(414, "uri-too-long", "URI too long", "the request line is longer than the server accepts");
        } else if (cause instanceof TooLongHttpHeaderException) {
            p = new ApiProblem(431, "headers-too-large", "Request header fields too large",
                    "the request's headers are larger than the server accepts");
        } else {
            p = new ApiProblem(400, "malformed-request", "Bad request", "the request is not well-formed HTTP/1.1");
        }
        String path;
        try {
            path = request.path();
        } catch (RuntimeException unreadable) {
            path = null;
        }
        request.response().setStatusCode(p.status()).putHeader("content-type", "application/problem+json")
                .putHeader("connection", "close").end(p.toJson(path == null ? "/" : path).toString());
    }

    /** A body that could not be read to its end: 400 problem+json if the connection still stands, then closed. */
    static void unreadableBody(io.vertx.ext.web.RoutingContext ctx) {
        Throwable cause = ctx.failure();
        LOG.debug("unreadable request body on {}: {}", ctx.request().path(), String.valueOf(cause));
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ApiProblem p = new ApiProblem(400, "malformed-body", "Bad request", "the request body could not be read"
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage().toLowerCase(java.util.Locale.ROOT)));
        ctx.response().setStatusCode(400).putHeader("content-type", "application/problem+json").putHeader("connection", "close")
                .end(p.toJson(ctx.request().path()).toString());
    }
}
