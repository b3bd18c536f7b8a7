package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmissionGuardTest {
    @Test
    void theHashIsWhatTheBoardComputes() {
        // int.from_bytes(b'abc'*300,'little')%1000000007 printed 333707671 on MicroPython 1.9.2 (micro:bit)
        // and CPython alike.
        assertEquals(333707671L, SubmissionGuard.hash("abc".repeat(300).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0L, SubmissionGuard.hash(new byte[0]));
    }

    @Test
    void everySingleChangedByteChangesTheHash() {
        byte[] code = "print('hello')\nfor i in range(3): print(i)".getBytes(StandardCharsets.US_ASCII);
        long h = SubmissionGuard.hash(code);
        for (int i = 0; i < code.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                code[i] ^= (byte) (1 << bit);
                assertTrue(SubmissionGuard.hash(code) != h, "flip of bit " + bit + " at " + i);
                code[i] ^= (byte) (1 << bit);
            }
        }
    }

    @Test
    void theWrapperCarriesLengthAndHash() {
        byte[] code = "print(1)".getBytes(StandardCharsets.US_ASCII);
        String wire = new String(SubmissionGuard.wrap(code, false), StandardCharsets.US_ASCII);
        assertEquals("exec(__mg(b'print(1)'," + (SubmissionGuard.hash(code) + 8) + "))", wire);
        String first = new String(SubmissionGuard.wrap(code, true), StandardCharsets.US_ASCII);
        assertTrue(first.startsWith("(exec((lambda c:c if len(c)=="), first);
        assertTrue(first.endsWith("," + wire + ")"), first);
    }

    @Test
    void errorTextsAreClassified() {
        String user = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "  File \"<string>\", line 3, in <module>\r\nNameError: name 'y' isn't defined\r\n";
        assertEquals(SubmissionGuard.Outcome.USER, SubmissionGuard.classify(user));
        String damaged = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "  File \"<string>\", line 6, in __mg\r\nValueError: " + SubmissionGuard.DAMAGED_MESSAGE + "\r\n";
        assertEquals(SubmissionGuard.Outcome.DAMAGED, SubmissionGuard.classify(damaged));
        String wrapperBroken = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n";
        assertEquals(SubmissionGuard.Outcome.DAMAGED, SubmissionGuard.classify(wrapperBroken));
        String helperGone = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "NameError: name '__mg' isn't defined\r\n";
        assertEquals(SubmissionGuard.Outcome.DAMAGED, SubmissionGuard.classify(helperGone));
        String noMemory = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "MemoryError: memory allocation failed, allocating 3002 bytes\r\n";
        assertEquals(SubmissionGuard.Outcome.NOT_RUN, SubmissionGuard.classify(noMemory));
        // As the 1.29 peer prints them: the helpers' frames are <string> too, but not the user's.
        String hasherOutOfMemory = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "  File \"<string>\", line 6, in __mg\r\n  File \"<string>\", line 3, in __mgh\r\n"
                + "MemoryError: memory allocation failed, allocating 64 bytes\r\n";
        assertEquals(SubmissionGuard.Outcome.NOT_RUN, SubmissionGuard.classify(hasherOutOfMemory));
        String userSyntax = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "  File \"<string>\", line 2\r\nSyntaxError: invalid syntax\r\n";
        assertEquals(SubmissionGuard.Outcome.USER, SubmissionGuard.classify(userSyntax));
    }

    @Test
    void theUsersTracebackLosesTheGuardFrame() {
        String text = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\n"
                + "  File \"<string>\", line 3, in <module>\r\n  File \"<string>\", line 1, in f\r\nValueError: bad\r\n";
        String user = SubmissionGuard.userText(text);
        assertEquals("Traceback (most recent call last):\n  File \"<stdin>\", line 3, in <module>\n"
                + "  File \"<stdin>\", line 1, in f\nValueError: bad\n", user);
        Traceback t = Traceback.parse(user);
        assertEquals(1, t.line());
        assertEquals("ValueError", t.type());
    }

    @Test
    void anEvalAnswerIsCheckedAgainstTheBoardsLengthAndHash() throws ReplyDamagedException {
        String answer = "[1, 'é']";
        byte[] utf8 = answer.getBytes(StandardCharsets.UTF_8);
        String printed = answer + "\r\n" + utf8.length + " " + SubmissionGuard.hash(utf8) + "\r\n";
        assertEquals(answer, SubmissionGuard.checkedAnswer(printed.getBytes(StandardCharsets.UTF_8)));
        String damaged = printed.replace("1,", "7,");
        assertThrows(ReplyDamagedException.class, () -> SubmissionGuard.checkedAnswer(damaged.getBytes(StandardCharsets.UTF_8)));
        assertThrows(ReplyDamagedException.class, () -> SubmissionGuard.checkedAnswer("42\r\n".getBytes(StandardCharsets.UTF_8)));
        String unixPort = answer + "\n" + utf8.length + " " + SubmissionGuard.hash(utf8) + "\n";
        assertEquals(answer, SubmissionGuard.checkedAnswer(unixPort.getBytes(StandardCharsets.UTF_8)));
        String multiLine = "'a'\r\n'b'";
        byte[] m = multiLine.getBytes(StandardCharsets.UTF_8);
        assertEquals(multiLine, SubmissionGuard.checkedAnswer((multiLine + "\r\n" + m.length + " " + SubmissionGuard.hash(m) + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checkedOutputMatchesTheBoardsCountAndCatchesDamage() throws ReplyDamagedException {
        byte[] counted = "a 1\nb\n".getBytes(StandardCharsets.UTF_8);
        String trailer = "\u0015" + counted.length + " " + SubmissionGuard.hash(counted) + "\r\n";
        // The board's console sends print's \n as \r\n; the count is of what print wrote.
        byte[] printed = ("a 1\r\nb\r\n" + trailer).getBytes(StandardCharsets.UTF_8);
        assertEquals("a 1\r\nb\r\n", new String(SubmissionGuard.checkedOutput(printed), StandardCharsets.UTF_8));
        assertThrows(ReplyDamagedException.class, () -> SubmissionGuard.checkedOutput(("a 2\r\nb\r\n" + trailer)
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(ReplyDamagedException.class, () -> SubmissionGuard.checkedOutput("a 1\r\nb\r\n".getBytes(StandardCharsets.UTF_8)));
    }
}
