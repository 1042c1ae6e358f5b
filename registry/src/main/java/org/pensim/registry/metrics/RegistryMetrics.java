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
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public void accepted() {
        registry.counter("pensim_notifications_accepted").increment();
    }

    public void rejected(String reason) {
        Counter.builder("pensim_notifications_rejected").tag("reason", reason).register(registry).increment();
    }

    public void event(String type, boolean accepted) {
        Counter.builder("pensim_events").tag("type", type).tag("outcome", accepted ? "accepted" : "refused")
                .register(registry).increment();
    }

    /** Time from a notification's receipt to its entry in the importer's inbox. */
    public void deliveryLag(Duration lag) {
        Timer.builder("pensim_delivery_lag").publishPercentileHistogram().register(registry).record(lag);
    }

    public void http(String method, String route, int status, long nanos) {
        Timer.builder("pensim_http_server_requests").tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).publishPercentileHistogram().register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public void gauge(String name, String map, Supplier<Number> value) {
        Gauge.builder(name, value).tag("map", map).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
