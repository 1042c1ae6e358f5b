package org.pensim.simulations.load;

/** The authorities of a load test in one process, as the driver sees them: in its own process or in an agent. */
interface HostedAuthorities extends AutoCloseable {

    /** Notification n is to be sent now by its exporting authority, which is hosted here. */
    void send(long n);

    /** Importing authority {@code importer}, hosted here, stops reading its inbox for a while. */
    void pause(int importer, double seconds);

    /** Whether the process hosting them failed during the run (its authorities stopped working). */
    default boolean failed() {
        return false;
    }

    @Override
    void close();
}
