package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.json.ProtocolJson;

/**
 * The exporting desk takes any id an officer types, the exercise's own numbering too: an inject fired after an officer
 * took its next number takes the one after, instead of failing ("is already in the outbox", a helper's trial).
 */
class OfficerTypedIdTest {

    @Test
    void an_inject_takes_the_next_free_number_after_ids_officers_typed() throws Exception {
        ExercisePlan plan = ExercisePlanLoader.load(Path.of("exercises/two-country.yaml"));
        Path out = Files.createTempDirectory("pensim-typed-ids");
        try (Exercise exercise = Exercise.start(plan, out, Clock.systemUTC(), true)) {
            // What an officer typing the ids the exercise would give next does: documents numbered as the exercise numbers.
            ExerciseDocuments same = new ExerciseDocuments(plan, SubstanceCatalogue.standard());
            Set<String> typed = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                var n = same.injectNotification(plan.inject("regular-customer"), plan.start());
                assertThat(exercise.exporter("DE").submit(ProtocolJson.tree(n))).isEmpty();
                typed.add(n.id());
            }
            String fired = exercise.fire("front-company-pse", "Trainer");
            assertThat(fired).startsWith("DE-").isNotIn(typed);
        }
    }
}
