package org.pensim.registry.delivery;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.query.Predicates;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this member's open inbox streams when an entry is added to their inbox anywhere in the cluster, so
 * pushes go out at once; streams also poll now and then, so a missed wake-up only costs a short delay.
 *
 * <p>This member listens to an inbox only while it has a stream open on it, with the inbox as the listener's
 * filter: an entry added elsewhere is then sent to the members that stream that inbox, not to every member
 * (a cluster-wide listener sent each delivery to all of them, streams or not).
 */
public final class InboxStreams {

    private final IMap<String, HazelcastJsonValue> entries;
    private final Map<String, Set<Runnable>> byOwner = new ConcurrentHashMap<>();
    /** Inboxes this member has streams of, and the cluster listener of each once registered; guarded by {@code this}. */
    private final Set<String> streamed = new HashSet<>();
    private final Map<String, UUID> listeners = new HashMap<>();
    /**
     * Listener registrations wait for every member, so they are made here, one at a time (in the order asked),
     * never on the event loop that opens or closes a stream; the thread ends when idle.
     */
    private final ExecutorService changes = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "pensim-inbox-listeners");
        t.setDaemon(true);
        return t;
    });

    public InboxStreams(IMap<String, HazelcastJsonValue> entries) {
        this.entries = entries;
    }

    /** Registers a stream of {@code owner}'s inbox; the first one on this member starts listening to it. */
    public synchronized void register(String owner, Runnable wake) {
        byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(wake);
        if (streamed.add(owner)) {
            changes.execute(() -> listen(owner));
        }
    }

    /** Unregisters a stream; the last one of an inbox on this member stops listening to it. */
    public synchronized void unregister(String owner, Runnable wake) {
        Set<Runnable> s = byOwner.get(owner);
        if (s != null && s.remove(wake) && s.isEmpty()) {
            byOwner.remove(owner);
            streamed.remove(owner);
            changes.execute(() -> stopListening(owner));
        }
    }

    private void listen(String owner) {
        synchronized (this) {
            if (!streamed.contains(owner) || listeners.containsKey(owner)) {
                return;
            }
        }
        try {
            // Inbox keys are "CC:ROLE:sequence", with neither '%' nor '_' in CC:ROLE; the filter runs where the entry is added.
            UUID id = entries.addEntryListener((EntryAddedListener<String, HazelcastJsonValue>) e -> added(e.getKey()),
                    Predicates.like("__key", owner + ":%"), false);
            synchronized (this) {
                listeners.put(owner, id);
            }
        } catch (com.hazelcast.core.HazelcastInstanceNotActiveException stopping) {
            // the member is stopping: its streams are closing too
        }
    }

    private void stopListening(String owner) {
        UUID id;
        synchronized (this) {
            if (streamed.contains(owner)) {
                return; // a stream of it opened again meanwhile
            }
            id = listeners.remove(owner);
        }
        if (id != null) {
            try {
                entries.removeEntryListener(id);
            } catch (com.hazelcast.core.HazelcastInstanceNotActiveException stopping) {
                // the member is stopping: its listeners go with it
            }
        }
    }

    /** Called for each entry added to an inbox this member streams: "CC:ROLE:sequence". */
    void added(String inboxKey) {
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
