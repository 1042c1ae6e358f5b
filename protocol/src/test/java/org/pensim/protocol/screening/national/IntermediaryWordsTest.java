package org.pensim.protocol.screening.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntermediaryWordsTest {

    @Test
    void words_are_found_in_a_key_exactly_where_the_spaced_key_contains_them() {
        List<String> spaced = List.of(" trading ", " import export ", " freight ", " a ");
        String[] vocabulary = {"trading", "import", "export", "freight", "freighter", "atrading", "a", "gulf", "star", ""};
        SplittableRandom random = new SplittableRandom(3);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            int words = random.nextInt(5);
            StringBuilder key = new StringBuilder();
            for (int w = 0; w < words; w++) {
                key.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
            }
            for (String s : spaced) {
                boolean expected = (" " + key + " ").contains(s);
                assertThat(NationalScreening.containsWords(key.toString(), s)).as("'%s' in '%s'", s, key).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThan(1000);
    }
}
