package org.pensim.registry.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * What both authorities' desks serve alike: {@code /desk.css} (their one stylesheet), {@code /desk.js} (the
 * helpers their pages share) and
 * {@code /notification.html}, one notification's own page, drawn from the node's
 * {@code GET /api/notifications/{id}/view}; and {@code GET /api/reasons}, the standard reasons officers pick from.
 * Install it after {@link OfficerSignIn}, whose guard covers {@code /api/}.
 */
public final class DeskPages {

    private final Buffer script = OfficerSignIn.resource("webroot/officer/desk.js");
    private final Buffer notificationPage = OfficerSignIn.resource("webroot/officer/notification.html");
    private final Buffer stylesheet = OfficerSignIn.resource("webroot/officer/desk.css");

    public void install(Router router) {
        router.get("/desk.js").handler(ctx -> ctx.response().putHeader("content-type", "text/javascript; charset=utf-8")
                .putHeader("cache-control", "no-cache").end(script));
        router.get("/desk.css").handler(ctx -> ctx.response().putHeader("content-type", "text/css; charset=utf-8")
                .putHeader("cache-control", "no-cache").end(stylesheet));
        router.get("/notification.html").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-cache").end(notificationPage));
        router.get("/api/reasons").handler(ctx -> ctx.json(org.pensim.protocol.desk.StandardReasons.all()));
    }
}
