package org.pensim.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.pensim.protocol.canonical.JsonCanonicalizer;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.Crypto;

/**
 * Signs documents for one authority with Ed25519 (RFC 8032) over their RFC 8785 canonical bytes.
 * Immutable and thread-safe: it uses BouncyCastle's stateless Ed25519 functions with the public key
 * precomputed, rather than a stateful {@code Signer} object.
 */
public final class DocumentSigner {

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final AuthorityCredentials credentials;
    private final Map<DocumentType, String> headers = new EnumMap<>(DocumentType.class);
    private final JsonCanonicalizer canonicalizer = JsonCanonicalizer.signable();

    public DocumentSigner(AuthorityCredentials credentials) {
        this.credentials = credentials;
        this.privateKey = credentials.privateKey().getEncoded();
        this.publicKey = credentials.certificate().publicKey().getEncoded();
        for (DocumentType type : DocumentType.values()) {
            ObjectNode header = ProtocolJson.mapper().createObjectNode();
            header.put("alg", "EdDSA");
            header.put("typ", type.mediaType());
            header.put("kid", credentials.certificate().thumbprint());
            header.putArray("x5c").add(credentials.certificate().x5c());
            headers.put(type, Crypto.base64Url(canonicalizer.canonicalize(header)));
        }
    }

    public AuthorityCredentials credentials() {
        return credentials;
    }

    /** Signs a protocol record (notification, event, incident, receipt). */
    public SignedDocument sign(DocumentType type, Object document) {
        return sign(type, ProtocolJson.tree(document));
    }

    /**
     * @throws org.pensim.protocol.canonical.CanonicalizationException if the document holds floats,
     *         unsafe integers or lone surrogates
     */
    public SignedDocument sign(DocumentType type, JsonNode document) {
        String header = headers.get(type);
        byte[] input = SigningInput.of(header, canonicalizer.canonicalize(document));
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, publicKey, 0, input, 0, input.length, signature, 0);
        return new SignedDocument(header, document, Crypto.base64Url(signature));
    }

    /** The JWS signing input: ASCII(protected) '.' ASCII(base64url(payload)). */
    static final class SigningInput {
        private SigningInput() {
        }

        static byte[] of(String protectedHeader, byte[] canonicalPayload) {
            byte[] head = protectedHeader.getBytes(StandardCharsets.US_ASCII);
            byte[] body = java.util.Base64.getUrlEncoder().withoutPadding().encode(canonicalPayload);
            byte[] input = new byte[head.length + 1 + body.length];
            System.arraycopy(head, 0, input, 0, head.length);
            input[head.length] = '.';
            System.arraycopy(body, 0, input, head.length + 1, body.length);
            return input;
        }
    }
}
