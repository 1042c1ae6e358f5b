package org.pensim.protocol.screening.national;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which substances are esters, salts, pre-precursors or reagents standing in for a scheduled chemical
 * (project data in {@code catalogue/substitutes.csv}).
 */
public final class SubstituteRelations {

    /** How a substance relates to the scheduled chemical it can replace. */
    public record Relation(String substanceId, String relation, String scheduledParent, String note) {
    }

    private static volatile SubstituteRelations standard;
    private final Map<String, Relation> bySubstance;

    private SubstituteRelations(Map<String, Relation> bySubstance) {
        this.bySubstance = Map.copyOf(bySubstance);
    }

    public static SubstituteRelations standard() {
        if (standard == null) {
            synchronized (SubstituteRelations.class) {
                if (standard == null) {
                    Map<String, Relation> m = new HashMap<>();
                    try (InputStream in = SubstituteRelations.class.getClassLoader()
                            .getResourceAsStream("catalogue/substitutes.csv");
                         MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                                 .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
                        for (Map<String, String> r : rows.readAll()) {
                            m.put(r.get("substance_id"), new Relation(r.get("substance_id"), r.get("relation"),
                                    r.get("scheduled_parent"), r.get("note")));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    standard = new SubstituteRelations(m);
                }
            }
        }
        return standard;
    }

    public Optional<Relation> of(String substanceId) {
        return Optional.ofNullable(bySubstance.get(substanceId));
    }
}
