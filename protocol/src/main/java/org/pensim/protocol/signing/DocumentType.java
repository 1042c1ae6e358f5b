package org.pensim.protocol.signing;

/**
 * The kinds of signed document; the type is in the protected header, so a signature made over one kind
 * can never be replayed as another.
 */
public enum DocumentType {
    NOTIFICATION("pensim-notification+json"),
    EVENT("pensim-event+json"),
    INCIDENT("pensim-incident+json"),
    RECEIPT("pensim-receipt+json");

    private final String mediaType;

    DocumentType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The JWS {@code typ} header value. */
    public String mediaType() {
        return mediaType;
    }

    public static DocumentType ofMediaType(String typ) {
        for (DocumentType t : values()) {
            if (t.mediaType.equals(typ)) {
                return t;
            }
        }
        throw new SignatureVerificationException(VerificationFailure.WRONG_DOCUMENT_TYPE,
                "unknown document type '" + SignatureVerifier.printable(typ) + "'");
    }
}
