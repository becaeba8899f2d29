package org.sflowmonitor.sflow;

import java.util.regex.Pattern;

/** A 48-bit MAC address, printed as {@code 52:54:00:ab:cd:ef}. */
public record MacAddress(long value) {

    /** The notations {@link #parse} reads, in words, for error messages. */
    public static final String NOTATIONS = "six pairs of hex digits separated by colons or dashes "
            + "(52:54:00:aa:00:02, 52-54-00-AA-00-02), three groups of four separated by dots (5254.00aa.0002), "
            + "or twelve hex digits (525400aa0002), in any case";

    private static final Pattern NOTATION = Pattern.compile("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(?:\\1\\p{XDigit}{2}){4}"
            + "|\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}|\\p{XDigit}{12}");

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(value));
        }
    }

    /**
     * Parses a MAC in any of the common {@link #NOTATIONS}; IllegalArgumentException for
     * anything else.
     */
    public static MacAddress parse(String text) {
        if (!NOTATION.matcher(text).matches()) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return new MacAddress(Long.parseLong(text.replaceAll("[:.-]", ""), 16));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (value >>> shift) & 0xFF;
            s.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (shift > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
