package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PyExpressionsTest {
    @Test
    void expressionsPass() {
        for (String e : new String[] {"1+1", "x == 5", "a <= b", "a != b", "f(a=1, b=2)", "'x = 5'", "\"a;b\"",
                "[i for i in range(3)]", "{'k': 1}", "(y := 3)", "gc.mem_free()", "s.split('=')", "x >= 0\n"}) {
            assertDoesNotThrow(() -> PyExpressions.requireExpression(e), e);
        }
    }

    @Test
    void statementsAreRefusedWithAMessageThatSaysWhatToDo() {
        for (String s : new String[] {"x = 5", "x=5", "x += 1", "import os; os.listdir()", "a\nb", "", "  "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyExpressions.requireExpression(s), s);
            assertTrue(e.getMessage().contains("exec") || e.getMessage().contains("needs an expression"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PyExpressions.requireExpression(null));
    }
}
