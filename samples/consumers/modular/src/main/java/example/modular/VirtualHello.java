package example.modular;

import java.io.IOException;
import org.mpysdk.Board;

/** Opens a virtual MicroPython board by its port string and runs one line on it. */
public final class VirtualHello {
    private VirtualHello() {
    }

    /**
     * @return what the board printed for {@code print(1 + 2)}
     * @throws IOException when the board cannot be opened or the code fails
     */
    public static String run() throws IOException {
        try (Board board = Board.open("virtual:micropython")) {
            return board.repl().exec("print(1 + 2)").text().strip();
        }
    }

    /**
     * @return the chip that the ESP bootloader (sdk-serial's BootloaderProvider) detects on {@code virtual:esp32}
     * @throws IOException when the board cannot be opened or the ROM does not answer
     */
    public static String espChip() throws IOException {
        try (Board board = Board.open("virtual:esp32")) {
            return board.bootloader().chip().toString();
        }
    }

    /**
     * Prints both boards' answers and the modules involved; exits non-zero unless both run as named modules.
     *
     * @param args ignored
     * @throws IOException when the board cannot be opened or the code fails
     */
    public static void main(String[] args) throws IOException {
        String out = run();
        String chip = espChip();
        Module core = Board.class.getModule();
        System.out.println("virtual:micropython said " + out + ", virtual:esp32 is " + chip + " ("
                + VirtualHello.class.getModule() + ", " + core + ")");
        if (!"3".equals(out) || !chip.startsWith("ESP32") || !VirtualHello.class.getModule().isNamed() || !core.isNamed()) {
            System.exit(1);
        }
    }
}
