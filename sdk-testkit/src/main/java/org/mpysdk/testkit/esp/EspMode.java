package org.mpysdk.testkit.esp;

/** What the virtual chip is running, which decides how it answers the host. */
public enum EspMode {
    /** The ROM serial loader (download mode): answers ROM commands with ROM status bytes. */
    ROM_LOADER,
    /** A flasher stub uploaded to RAM and started: stub commands, 2 status bytes, SYNC value 0. */
    STUB,
    /** The application in flash runs (normal boot, or after FLASH_END): it prints text, never SLIP. */
    APPLICATION,
    /** The CPU jumped somewhere that is not a loader: it answers nothing until reset. */
    HALTED
}
