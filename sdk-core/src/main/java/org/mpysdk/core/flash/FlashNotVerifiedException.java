package org.mpysdk.core.flash;

import java.util.Objects;

/**
 * Every region was written, but the loader could not check what the flash now holds (the ESP8266 ROM
 * and Secure Download Mode have no MD5 command). The image may be right; nothing proves it, so this is
 * not reported as success. {@link #result()} says what was written.
 *
 * <p>To accept unverified writes on purpose, flash with {@code FlashOptions.defaults().withVerify(false)}
 * (CLI: {@code --no-verify}); to verify, connect with the stub flasher.
 */
public class FlashNotVerifiedException extends FlashException {
    /** What was written. */
    private final FlashResult result;

    /**
     * @param loader the loader that could not verify, for the message (e.g. "ESP8266 ROM")
     * @param result what was written
     */
    public FlashNotVerifiedException(String loader, FlashResult result) {
        super("wrote " + Objects.requireNonNull(result, "result").bytes() + " bytes in " + result.regions().size()
                + " region(s), but the " + loader + " cannot compute MD5s, so nothing was verified: the flash may "
                + "hold other bytes. Connect with the stub flasher to verify, or flash with verify off "
                + "(FlashOptions.withVerify(false), mpy flash --no-verify) to accept unverified writes");
        this.result = result;
    }

    /** @return what was written (every region with {@code verified() == false}) */
    public FlashResult result() {
        return result;
    }
}
