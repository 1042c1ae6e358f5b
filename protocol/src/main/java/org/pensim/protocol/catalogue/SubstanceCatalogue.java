package org.pensim.protocol.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The substances pensim knows, loaded from the project data in {@code catalogue/}; look-up by id,
 * CAS number, name or synonym, ignoring case and spacing.
 */
public final class SubstanceCatalogue {

    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();
    private static volatile SubstanceCatalogue standard;

    private final Map<String, Substance> byId;
    private final Map<String, Substance> byCas;
    private final Map<String, Substance> byKey;

    private SubstanceCatalogue(List<Substance> substances) {
        Map<String, Substance> ids = new LinkedHashMap<>();
        Map<String, Substance> cas = new HashMap<>();
        Map<String, Substance> keys = new HashMap<>();
        for (Substance s : substances) {
            if (ids.put(s.id(), s) != null) {
                throw new IllegalArgumentException("duplicate substance id " + s.id());
            }
            cas.put(s.cas(), s);
            keys.put(key(s.id()), s);
            keys.put(key(s.name()), s);
            s.synonyms().forEach(syn -> keys.put(key(syn), s));
        }
        this.byId = Map.copyOf(ids);
        this.byCas = Map.copyOf(cas);
        this.byKey = Map.copyOf(keys);
        this.ordered = List.copyOf(ids.values());
    }

    private final List<Substance> ordered;

    /** The catalogue shipped with pensim. */
    public static SubstanceCatalogue standard() {
        SubstanceCatalogue c = standard;
        if (c == null) {
            synchronized (SubstanceCatalogue.class) {
                if (standard == null) {
                    standard = load();
                }
                c = standard;
            }
        }
        return c;
    }

    public Collection<Substance> all() {
        return ordered;
    }

    public Optional<Substance> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Optional<Substance> byCas(String cas) {
        return Optional.ofNullable(cas == null ? null : byCas.get(cas.trim()));
    }

    /** Finds a substance by id, CAS number, name or synonym, ignoring case and whitespace. */
    public Optional<Substance> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Substance s = byCas.get(text.trim());
        if (s == null) {
            s = byKey.get(key(text));
        }
        return Optional.ofNullable(s);
    }

    /** The catalogue entries whose names come closest to the text, best first, for "did you mean". */
    public List<Substance> closest(String text, int limit) {
        String k = key(text);
        Map<Substance, Double> best = new HashMap<>();
        for (Map.Entry<String, Substance> e : byKey.entrySet()) {
            double score = SIMILARITY.apply(k, e.getKey());
            if (e.getKey().contains(k) && !k.isEmpty()) {
                score = Math.max(score, 0.9 + 0.1 * k.length() / e.getKey().length());
            }
            best.merge(e.getValue(), score, Math::max);
        }
        for (Substance s : ordered) {
            if (s.cas().startsWith(text.trim()) && !text.isBlank()) {
                best.merge(s, 0.95, Math::max);
            }
        }
        List<Map.Entry<Substance, Double>> ranked = new ArrayList<>(best.entrySet());
        ranked.sort(Map.Entry.<Substance, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().id()));
        return ranked.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Searches for the catalogue browser: exact matches first, then the closest names. */
    public List<Substance> search(String text, int limit) {
        Optional<Substance> exact = find(text);
        List<Substance> result = new ArrayList<>();
        exact.ifPresent(result::add);
        for (Substance s : closest(text, limit + 1)) {
            if (result.size() >= limit) {
                break;
            }
            if (!result.contains(s)) {
                result.add(s);
            }
        }
        return result;
    }

    static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s]+", "");
    }

    static SubstanceCatalogue load() {
        Map<String, BigDecimal> density = new HashMap<>();
        Map<String, Map<String, BigDecimal>> salts = new HashMap<>();
        for (Map<String, String> row : readCsv("catalogue/physical-properties.csv")) {
            String id = row.get("substance_id");
            if (!row.get("density_kg_per_l").isEmpty()) {
                density.put(id, new BigDecimal(row.get("density_kg_per_l")));
            }
            if ("SALT".equals(row.get("form"))) {
                salts.computeIfAbsent(id, x -> new HashMap<>())
                        .put(row.get("salt"), new BigDecimal(row.get("base_factor")));
            }
        }
        List<Substance> substances = new ArrayList<>();
        for (Map<String, String> row : readCsv("catalogue/substances.csv")) {
            String id = row.get("id");
            String synonyms = row.get("synonyms");
            String since = row.get("controlled_since");
            substances.add(new Substance(
                    id,
                    row.get("name"),
                    synonyms.isEmpty() ? List.of() : List.of(synonyms.split("\\|")),
                    ControlList.valueOf(row.get("list")),
                    row.get("cas"),
                    row.get("hs_2022"),
                    since.isEmpty() ? null : Integer.valueOf(since),
                    Boolean.parseBoolean(row.get("alr_tracked")),
                    row.get("notes"),
                    Optional.ofNullable(density.get(id)),
                    salts.getOrDefault(id, Map.of())));
        }
        return new SubstanceCatalogue(substances);
    }

    /** Reads a CSV resource with a header line into one map per row, keyed by column name. */
    static List<Map<String, String>> readCsv(String resource) {
        InputStream in = SubstanceCatalogue.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (in; MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(in)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
