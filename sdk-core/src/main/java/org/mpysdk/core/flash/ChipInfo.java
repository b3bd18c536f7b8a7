package org.mpysdk.core.flash;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mpysdk.core.flash.chips.ChipRevision;

/**
 * What the bootloader told about the chip it runs on.
 *
 * <pre>{@code
 * ChipInfo info = board.bootloader().chip();
 * System.out.println(info);   // ESP32-D0WD-V3 (revision v3.1), MAC 24:0a:c4:12:34:56, 40 MHz crystal, flash Winbond 4016 4 MB
 * }</pre>
 *
 * @param chip the chip family
 * @param description the exact part as esptool names it, for example {@code ESP32-D0WD-V3}
 * @param revision silicon revision, or {@link ChipRevision#UNKNOWN}
 * @param mac the base MAC address as {@code aa:bb:cc:dd:ee:ff}, or empty where it was not read
 * @param crystalMhz crystal frequency in MHz, or 0 where it was not cheap to know
 * @param flashId the flash chip's JEDEC id, or null where it could not be read (Secure Download Mode)
 * @param flashSize flash size in bytes from the flash id, or -1 when unknown
 * @param secureDownloadMode whether the ROM runs in Secure Download Mode (no stub, no MD5, no register reads)
 * @param stubRunning whether the stub flasher (not the ROM) now answers commands
 */
public record ChipInfo(Chip chip, String description, ChipRevision revision, String mac, int crystalMhz,
        FlashId flashId, long flashSize, boolean secureDownloadMode, boolean stubRunning) {

    /**
     * Fills in what a partial answer left out.
     *
     * @param chip the chip family, required
     * @param description the exact part; null or blank means the family's display name
     * @param revision silicon revision; null means {@link ChipRevision#UNKNOWN}
     * @param mac the base MAC address; null means not read
     * @param crystalMhz crystal frequency in MHz, or 0
     * @param flashId the flash chip's JEDEC id, or null
     * @param flashSize flash size in bytes, or -1 when unknown
     * @param secureDownloadMode whether the ROM runs in Secure Download Mode
     * @param stubRunning whether the stub flasher answers commands
     * @throws NullPointerException when {@code chip} is null
     */
    public ChipInfo {
        Objects.requireNonNull(chip, "chip");
        description = description == null || description.isBlank() ? chip.displayName() : description;
        revision = revision == null ? ChipRevision.UNKNOWN : revision;
        mac = mac == null ? "" : mac;
    }

    /** @return the JEDEC id, when read */
    public Optional<FlashId> flash() {
        return Optional.ofNullable(flashId);
    }

    /** @return the detected flash size, when known */
    public OptionalLong flashSizeBytes() {
        return flashSize > 0 ? OptionalLong.of(flashSize) : OptionalLong.empty();
    }

    /**
     * @param running whether the stub flasher now answers instead of the ROM
     * @return a copy that records whether the stub is running
     */
    public ChipInfo withStubRunning(boolean running) {
        return new ChipInfo(chip, description, revision, mac, crystalMhz, flashId, flashSize, secureDownloadMode, running);
    }

    /**
     * @param id the JEDEC id read from the flash chip, or null
     * @param size the flash size in bytes derived from it, or -1 when unknown
     * @return a copy with the flash fields filled in
     */
    public ChipInfo withFlash(FlashId id, long size) {
        return new ChipInfo(chip, description, revision, mac, crystalMhz, id, size, secureDownloadMode, stubRunning);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(description);
        if (revision.known()) {
            sb.append(" (revision ").append(revision).append(')');
        }
        if (!mac.isEmpty()) {
            sb.append(", MAC ").append(mac);
        }
        if (crystalMhz > 0) {
            sb.append(", ").append(crystalMhz).append(" MHz crystal");
        }
        if (flashId != null) {
            sb.append(", flash ").append(flashId.manufacturerName()).append(String.format(" %04X", flashId.deviceId()));
        }
        if (flashSize > 0) {
            sb.append(' ').append(FlashSizes.format(flashSize));
        }
        if (secureDownloadMode) {
            sb.append(", Secure Download Mode");
        }
        return sb.toString();
    }
}
