package org.pensim.protocol.notification;

/** A registration number of an operator under a named scheme (VAT, EORI, national licence, DUNS...). */
public record Identifier(String scheme, String value) {
}
