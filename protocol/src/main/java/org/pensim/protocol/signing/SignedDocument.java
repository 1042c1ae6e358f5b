package org.pensim.protocol.signing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pensim.protocol.json.ProtocolJson;

/**
 * A JWS-shaped envelope with a detached payload (RFC 7515, appendix F): {@code protected} is the
 * base64url protected header, {@code document} the JSON document itself, {@code signature} the
 * base64url Ed25519 signature over {@code protected + "." + base64url(JCS(document))}. Joining those
 * three parts with dots gives a compact JWS that any JOSE library verifies.
 */
public record SignedDocument(
        @JsonProperty("protected") String protectedHeader,
        @JsonProperty("document") JsonNode document,
        @JsonProperty("signature") String signature) {

    public ObjectNode toJson() {
        ObjectNode node = ProtocolJson.mapper().createObjectNode();
        node.put("protected", protectedHeader);
        node.set("document", document);
        node.put("signature", signature);
        return node;
    }

    /** Reads an envelope, naming the first missing or mistyped member. */
    public static SignedDocument fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "a signed document must be a JSON object with protected, document and signature");
        }
        for (String field : new String[] {"protected", "signature"}) {
            if (!node.path(field).isTextual()) {
                throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                        "/" + field + ": a base64url string is required");
            }
        }
        if (!node.path("document").isObject()) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "/document: a JSON object is required");
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("protected") && !name.equals("signature") && !name.equals("document")) {
                throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                        "/" + name + ": unexpected member of a signed document");
            }
        }
        return new SignedDocument(node.get("protected").textValue(), node.get("document"),
                node.get("signature").textValue());
    }
}
