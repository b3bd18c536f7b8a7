package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.BaudRate;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.VirtualBoardFactory;

/**
 * Makes {@code Board.open("virtual:esp32")} work (also {@code virtual:esp8266}, {@code virtual:esp32s3},
 * {@code virtual:esp32c3}): each open creates a fresh {@link VirtualEsp} with default knobs, in its ROM
 * loader, linked in-process. The transport is a {@link VirtualEspTransport}; its
 * {@link VirtualEspTransport#chip()} gives tests the chip, and closing the transport closes the chip.
 *
 * <pre>{@code
 * try (Board board = Board.open("virtual:esp32")) {
 *     VirtualEsp chip = ((VirtualEspTransport) board.transport()).chip();
 * }
 * }</pre>
 */
public final class VirtualEspBoards implements VirtualBoardFactory {
    /** For {@link java.util.ServiceLoader}. */
    public VirtualEspBoards() {
    }

    @Override
    public boolean handles(String target) {
        try {
            ChipProfile.byKey(key(target));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
        ChipProfile profile = ChipProfile.byKey(key(address.target()));
        VirtualEsp chip = VirtualEsp.builder(profile).build();
        VirtualEspTransport transport = new VirtualEspTransport(chip, address.text(), BaudRate.from(options), true);
        chip.attach(transport.chipEnd());
        return transport;
    }

    @Override
    public String targets() {
        return "esp8266, esp32, esp32s3, esp32c3 (virtual ESP ROM loader)";
    }

    private static String key(String target) {
        String key = target.strip();
        int q = key.indexOf('?');
        return q >= 0 ? key.substring(0, q) : key;
    }
}
