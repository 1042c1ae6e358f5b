package org.pensim.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.delivery.InboxPages;
import org.pensim.registry.delivery.InboxStreams;

/**
 * An authority's inbox as server-sent events: each entry an event whose id is its sequence, so that a client
 * reconnecting with Last-Event-ID misses nothing. Pages are read as on GET /v1/inbox, when this member learns of a
 * new entry and every 250 ms besides (a member that missed the news still delivers).
 */
final class InboxEventStream {

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final InboxPages pages;
    private final InboxStreams streams;
    private final int inboxPageLimit;
    private final BiFunction<RoutingContext, byte[], AuthorityCertificate> authenticate;
    private final BiConsumer<RoutingContext, Throwable> problem;

    InboxEventStream(Vertx vertx, WorkerExecutor workers, InboxPages pages, InboxStreams streams, int inboxPageLimit,
            BiFunction<RoutingContext, byte[], AuthorityCertificate> authenticate, BiConsumer<RoutingContext, Throwable> problem) {
        this.vertx = vertx;
        this.workers = workers;
        this.pages = pages;
        this.streams = streams;
        this.inboxPageLimit = inboxPageLimit;
        this.authenticate = authenticate;
        this.problem = problem;
    }

    /** Answers GET /v1/inbox/stream: replays from the cursor, then pushes as entries arrive. */
    void serve(RoutingContext ctx) {
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        long start;
        try {
            start = lastEventId != null ? Long.parseLong(lastEventId.trim()) : RegistryApi.longParam(ctx, "after", 0);
        } catch (NumberFormatException | ApiProblem e) {
            problem.accept(ctx, ApiProblem.badRequest("invalid-parameter", "after / Last-Event-ID must be a non-negative integer"));
            return;
        }
        workers.executeBlocking(() -> authenticate.apply(ctx, new byte[0]), false).onComplete(auth -> {
            if (auth.failed()) {
                problem.accept(ctx, auth.cause());
                return;
            }
            AuthorityCertificate caller = auth.result();
            if (caller.role() == AuthorityRole.OPERATOR) {
                problem.accept(ctx, ApiProblem.forbidden("the registry operator has no inbox"));
                return;
            }
            HttpServerResponse response = ctx.response();
            response.setChunked(true).putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
            response.write(": pensim inbox of the " + caller.describe() + "\n\n");
            Context context = vertx.getOrCreateContext();
            AtomicLong cursor = new AtomicLong(start);
            AtomicBoolean busy = new AtomicBoolean();
            AtomicBoolean again = new AtomicBoolean();
            AtomicBoolean closed = new AtomicBoolean();
            String owner = Inbox.owner(caller.country(), caller.role());
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                if (closed.get()) {
                    return;
                }
                if (!busy.compareAndSet(false, true)) {
                    again.set(true);
                    return;
                }
                workers.executeBlocking(() -> pages.read(caller, cursor.get(), inboxPageLimit), false).onComplete(r -> {
                    if (r.succeeded() && !closed.get()) {
                        for (JsonNode e : r.result().entries()) {
                            response.write("id: " + e.get("sequence").asLong() + "\nevent: "
                                    + e.get("kind").asText().toLowerCase() + "\ndata: " + e + "\n\n");
                        }
                        long before = cursor.getAndSet(r.result().next());
                        if (r.result().next() - before == inboxPageLimit) {
                            again.set(true);
                        }
                    }
                    busy.set(false);
                    if (again.getAndSet(false)) {
                        pump[0].run();
                    }
                });
            };
            Runnable wake = () -> context.runOnContext(v -> pump[0].run());
            streams.register(owner, wake);
            long poll = vertx.setPeriodic(250, id -> pump[0].run());
            long heartbeat = vertx.setPeriodic(15_000, id -> {
                if (!closed.get()) {
                    response.write(": keep-alive\n\n");
                }
            });
            response.closeHandler(v -> {
                closed.set(true);
                vertx.cancelTimer(poll);
                vertx.cancelTimer(heartbeat);
                streams.unregister(owner, wake);
            });
            pump[0].run();
        });
    }
}
