package org.pensim.protocol.config;

import java.util.concurrent.CountDownLatch;

/** Keeps a started service running until the process is told to stop (SIGTERM, Ctrl-C), then closes it. */
public final class ServiceRunner {

    private ServiceRunner() {
    }

    /** Blocks until shutdown; the service is closed by the shutdown hook, so stopping loses nothing. */
    public static int runUntilStopped(String name, AutoCloseable service) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println(name + ": stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, name + "-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
