package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Codes are read aloud and copied from paper: docs/exercises.md promises no look-alike characters. */
class SignInCodeTest {

    @Test
    void a_code_has_eight_characters_none_of_which_looks_like_another() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 2000; i++) {
            assertThat(DeskAccounts.signInCode(random)).hasSize(8).doesNotContainPattern("[0O1IL2Z5S6G8B]");
        }
    }
}
