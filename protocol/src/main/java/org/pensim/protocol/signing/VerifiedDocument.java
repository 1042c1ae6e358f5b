package org.pensim.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.Crypto;

/** A document whose signature and signer certificate checked out, with its canonical bytes. */
public record VerifiedDocument(DocumentType type, JsonNode document, AuthorityCertificate signer, byte[] canonical) {

    /** Hex SHA-256 of the canonical bytes: what receipts quote. */
    public String sha256() {
        return Crypto.hex(Crypto.sha256(canonical));
    }
}
