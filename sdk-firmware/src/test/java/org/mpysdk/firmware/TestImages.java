package org.mpysdk.firmware;

import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.images.TestFirmware;

/** {@link TestFirmware} with this module's {@link EspChip}, for the firmware tests. */
public final class TestImages {
    /** Flash-size code 2: 4 MB on ESP32-family headers, 1 MB on ESP8266 headers. */
    public static final int SIZE_CODE = TestFirmware.SIZE_CODE;

    private TestImages() {
    }

    public static byte[] esp32Bin(EspChip chip, String version) {
        return esp32Bin(chip.imageChipId(), chip.imageChipId(), chip.flashOffset(), version, SIZE_CODE);
    }

    public static byte[] esp32Bin(int bootChipId, int appChipId, long base, String version, int sizeCode) {
        return TestFirmware.esp32Bin(bootChipId, appChipId, base, version, sizeCode);
    }

    public static byte[] appBin(EspChip chip, String version) {
        return TestFirmware.appBin(Chip.byImageChipId(chip.imageChipId()).orElseThrow(), version);
    }

    public static byte[] esp8266Bin(String version) {
        return TestFirmware.esp8266Bin(version);
    }

    public static byte[] espImage(int chipId, boolean hash, int sizeCode, long[] loads, byte[][] segments) {
        return TestFirmware.espImage(chipId, hash, sizeCode, loads, segments);
    }

    public static byte[] partitionTable(boolean md5) {
        return TestFirmware.partitionTable(md5);
    }

    public static byte[] filler(int n, int seed) {
        return TestFirmware.filler(n, seed);
    }
}
