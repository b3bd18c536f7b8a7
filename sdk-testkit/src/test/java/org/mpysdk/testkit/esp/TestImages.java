package org.mpysdk.testkit.esp;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test images that compress about as well as firmware: text, code-like runs and noise. */
final class TestImages {
    private TestImages() {
    }

    /** @return {@code size} bytes (rounded down to a multiple of 4) that start like an ESP image */
    static byte[] firmwareLike(int size, long seed) {
        byte[] image = new byte[size / 4 * 4];
        Random random = new Random(seed);
        byte[] banner = "MicroPython v1.22.2 on 2024-02-22; virtual ESP test image\n".getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (i < image.length) {
            int kind = random.nextInt(4);
            int run = Math.min(image.length - i, 64 + random.nextInt(512));
            for (int k = 0; k < run; k++) {
                image[i + k] = switch (kind) {
                    case 0 -> banner[k % banner.length];
                    case 1 -> (byte) random.nextInt(256);
                    case 2 -> (byte) (k % 16 < 8 ? 0x00 : 0x40);
                    default -> (byte) 0xFF;
                };
            }
            i += run;
        }
        image[0] = (byte) 0xE9;
        return image;
    }
}
