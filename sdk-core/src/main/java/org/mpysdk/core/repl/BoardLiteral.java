package org.mpysdk.core.repl;

import java.text.ParseException;
import org.mpysdk.core.internal.PyLiterals;

/**
 * A Python literal the board printed. {@link PyLiterals} reports a malformed one as a plain
 * {@link ParseException}, since the internal package sits below this one; here it becomes what it means
 * to the caller: the board's reply broke the protocol.
 */
final class BoardLiteral {
    private BoardLiteral() {
    }

    /**
     * @param text one literal as the board printed it
     * @return its bytes
     * @throws ReplProtocolException when the text is not a literal
     */
    static byte[] parse(CharSequence text) throws ReplProtocolException {
        try {
            return PyLiterals.parse(text);
        } catch (ParseException e) {
            throw new ReplProtocolException(e.getMessage(), e);
        }
    }
}
