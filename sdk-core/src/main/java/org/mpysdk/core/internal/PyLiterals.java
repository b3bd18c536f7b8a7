package org.mpysdk.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Python literals the SDK writes into code it sends and reads back from {@code repr()} output:
 * bytes literals ({@code b'a\x00'}) and string literals ({@code 'main.py'}).
 *
 * <pre>{@code
 * String lit = PyLiterals.bytesLiteral(new byte[] {'a', 0}, 0, 2);   // b'a\x00'
 * byte[] back = PyLiterals.parse(lit);                                 // {'a', 0}
 * }</pre>
 */
public final class PyLiterals {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyLiterals() {
    }

    /**
     * @param data the buffer
     * @param off the first byte to encode
     * @param len how many bytes to encode
     * @return a pure-ASCII bytes literal: printable ASCII as itself, line ends and tabs as {@code \n \r \t},
     *     everything else as {@code \xNN}
     *     (compact for text files, about 2.9 characters per byte for random data)
     */
    public static String bytesLiteral(byte[] data, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 8).append("b'");
        for (int i = off; i < off + len; i++) {
            appendByte(sb, data[i] & 0xFF);
        }
        return sb.append('\'').toString();
    }

    /**
     * Sizes a literal before building it, so an upload chunk can be fitted to the board's input limit.
     *
     * @param data the buffer
     * @param off the first byte to count
     * @param len how many bytes to count
     * @return how many characters {@link #bytesLiteral} would produce for these bytes
     */
    public static int bytesLiteralLength(byte[] data, int off, int len) {
        int n = 3;
        for (int i = off; i < off + len; i++) {
            n += escapedLength(data[i] & 0xFF);
        }
        return n;
    }

    /**
     * @param c a byte value, 0 to 255
     * @return characters the byte takes inside {@link #bytesLiteral}
     */
    public static int escapedLength(int c) {
        if (c == '\\' || c == '\'' || c == '\n' || c == '\r' || c == '\t') {
            return 2;
        }
        return c >= 0x20 && c < 0x7F ? 1 : 4;
    }

    private static void appendByte(StringBuilder sb, int c) {
        if (c == '\\' || c == '\'') {
            sb.append('\\').append((char) c);
        } else if (c == '\n') {
            sb.append("\\n"); // code and text are full of line ends: two characters, not four
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c == '\t') {
            sb.append("\\t");
        } else if (c >= 0x20 && c < 0x7F) {
            sb.append((char) c);
        } else {
            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
        }
    }

    /**
     * @param s the text to quote, e.g. a board path
     * @return a str literal for a path or name; non-ASCII text stays as UTF-8 in the source, control
     *     characters become {@code \xNN}
     */
    public static String stringLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                appendByte(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * Parses a literal as {@code repr()} prints it: {@code b'..'}, {@code b".."}, {@code '..'} or
     * {@code ".."}, with the escapes {@code \\ \' \" \n \r \t \a \b \f \v \xNN} and octal, and in a
     * str {@code \\uNNNN} and {@code \\UNNNNNNNN}; a str's non-ASCII characters come back as their UTF-8
     * bytes. A str's {@code \\xNN} is ambiguous: firmware with unicode strings (1.27) writes {@code 'é'}
     * as {@code '\\xe9'}, the character U+00E9, while firmware without (the micro:bit's 1.9.2) writes
     * the UTF-8 bytes of {@code 'é'} as {@code '\\xc3\\xa9'}. Read as bytes where they form UTF-8, else as
     * characters.
     *
     * @param text one literal as the board printed it; surrounding white space is ignored
     * @return the literal's bytes
     * @throws ParseException when the text is not such a literal
     */
    public static byte[] parse(CharSequence text) throws ParseException {
        String s = text.toString().strip();
        boolean str = !(s.startsWith("b") || s.startsWith("B"));
        if (str && (s.contains("\\u") || s.contains("\\U"))) {
            return parse(s, true);
        }
        byte[] asBytes = parse(s, false);
        return str && !isUtf8(asBytes) ? parse(s, true) : asBytes;
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] parse(String s, boolean escapesAreCharacters) throws ParseException {
        int i = 0;
        if (s.startsWith("b") || s.startsWith("B")) {
            i = 1;
        }
        if (s.length() < i + 2) {
            throw bad(s, "too short");
        }
        char quote = s.charAt(i);
        if ((quote != '\'' && quote != '"') || s.charAt(s.length() - 1) != quote) {
            throw bad(s, "not quoted");
        }
        int end = s.length() - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - i);
        i++;
        while (i < end) {
            char c = s.charAt(i++);
            if (c == quote) {
                throw bad(s, "unescaped quote inside");
            }
            if (c != '\\') {
                if (c < 0x80) {
                    out.write(c);
                } else {
                    int cp = c;
                    if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(s.charAt(i))) {
                        cp = Character.toCodePoint(c, s.charAt(i++));
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                continue;
            }
            if (i >= end) {
                throw bad(s, "ends in a backslash");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\\', '\'', '"' -> out.write(e);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case 'x' -> {
                    if (i + 2 > end) {
                        throw bad(s, "short \\x escape");
                    }
                    int hi = Character.digit(s.charAt(i), 16);
                    int lo = Character.digit(s.charAt(i + 1), 16);
                    if (hi < 0 || lo < 0) {
                        throw bad(s, "bad \\x escape");
                    }
                    writeEscaped(out, hi * 16 + lo, escapesAreCharacters);
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    if (!escapesAreCharacters || i + n > end) {
                        throw bad(s, "\\" + e + " escape outside a str, or short");
                    }
                    int cp;
                    try {
                        cp = Integer.parseInt(s.substring(i, i + n), 16);
                    } catch (NumberFormatException x) {
                        throw bad(s, "bad \\" + e + " escape");
                    }
                    if (!Character.isValidCodePoint(cp)) {
                        throw bad(s, "\\" + e + " escape beyond Unicode");
                    }
                    writeEscaped(out, cp, true);
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i < end && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                            v = v * 8 + (s.charAt(i++) - '0');
                        }
                        writeEscaped(out, v & 0xFF, escapesAreCharacters);
                    } else {
                        throw bad(s, "unknown escape \\" + e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** An escaped value: a byte, or in a unicode str a character, written as its UTF-8. */
    private static void writeEscaped(ByteArrayOutputStream out, int value, boolean character) {
        if (character && value >= 0x80) {
            out.writeBytes(new String(Character.toChars(value)).getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(value);
        }
    }

    private static ParseException bad(String s, String why) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return new ParseException("expected a Python literal from the board but got '" + shown + "' (" + why + ")", 0);
    }
}
