package org.pensim.protocol.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dismissals an authority's officers made, looked up by indicator and subject. Thread-safe. */
public final class Dismissals {

    private final Map<String, Dismissal> byKey = new ConcurrentHashMap<>();
    private final List<Dismissal> history = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Records that an officer dismissed a flag; later flags on the same subject weigh nothing. */
    public Dismissal dismiss(Flag flag, String officer, java.time.Instant at, String reason) {
        Dismissal d = new Dismissal(flag.indicator(), flag.subject(), officer, at, reason);
        add(d);
        return d;
    }

    public void add(Dismissal d) {
        byKey.put(key(d.indicator(), d.subject()), d);
        history.add(d);
    }

    public Optional<Dismissal> find(IndicatorCode indicator, String subject) {
        if (byKey.isEmpty()) {
            return Optional.empty(); // every flag asks; most authorities (all, in simulations) dismiss nothing
        }
        return Optional.ofNullable(byKey.get(key(indicator, subject)));
    }

    /** Every dismissal ever made, oldest first: the audit trail. */
    public List<Dismissal> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private static String key(IndicatorCode indicator, String subject) {
        return indicator + "|" + subject;
    }
}
