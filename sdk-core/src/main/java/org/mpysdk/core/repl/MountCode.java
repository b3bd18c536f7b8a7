package org.mpysdk.core.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The board's side of a mounted folder ({@code mount.py} next to this class), made ready to send: its
 * constants filled in, comments dropped and indentation shortened to one space a level (a third fewer
 * bytes on the line); {@link #send} delivers it and mounts.
 */
final class MountCode {
    /** How often the board sends a request before it gives up with {@code OSError(EIO)}. */
    static final int ATTEMPTS = 8;
    /** How long the board waits for the first byte of an answer, in ms. */
    static final int WAIT_MILLIS = 2000;

    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*#.*\\n");
    private static final String SOURCE = minify(load());

    private MountCode() {
    }

    /** @return the board code without the call that mounts it */
    static String definitions(MountOptions options) {
        return SOURCE.replace("CHUNK", Integer.toString(options.chunk()))
                .replace("ATTEMPTS", Integer.toString(ATTEMPTS))
                .replace("WAIT", Integer.toString(WAIT_MILLIS));
    }

    /** Base64 characters per piece without raw-paste: one piece's exec is about 560 bytes on the line. */
    static final int PIECE = 512;
    /** With raw-paste (flow control, and resent whole by the guard when damaged): two pieces for the whole code. */
    static final int PASTE_PIECE = 4096;
    /** Sends of one piece (each already retried by the guard) before the mount gives up. */
    private static final int PIECE_ATTEMPTS = 4;

    /**
     * Defines the board code and mounts: in pieces of {@link #PIECE} characters ({@link #PASTE_PIECE} with
     * raw-paste), each its own guarded
     * exec that stores it at its index (so a piece sent again after a lost {@code OK} changes nothing),
     * then one exec that checks the whole with its CRC-32, runs it and mounts. In one exec, 4 KB of code
     * on a link that damages one byte in a thousand would be damaged almost every time.
     *
     * @throws IOException when a piece cannot be delivered, or the board cannot run the code
     */
    static void send(Repl repl, MountOptions options) throws IOException {
        byte[] code = definitions(options).getBytes(StandardCharsets.UTF_8);
        String text = java.util.Base64.getEncoder().encodeToString(code);
        repl.exec("import os,select,binascii\nos.mount;select.poll;binascii.crc32");
        int size = repl.rawPaste() == Repl.RawPaste.SUPPORTED ? PASTE_PIECE : PIECE;
        int pieces = (text.length() + size - 1) / size;
        repl.exec("__mk=[None]*" + pieces);
        for (int i = 0; i < pieces; i++) {
            String piece = "__mk[" + i + "]=b'" + text.substring(i * size, Math.min(text.length(), (i + 1) * size)) + "'";
            for (int attempt = 1; ; attempt++) {
                try {
                    repl.exec(piece);
                    break;
                } catch (ReplyDamagedException | CodeDamagedException | CodeNotAcknowledgedException e) {
                    if (attempt == PIECE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(code);
        repl.exec("__mk=binascii.a2b_base64(b''.join(__mk))\n"
                + "if binascii.crc32(__mk)!=" + crc.getValue() + ":\n raise ValueError('mpysdk: mount code damaged')\n"
                + "exec(__mk)\ndel __mk\n__mnt('" + options.mountPoint() + "')");
    }

    private static String load() {
        try (InputStream in = MountCode.class.getResourceAsStream("mount.py")) {
            if (in == null) {
                throw new IllegalStateException("mount.py is missing from the SDK's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String minify(String python) {
        StringBuilder out = new StringBuilder();
        for (String line : COMMENT.matcher(python).replaceAll("").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int spaces = 0;
            while (spaces < line.length() && line.charAt(spaces) == ' ') {
                spaces++;
            }
            out.append(" ".repeat(spaces / 4)).append(line.substring(spaces)).append('\n');
        }
        return out.toString();
    }
}
