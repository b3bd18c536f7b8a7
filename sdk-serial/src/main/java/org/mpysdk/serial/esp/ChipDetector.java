package org.mpysdk.serial.esp;

import java.io.IOException;
import java.util.Optional;
import org.mpysdk.core.flash.BootloaderNotRespondingException.Reason;
import org.mpysdk.core.flash.BootloaderNotRespondingException;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.core.flash.chips.RomLoader;
import org.mpysdk.serial.esp.internal.targets.Target;
import org.mpysdk.serial.esp.internal.targets.Targets;
import org.mpysdk.serial.esp.protocol.EspProtocolException;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Identifies the chip the way esptool does: GET_SECURITY_INFO (20 bytes, then the 12-byte ESP32-S2 form)
 * for the chip id; else the magic word at 0x40001000; a ROM that refuses READ_REG too is an ESP32-S2 in
 * Secure Download Mode.
 */
final class ChipDetector {
    /** Address of the chip-detect magic word. */
    public static final long MAGIC_REGISTER = RomLoader.MAGIC_REGISTER;

    /**
     * What detection found.
     *
     * @param target the chip's target
     * @param securityInfo the GET_SECURITY_INFO answer, or null when the loader has none
     * @param secureDownloadMode whether the ROM runs in Secure Download Mode
     */
    public record Detection(Target target, SecurityInfo securityInfo, boolean secureDownloadMode) {
    }

    private ChipDetector() {
    }

    /**
     * Identifies the chip: by GET_SECURITY_INFO's chip id where the loader has it, else by the magic
     * value in a known ROM register.
     *
     * @param link a synced link to the ROM loader
     * @return the chip's target and what the security query said
     * @throws FlashException when the chip id or magic value is unknown
     * @throws BootloaderNotRespondingException (REJECTED) when the ROM refuses both identification commands
     * @throws IOException a timeout or transport failure
     */
    public static Detection detect(EspLink link) throws IOException {
        Optional<SecurityInfo> info = securityInfo(link);
        if (info.isPresent() && info.get().chip().isPresent()) {
            int id = info.get().chipId();
            Target t = Targets.byChipId(id).orElseThrow(() -> new FlashException("the chip reports chip id " + id
                    + ", which this SDK does not know (it knows " + java.util.Arrays.toString(Chip.values()) + ")"));
            return new Detection(t, info.get(), info.get().secureDownloadMode());
        }
        boolean sdm = info.map(SecurityInfo::secureDownloadMode).orElse(false);
        int magic;
        try {
            magic = link.readReg(MAGIC_REGISTER);
        } catch (UnsupportedCommandException e) {
            // Only the ESP32-S2 ROM in Secure Download Mode lacks both READ_REG and a chip id.
            return new Detection(Targets.of(Chip.ESP32_S2), info.orElse(null), true);
        } catch (EspCommandException e) {
            throw new BootloaderNotRespondingException(link.transport().name(), 1, Reason.REJECTED, new byte[0],
                    "Identification was refused: " + e.getMessage() + ".");
        }
        Target t = Targets.byMagic(magic).orElseThrow(() -> new FlashException(String.format(
                "unknown chip: the magic word at 0x40001000 is 0x%08X and GET_SECURITY_INFO gave no chip id; "
                        + "this SDK knows %s", magic, java.util.Arrays.toString(Chip.values()))));
        return new Detection(t, info.orElse(null), sdm);
    }

    private static Optional<SecurityInfo> securityInfo(EspLink link) throws IOException {
        for (int length : new int[] {SecurityInfo.LONG_FORM, SecurityInfo.SHORT_FORM}) {
            try {
                byte[] payload = link.check("get security info", Opcode.GET_SECURITY_INFO, new byte[0], 0, length,
                        Timeouts.DEFAULT);
                return Optional.of(SecurityInfo.parse(payload));
            } catch (UnsupportedCommandException e) {
                return Optional.empty();  // ESP8266 and ESP32 ROMs, and their stubs
            } catch (EspCommandException | EspProtocolException e) {
                // wrong length for this chip: try the short (ESP32-S2) form, then give up
            }
        }
        return Optional.empty();
    }
}
