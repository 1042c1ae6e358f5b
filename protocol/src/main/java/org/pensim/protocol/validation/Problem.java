package org.pensim.protocol.validation;

/** One thing wrong with a document: where (a JSON Pointer, RFC 6901) and what, in plain words. */
public record Problem(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
