package org.pensim.protocol.screening.national;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.Party;

/**
 * Entities named in incidents, matched against the parties of later notifications. An identical
 * identifier is a certain match; otherwise names are compared after {@link EntityNames} normalisation
 * with Jaro-Winkler similarity, only against entries sharing a word or a word's first letters.
 */
public final class WatchList {

    /** An entity under watch and the incident that named it. */
    public record Entry(String name, String nameKey, String country, List<String> identifierKeys, String incidentId) {
    }

    /** A party that matched an entry. */
    public record Match(Entry entry, boolean byIdentifier, double similarity, String matchedOn) {
    }

    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    private final Map<String, Entry> byIdentifier = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> byToken = new ConcurrentHashMap<>();
    private int size;
    /**
     * Name matches already computed: notifications name the same parties again and again, and comparing
     * a name with its candidates is the costly part. One stays valid while no entry sharing one of its
     * tokens is added (its stamp, the sum of its tokens' counters in {@link #tokenAdditions}, is unchanged).
     */
    private final Map<NameQuery, CachedMatch> nameMatches = new ConcurrentHashMap<>();
    /** Per token, how many entries were added with it; a cached match holds its tokens' counters. */
    private final Map<String, AtomicLong> tokenAdditions = new ConcurrentHashMap<>();

    private record NameQuery(String name, double minSimilarity) {
    }

    private record CachedMatch(AtomicLong[] counters, long stamp, Optional<Match> match) {
    }

    /** Enough for every party of a busy authority's trade; past it the memory starts again from nothing. */
    private static final int MAX_REMEMBERED_NAMES = 50_000;

    public synchronized void add(Incident incident) {
        for (InvolvedEntity e : incident.entities()) {
            List<String> ids = new ArrayList<>();
            for (Identifier id : e.identifiers()) {
                ids.add(EntityNames.identifierKey(id.scheme(), id.value()));
            }
            Entry entry = new Entry(e.name(), EntityNames.key(e.name()),
                    e.address() == null ? null : e.address().country(), ids, incident.id());
            ids.forEach(k -> byIdentifier.put(k, entry));
            for (String token : tokens(entry.nameKey())) {
                byToken.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(entry);
                counter(token).incrementAndGet(); // after the entry is findable: see match
            }
            size++;
        }
    }

    public int size() {
        return size;
    }

    /** The best match of a party, if any reaches {@code minSimilarity}. */
    public Optional<Match> match(Party party, double minSimilarity) {
        for (Identifier id : party.identifiers()) {
            String key = EntityNames.identifierKey(id.scheme(), id.value());
            Entry e = byIdentifier.get(key);
            if (e != null) {
                return Optional.of(new Match(e, true, 1.0, id.scheme() + " " + id.value()));
            }
        }
        NameQuery cacheKey = new NameQuery(party.name(), minSimilarity);
        CachedMatch cached = nameMatches.get(cacheKey);
        if (cached != null && stamp(cached.counters()) == cached.stamp()) {
            return cached.match();
        }
        String key = EntityNames.key(party.name());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String[] tokens = tokens(key).toArray(String[]::new);
        // Stamped before the candidates are read: an entry added meanwhile makes the result stale, never lost.
        AtomicLong[] counters = new AtomicLong[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            counters[i] = counter(tokens[i]);
        }
        long stamp = stamp(counters);
        Optional<Match> match = matchByName(party, key, tokens, minSimilarity);
        if (nameMatches.size() >= MAX_REMEMBERED_NAMES) {
            nameMatches.clear();
        }
        nameMatches.put(cacheKey, new CachedMatch(counters, stamp, match));
        return match;
    }

    private AtomicLong counter(String token) {
        return tokenAdditions.computeIfAbsent(token, t -> new AtomicLong());
    }

    private static long stamp(AtomicLong[] counters) {
        long sum = 0;
        for (AtomicLong c : counters) {
            sum += c.get();
        }
        return sum;
    }

    private Optional<Match> matchByName(Party party, String key, String[] tokens, double minSimilarity) {
        Set<Entry> candidates = new HashSet<>();
        for (String token : tokens) {
            List<Entry> l = byToken.get(token);
            if (l != null) {
                candidates.addAll(l);
            }
        }
        Match best = null;
        for (Entry e : candidates) {
            double s = SIMILARITY.apply(key, e.nameKey());
            if (s >= minSimilarity && (best == null || s > best.similarity())) {
                best = new Match(e, false, s, "name '" + party.name() + "' ~ '" + e.name() + "'");
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whole words and their first three letters, so a misspelt word still finds its candidates. */
    private static Set<String> tokens(String nameKey) {
        Set<String> t = new HashSet<>();
        for (String w : nameKey.split(" ")) {
            if (w.length() >= 3) {
                t.add(w.substring(0, 3));
            } else if (!w.isEmpty()) {
                t.add(w);
            }
        }
        return t;
    }
}
