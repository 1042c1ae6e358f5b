package org.pensim.protocol.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate authority's record of what it has revoked, kept beside its key ({@code revoked.csv}) with
 * the number of the last revocation list it issued ({@code crl-number}). Every CRL is drawn from the whole
 * record, so a later revocation never undoes an earlier one, and each CRL has a number one above the last
 * (RFC 5280, 5.2.3). Files are replaced atomically: a crash leaves the old record or the new one.
 */
public final class RevocationRegister {

    /** One revoked certificate and when it was revoked. */
    public record Entry(BigInteger serial, Instant revokedAt) {
    }

    private static final String FILE = "revoked.csv";
    private static final String NUMBER = "crl-number";

    private final Path dir;
    private final Map<BigInteger, Entry> entries = new LinkedHashMap<>();
    private BigInteger lastCrlNumber;

    private RevocationRegister(Path dir, BigInteger lastCrlNumber) {
        this.dir = dir;
        this.lastCrlNumber = lastCrlNumber;
    }

    /** The register of the CA in {@code dir}; empty if it has revoked nothing yet. */
    public static RevocationRegister load(Path dir) throws IOException {
        Path number = dir.resolve(NUMBER);
        RevocationRegister r = new RevocationRegister(dir, Files.exists(number)
                ? new BigInteger(Files.readString(number, StandardCharsets.US_ASCII).trim()) : BigInteger.ZERO);
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (line == 1 || l.isBlank()) {
                    continue; // the header
                }
                String[] f = l.split(",");
                try {
                    BigInteger serial = new BigInteger(f[0], 16);
                    r.entries.put(serial, new Entry(serial, Instant.parse(f[1])));
                } catch (RuntimeException e) {
                    throw new IOException(file + ": line " + line + " is not 'serial (hex),revokedAt (ISO 8601)': " + l);
                }
            }
        }
        return r;
    }

    /** Adds a serial; a serial already revoked keeps its first date. Returns whether it was new. */
    public boolean revoke(BigInteger serial, Instant at) {
        return entries.putIfAbsent(serial, new Entry(serial, at)) == null;
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The number the next CRL carries. */
    public BigInteger nextCrlNumber() {
        return lastCrlNumber.add(BigInteger.ONE);
    }

    /** Records that a CRL with {@link #nextCrlNumber()} was issued, and writes the register. */
    public void issued() throws IOException {
        lastCrlNumber = nextCrlNumber();
        StringBuilder csv = new StringBuilder("serial,revokedAt\n");
        for (Entry e : entries.values()) {
            csv.append(e.serial().toString(16)).append(',').append(e.revokedAt()).append('\n');
        }
        replace(dir.resolve(FILE), csv.toString());
        replace(dir.resolve(NUMBER), lastCrlNumber + "\n");
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For tests and callers that keep the register elsewhere. */
    static List<Entry> of(List<BigInteger> serials, Instant at) {
        List<Entry> l = new ArrayList<>();
        serials.forEach(s -> l.add(new Entry(s, at)));
        return l;
    }
}
