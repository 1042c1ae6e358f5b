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
}
