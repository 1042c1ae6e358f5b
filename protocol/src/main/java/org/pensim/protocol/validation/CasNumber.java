package org.pensim.protocol.validation;

import java.util.regex.Pattern;

/**
 * CAS registry numbers: two to seven digits, two digits, one check digit. The check digit is the sum
 * of every other digit times its position counted from the right, modulo 10.
 */
public final class CasNumber {

    private static final Pattern SHAPE = Pattern.compile("^(\\d{2,7})-(\\d{2})-(\\d)$");

    private CasNumber() {
    }

    public static boolean hasValidShape(String cas) {
        return cas != null && SHAPE.matcher(cas).matches();
    }

    /** The check digit the other digits call for. */
    public static int expectedCheckDigit(String cas) {
        String digits = cas.substring(0, cas.lastIndexOf('-')).replace("-", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int weight = digits.length() - i;
            sum += weight * (digits.charAt(i) - '0');
        }
        return sum % 10;
    }

    public static boolean isValid(String cas) {
        return hasValidShape(cas) && expectedCheckDigit(cas) == cas.charAt(cas.length() - 1) - '0';
    }
}
