package org.pensim.protocol.officer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Salted, deliberately slow hashes of officers' passwords and sign-in codes: Argon2id (RFC 9106) in the
 * PHC string format that the reference implementation, libsodium and Python's argon2-cffi also write, so a
 * node's accounts can be made and checked with any of them.
 */
public final class PasswordHash {

    /** OWASP Password Storage Cheat Sheet (2024), Argon2id minimum: 19 MiB, 2 passes, 1 lane. */
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)\\$v=(16|19)\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private PasswordHash() {
    }

    /** A new hash of {@code secret} with a fresh random salt. */
    public static String create(char[] secret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS, PARALLELISM,
                salt, secret, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code secret} matches {@code encoded}; the comparison takes the same time wherever they differ. */
    public static boolean matches(char[] secret, String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Argon2 hash in PHC format ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
        }
        int type = switch (m.group(1)) {
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
        int version = m.group(2).equals("19") ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10;
        byte[] salt = Base64.getDecoder().decode(m.group(6));
        byte[] expected = Base64.getDecoder().decode(m.group(7));
        byte[] actual = argon2(type, version, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)), salt, secret, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Checks the form of an encoded hash, so that a configuration mistake shows at start and not at sign-in. */
    public static boolean wellFormed(String encoded) {
        return encoded != null && PHC.matcher(encoded).matches();
    }

    private static byte[] argon2(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
            char[] secret, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[length];
        byte[] utf8 = new String(secret).getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(utf8, out);
        java.util.Arrays.fill(utf8, (byte) 0);
        return out;
    }
}
