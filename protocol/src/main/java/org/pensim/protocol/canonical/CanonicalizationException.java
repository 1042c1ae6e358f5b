package org.pensim.protocol.canonical;

/** The document has no canonical form pensim will sign: the message names the JSON Pointer at fault. */
public class CanonicalizationException extends RuntimeException {

    private final String pointer;

    public CanonicalizationException(String pointer, String message) {
        super((pointer.isEmpty() ? "/" : pointer) + ": " + message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
