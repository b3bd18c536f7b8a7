package org.mpysdk.core.flash.chips;

/**
 * ESP32-S3 beta 2, from esptool 4.8's {@code targets/esp32s3beta2.py}. It sets {@code EFUSE_BASE = 0x6001A000},
 * but the addresses esptool reads were computed in the S3 class from the S3's base, so the S3's are kept: this
 * reads what esptool reads.
 */
final class Esp32S3Beta2 {
    static final ChipSpec SPEC = Esp32S3.spec("esp32s3beta2", "ESP32-S3(beta2)", 4, 0xEB004136L);

    private Esp32S3Beta2() {
    }
}
