package org.mpysdk.firmware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of file micropython.org publishes per build, by file name extension. */
public enum FileType {
    /** Full flash image for esptool (bootloader, partition table and app on ESP32; the whole image on ESP8266). */
    BIN("bin", true),
    /** ESP32 application image alone (for OTA updates or writing at the app partition). */
    APP_BIN("app-bin", true),
    /** ELF with symbols, for debugging. */
    ELF("elf", false),
    /** Linker map. */
    MAP("map", false),
    /** UF2 for drag-and-drop bootloaders (ESP32-S2/S3 with TinyUF2, RP2, SAMD). */
    UF2("uf2", false),
    /** Intel HEX. */
    HEX("hex", false),
    /** DFU file (STM32). */
    DFU("dfu", false),
    /** Zip archive (nRF). */
    ZIP("zip", false);

    private final String extension;
    private final boolean espImage;

    FileType(String extension, boolean espImage) {
        this.extension = extension;
        this.espImage = espImage;
    }

    /** @return the file name extension without the dot, for example {@code app-bin} */
    public String extension() {
        return extension;
    }

    /** @return whether files of this type are ESP images that the verifier checks and a flasher writes */
    public boolean isEspImage() {
        return espImage;
    }

    /**
     * @param extension a file extension such as {@code bin} or {@code .app-bin}, any case
     * @return the type for that extension, if known
     */
    public static Optional<FileType> fromExtension(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        return Arrays.stream(values()).filter(t -> t.extension.equals(ext)).findFirst();
    }
}
