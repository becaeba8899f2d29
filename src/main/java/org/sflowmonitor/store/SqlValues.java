package org.sflowmonitor.store;

/**
 * The "unknown" sentinels of sFlow values (reference section 6) and the conversions of values on
 * their way into a column; {@link Parameters} binds them.
 */
final class SqlValues {

    static final long U32_UNKNOWN = 0xFFFF_FFFFL;

    private SqlValues() {
    }

    /** An unsigned 64-bit value held in a long's 64 bits, as a double. */
    static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }

    /** False for the negative "unknown" load average, and for what is not a number. */
    static boolean knownLoad(float value) {
        return value >= 0 && !Float.isInfinite(value);
    }

    /** The value cut to the column's length, or null when empty (the "unknown" string). */
    static String text(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        // Strings are kept whole on the wire; cut only to fit the column, at a code point boundary.
        if (value.length() <= maxLength) {
            return value;
        }
        int end = maxLength;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
