package org.pensim.simulations.load;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.pensim.registry.RegistryMember;

/**
 * A profile's faults, applied at their times: kill a member, restart it from its configuration, pause an importer's
 * reading of its inbox. Members can be killed and restarted only when this process started them ({@link LoadTarget}).
 */
final class FaultSchedule implements Runnable {

    private final LoadProfile profile;
    private final LoadTarget target;
    private final List<HostedAuthorities> hosts;
    private final PrintWriter console;

    FaultSchedule(LoadProfile profile, LoadTarget target, List<HostedAuthorities> hosts, PrintWriter console) {
        this.profile = profile;
        this.target = target;
        this.hosts = hosts;
        this.console = console;
    }

    /** Waits for each fault's time from now, then applies it; a fault that fails is reported and the test goes on. */
    @Override
    public void run() {
        long start = System.nanoTime();
        for (LoadProfile.Fault f : profile.faults() == null ? List.<LoadProfile.Fault>of() : profile.faults()) {
            long at = start + (long) (f.atSeconds() * 1e9);
            while (System.nanoTime() < at) {
                LockSupport.parkNanos(Math.max(1, at - System.nanoTime()));
            }
            try {
                switch (f.action()) {
                    case "kill" -> {
                        console.println("fault: killing member " + f.member());
                        target.members().get(f.member()).kill();
                    }
                    case "restart" -> {
                        console.println("fault: restarting member " + f.member());
                        target.members().set(f.member(), RegistryMember.start(target.configs().get(f.member()), Clock.systemUTC()));
                    }
                    case "pause-importer" -> {
                        console.printf(Locale.ROOT, "fault: pausing importer %d (%s) for %.1f s%n", f.importer(),
                                LoadTraffic.IMPORTING[f.importer()], f.seconds());
                        hosts.get(f.importer() % hosts.size()).pause(f.importer(), f.seconds());
                    }
                    default -> throw new IllegalStateException(f.action());
                }
            } catch (Exception e) {
                console.println("fault " + f.action() + " failed: " + e.getMessage());
            }
        }
    }
}
