package org.pensim.simulations.exercise;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.pensim.protocol.json.ProtocolJson;

/**
 * How the exercise's server says no: {@code application/problem+json} to the pages' scripts, and a short page with
 * the reason and a way back to a browser that opened the address itself (a link, an address typed, a bookmark).
 */
final class ProblemAnswer {

    private ProblemAnswer() {
    }

    static void send(RoutingContext ctx, int status, String title, String detail) {
        String accept = ctx.request().getHeader("accept");
        if (accept != null && accept.contains("text/html") && ctx.request().method() == HttpMethod.GET) {
            ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
                    .end("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                            + "</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\"><h1>"
                            + html(title) + "</h1><p id=\"detail\">" + html(detail) + "</p><p><a id=\"home\" href=\"/\">Back to "
                            + "the exercise</a></p></body></html>");
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
                .end(ProtocolJson.mapper().createObjectNode().put("type", "about:blank").put("title", title)
                        .put("status", status).put("detail", detail).toString());
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
