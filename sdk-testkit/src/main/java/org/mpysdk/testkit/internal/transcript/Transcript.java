package org.mpysdk.testkit.internal.transcript;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * What a real ESP loader (ROM or stub) answered to the SDK's command sequence, as test data: the shape
 * of each host command (opcode, payload length, checksum word, and the payload itself only where it
 * holds no third-party bytes) and every chunk of bytes the chip sent, with how many commands the chip had
 * received when the chunk was read. {@link TranscriptTransport} replays it, so CI catches what only the
 * real loader showed (the ESP32 stub refusing a 20-byte FLASH_DEFL_BEGIN, say).
 *
 * <p>Text form, one step a line ({@code #} starts a comment):
 * <pre>
 * &gt; 02 16 00000000 00100000...   a command: opcode, length, checksum, payload hex ("." empty, "h:" block
 *                                 header only, "-" not recorded)
 * &lt; 3 c0010204...c0                 bytes from the chip, read after 3 commands had been sent
 * </pre>
 *
 * @param header comment lines (without {@code #}): what was recorded, where, when
 * @param steps the commands and replies in the order they happened
 */
public record Transcript(List<String> header, List<Step> steps) {
    /** One line of a transcript. */
    public sealed interface Step permits Command, Reply {
    }

    /**
     * A command the host sent.
     *
     * @param opcode the command byte
     * @param length the payload length the header declares
     * @param checksum the checksum word
     * @param payload the payload, or null where it was not recorded (stub code, image data)
     * @param header for data commands, the 16-byte block header (size, sequence); null otherwise
     */
    public record Command(int opcode, int length, int checksum, byte[] payload, byte[] header) implements Step {
        /** @return the command as one line of text */
        public String describe() {
            return String.format("opcode 0x%02X, %d bytes, checksum 0x%08X", opcode, length, checksum);
        }

        /** @return ", payload " and the first 32 recorded payload (or block header) bytes in hex; empty if none */
        public String payloadSummary() {
            byte[] p = payload != null ? payload : header;
            return p == null ? "" : ", payload " + HexFormat.of().formatHex(p, 0, Math.min(p.length, 32));
        }
    }

    /**
     * Bytes from the chip.
     *
     * @param afterCommands how many commands the chip had been sent when these bytes were read
     * @param bytes what arrived, raw (SLIP framing and all)
     */
    public record Reply(int afterCommands, byte[] bytes) implements Step {
    }

    /**
     * @param header comment lines
     * @param steps the steps
     */
    public Transcript {
        header = List.copyOf(header);
        steps = List.copyOf(steps);
    }

    /** @return the commands alone, in order */
    public List<Command> commands() {
        return steps.stream().filter(Command.class::isInstance).map(Command.class::cast).toList();
    }

    /**
     * @param text a transcript in the text form above
     * @return the transcript
     * @throws IllegalArgumentException for a malformed line (the message names it)
     */
    public static Transcript parse(String text) {
        List<String> header = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                header.add(line.substring(1).strip());
                continue;
            }
            String[] f = line.split(" ");
            try {
                if (f[0].equals(">") && f.length == 5) {
                    byte[] blockHeader = f[4].startsWith("h:") ? hex.parseHex(f[4].substring(2)) : null;
                    byte[] payload = blockHeader != null || f[4].equals("-") ? null
                            : f[4].equals(".") ? new byte[0] : hex.parseHex(f[4]);
                    steps.add(new Command(inRange(Integer.parseInt(f[1], 16), 0xFF, "opcode"),
                            inRange(Integer.parseInt(f[2]), 0xFFFF, "length"), Integer.parseUnsignedInt(f[3], 16),
                            payload, blockHeader));
                } else if (f[0].equals("<") && f.length == 3) {
                    steps.add(new Reply(inRange(Integer.parseInt(f[1]), Integer.MAX_VALUE, "command count"),
                            hex.parseHex(f[2])));
                } else {
                    throw new IllegalArgumentException("neither a command nor a reply");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transcript line " + lineNo + " is malformed (" + e.getMessage() + "): "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line), e);
            }
        }
        return new Transcript(header, steps);
    }

    private static int inRange(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
        return value;
    }

    /** @return the transcript in its text form; {@link #parse} reads it back */
    public String format() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (String h : header) {
            sb.append("# ").append(h).append('\n');
        }
        for (Step s : steps) {
            if (s instanceof Command c) {
                String body = c.payload() != null ? (c.payload().length == 0 ? "" : hex.formatHex(c.payload()))
                        : c.header() != null ? "h:" + hex.formatHex(c.header()) : "-";
                sb.append(String.format("> %02x %d %08x %s%n", c.opcode(), c.length(), c.checksum(),
                        body.isEmpty() ? "." : body));
            } else if (s instanceof Reply r) {
                sb.append("< ").append(r.afterCommands()).append(' ').append(hex.formatHex(r.bytes())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * @param opcode a command byte
     * @return whether the payload of this command carries third-party bytes (stub code) or bulk image data,
     *     so only its length, checksum and block header are recorded
     */
    static boolean bulk(int opcode) {
        return opcode == Opcode.FLASH_DATA.code() || opcode == Opcode.MEM_DATA.code()
                || opcode == Opcode.FLASH_DEFL_DATA.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transcript t && format().equals(t.format());
    }

    @Override
    public int hashCode() {
        return Objects.hash(format());
    }
}
