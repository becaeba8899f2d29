package org.sflowmonitor.sflow;

/** A 48-bit MAC address, printed as {@code 52:54:00:ab:cd:ef}. */
public record MacAddress(long value) {

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(value));
        }
    }

    /** Parses {@code 52:54:00:ab:cd:ef} (also with '-' separators or none). */
    public static MacAddress parse(String text) {
        String hex = text.replace(":", "").replace("-", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return new MacAddress(Long.parseLong(hex, 16));
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
