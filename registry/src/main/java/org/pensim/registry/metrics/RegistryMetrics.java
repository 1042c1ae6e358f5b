package org.pensim.registry.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** What a registry member exposes at {@code /metrics}, in Prometheus text format. */
public final class RegistryMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public RegistryMetrics() {
        // Two of Micrometer's own meters break Prometheus's naming rules (promtool): a count without _count
        // semantics, and nanoseconds in a name. The processor count is renamed; the CPU time in ns is dropped
        // (process_cpu_usage says the same).
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
            }
        }).meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public void accepted() {
        Counter.builder("pensim_notifications_accepted").description("Notifications accepted: durable and acknowledged")
                .register(registry).increment();
    }

    /**
     * A request that stalled until its inbox entry was too old to be named (or whose writer had left), then delivered
     * under a new entry; {@code kind} is what it delivers: NOTIFICATION or EVENT.
     */
    public void redelivered(String kind) {
        Counter.builder("pensim_delivery_retries").description("Deliveries made again under a new inbox entry because the "
                + "first was too old when its record was stored (a stalled request), by kind of document").tag("kind", kind)
                .register(registry).increment();
    }

    public void rejected(String reason) {
        Counter.builder("pensim_notifications_rejected").description("Notifications refused, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    public void event(String type, boolean accepted) {
        Counter.builder("pensim_events").description("Lifecycle events received, by type and outcome").tag("type", type)
                .tag("outcome", accepted ? "accepted" : "refused").register(registry).increment();
    }

    /** Time from a notification's receipt to its entry in the importer's inbox. */
    public void deliveryLag(Duration lag) {
        Timer.builder("pensim_delivery_lag").description("Time from a notification's receipt to its entry in the importer's inbox")
                .publishPercentileHistogram().register(registry).record(lag);
    }

    public void http(String method, String route, int status, long nanos) {
        Timer.builder("pensim_http_server_requests").description("HTTP requests served, by method, route and status")
                .tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).publishPercentileHistogram().register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** One group commit: how many writes it held and how long writing, committing and flushing them took. */
    public void databaseCommit(int writes, long nanos) {
        io.micrometer.core.instrument.DistributionSummary.builder("pensim_database_commit_writes")
                .description("Writes committed together in one database transaction (group commit)")
                .publishPercentileHistogram().register(registry).record(writes);
        Timer.builder("pensim_database_commit").description("Time to write, commit and flush one group of writes")
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    /** One batch of global screening: how many notifications a screening thread took at once. */
    public void screeningBatch(int notifications) {
        io.micrometer.core.instrument.DistributionSummary.builder("pensim_global_screening_batch_notifications")
                .description("Notifications screened together by the global indicators (one batch)")
                .publishPercentileHistogram().register(registry).record(notifications);
    }

    public void gauge(String name, String description, String map, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tag("map", map).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
