package org.mpysdk.core.flash;

import java.io.IOException;

/**
 * Anything that can become a {@link FlashImage}: a {@code FlashImage} itself, or a downloaded
 * firmware from sdk-firmware. {@code Board.flash(...)} takes this, so {@code board.flash(firmware)} works.
 */
@FunctionalInterface
public interface FlashImageSource {
    /**
     * @return the image to write
     * @throws IOException when the image cannot be produced (for example a download failed verification)
     */
    FlashImage toFlashImage() throws IOException;
}
