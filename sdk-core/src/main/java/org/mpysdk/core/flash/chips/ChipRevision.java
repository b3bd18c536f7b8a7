package org.mpysdk.core.flash.chips;

/**
 * A chip's silicon revision, {@code v3.1} style.
 *
 * @param major major revision (the "ECO" number on older chips)
 * @param minor minor revision
 */
public record ChipRevision(int major, int minor) {
    /** A revision nobody read (the ESP8266, which has none in its fuses; Secure Download Mode). */
    public static final ChipRevision UNKNOWN = new ChipRevision(-1, -1);

    /** @return major * 100 + minor, the form images use for min/max revision; -1 when unknown */
    public int full() {
        return major < 0 ? -1 : major * 100 + minor;
    }

    /** @return whether the revision was read */
    public boolean known() {
        return major >= 0;
    }

    @Override
    public String toString() {
        return known() ? "v" + major + "." + minor : "unknown";
    }
}
