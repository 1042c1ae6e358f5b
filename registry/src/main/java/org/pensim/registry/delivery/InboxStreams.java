package org.pensim.registry.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes this member's open inbox streams when an entry is added anywhere in the cluster, so pushes go
 * out at once; streams also poll now and then, so a missed wake-up only costs a short delay.
 */
public final class InboxStreams {

    private final Map<String, Set<Runnable>> byOwner = new ConcurrentHashMap<>();

    public void register(String owner, Runnable wake) {
        byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(wake);
    }

    public void unregister(String owner, Runnable wake) {
        Set<Runnable> s = byOwner.get(owner);
        if (s != null) {
            s.remove(wake);
        }
    }

    /** Called for each inbox key added in the cluster: "CC:ROLE:sequence". */
    public void added(String inboxKey) {
        int last = inboxKey.lastIndexOf(':');
        Set<Runnable> s = last < 0 ? null : byOwner.get(inboxKey.substring(0, last));
        if (s != null && !s.isEmpty()) {
            // Each stream's runnable hops to its own connection's context.
            s.forEach(Runnable::run);
        }
    }

    public int open() {
        return byOwner.values().stream().mapToInt(Set::size).sum();
    }
}
