package org.pensim.protocol.screening.national;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.Party;

/**
 * Entities named in incidents, matched against the parties of later notifications. An identical
 * identifier is a certain match; otherwise names are compared after {@link EntityNames} normalisation
 * with Jaro-Winkler similarity, only against entries sharing a word or a word's first letters. The best
 * match is the most similar entry; of equally similar ones, the one added first.
 */
public final class WatchList {

    /** An entity under watch and the incident that named it; {@code sequence} orders entries as added. */
    public record Entry(String name, String nameKey, String country, List<String> identifierKeys, String incidentId,
            long sequence) {
    }

    /** A party that matched an entry. */
    public record Match(Entry entry, boolean byIdentifier, double similarity, String matchedOn) {
    }

    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    private final Map<String, Entry> byIdentifier = new ConcurrentHashMap<>();
    /** Per token, the entries with it, in the order added; lists are only ever appended to. */
    private final Map<String, List<Entry>> byToken = new ConcurrentHashMap<>();
    /** Entries added so far; written under the lock after the entries are in their lists. */
    private volatile int size;
    /**
     * Name matches already computed: notifications name the same parties again and again, and comparing
     * a name with its candidates is the costly part. A remembered match records how far it has read each
     * of its tokens' lists; a later look-up compares the name only with the entries added since.
     */
    private final Map<NameQuery, NameMatch> nameMatches = new ConcurrentHashMap<>();

    private record NameQuery(String name, double minSimilarity) {
    }

    /**
     * A name's best match so far, how many entries of each of its tokens' lists it has compared, and the
     * list's size when it last looked: while no entry has been added since, there is nothing to read on.
     */
    private record NameMatch(String key, List<Entry>[] lists, int[] read, Match best, int seenSize) {
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
                    e.address() == null ? null : e.address().country(), ids, incident.id(), size);
            ids.forEach(k -> byIdentifier.put(k, entry));
            for (String token : tokens(entry.nameKey())) {
                list(token).add(entry);
            }
            size++;
        }
    }

    public int size() {
        return size;
    }

    /** The best match of a party, if any reaches {@code minSimilarity}. */
    public Optional<Match> match(Party party, double minSimilarity) {
        // Incidents often name no identifier at all; then no party's identifiers need normalising.
        for (Identifier id : byIdentifier.isEmpty() ? List.<Identifier>of() : party.identifiers()) {
            String key = EntityNames.identifierKey(id.scheme(), id.value());
            Entry e = byIdentifier.get(key);
            if (e != null) {
                return Optional.of(new Match(e, true, 1.0, id.scheme() + " " + id.value()));
            }
        }
        NameQuery query = new NameQuery(party.name(), minSimilarity);
        NameMatch known = nameMatches.get(query);
        int entries = size;
        if (known != null && known.seenSize() == entries) {
            return Optional.ofNullable(known.best()); // most look-ups: no incident since the last one
        }
        if (known == null) {
            String key = EntityNames.key(party.name());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            String[] tokens = tokens(key).toArray(String[]::new);
            @SuppressWarnings("unchecked")
            List<Entry>[] lists = new List[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                lists[i] = list(tokens[i]);
            }
            known = new NameMatch(key, lists, new int[tokens.length], null, -1);
        }
        NameMatch current = catchUp(party, known, minSimilarity, entries);
        if (nameMatches.size() >= MAX_REMEMBERED_NAMES) {
            nameMatches.clear();
        }
        // Racing look-ups may store a match that has read less: it is still right, and the next one reads on.
        nameMatches.put(query, current);
        return Optional.ofNullable(current.best());
    }

    /** Compares the name with the entries added to its tokens' lists since {@code m} last read them. */
    private static NameMatch catchUp(Party party, NameMatch m, double minSimilarity, int entries) {
        int[] read = null;
        Match best = m.best();
        for (int i = 0; i < m.lists().length; i++) {
            List<Entry> list = m.lists()[i];
            int available = list.size();
            if (available == m.read()[i]) {
                continue;
            }
            if (read == null) {
                read = m.read().clone();
            }
            for (int j = m.read()[i]; j < available; j++) {
                best = better(best, party, m.key(), list.get(j), minSimilarity);
            }
            read[i] = available;
        }
        return new NameMatch(m.key(), m.lists(), read == null ? m.read() : read, best, entries);
    }

    private static Match better(Match best, Party party, String key, Entry candidate, double minSimilarity) {
        double s = SIMILARITY.apply(key, candidate.nameKey());
        if (s < minSimilarity || best != null && (s < best.similarity()
                || s == best.similarity() && candidate.sequence() >= best.entry().sequence())) {
            return best;
        }
        return new Match(candidate, false, s, "name '" + party.name() + "' ~ '" + candidate.name() + "'");
    }

    private List<Entry> list(String token) {
        return byToken.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>());
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
