package org.pensim.protocol.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void hashes_written_by_the_reference_implementation_and_by_argon2_cffi_are_read() {
        // phc-winner-argon2 README: echo -n password | argon2 somesalt -t 2 -m 16 -p 4 -l 24
        assertThat(PasswordHash.matches("password".toCharArray(),
                "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")).isTrue();
        // argon2-cffi documentation, PasswordHasher().hash("correct horse battery staple")
        assertThat(PasswordHash.matches("correct horse battery staple".toCharArray(),
                "$argon2id$v=19$m=65536,t=3,p=4$MIIRqgvgQbgj220jfp0MPA$YfwJSVjtjSU0zzV/P3S9nnQ/USre2wvJMjfCIjrTQbg")).isTrue();
        assertThat(PasswordHash.matches("Password".toCharArray(),
                "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")).isFalse();
    }

    @Test
    void a_new_hash_is_argon2id_salted_afresh_and_checks_only_its_own_secret() {
        SecureRandom random = new SecureRandom();
        String a = PasswordHash.create("s3cret pass".toCharArray(), random);
        String b = PasswordHash.create("s3cret pass".toCharArray(), random);
        assertThat(a).startsWith("$argon2id$v=19$m=" + PasswordHash.MEMORY_KIB + ",t=" + PasswordHash.ITERATIONS + ",p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHash.matches("s3cret pass".toCharArray(), a)).isTrue();
        assertThat(PasswordHash.matches("s3cret pass ".toCharArray(), a)).isFalse();
        assertThat(PasswordHash.matches("".toCharArray(), a)).isFalse();
    }

    @Test
    void what_is_not_an_argon2_hash_is_refused_with_a_reason() {
        assertThat(PasswordHash.wellFormed("plain text")).isFalse();
        assertThat(PasswordHash.wellFormed("$2b$12$abcdefghijklmnopqrstuu")).isFalse();
        assertThatThrownBy(() -> PasswordHash.matches("x".toCharArray(), "$1$md5$nope"))
                .hasMessageContaining("not an Argon2 hash in PHC format");
        assertThatThrownBy(() -> new OfficerAccount("anna", "Anna", "secret"))
                .hasMessageContaining("pensim officer hash-password");
        assertThatThrownBy(() -> new OfficerAccount("Anna Smith", "Anna", PasswordHash.create("x".toCharArray(), new SecureRandom())))
                .hasMessageContaining("lower-case letters");
    }
}
