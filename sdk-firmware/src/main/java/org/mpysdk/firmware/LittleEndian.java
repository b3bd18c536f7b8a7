package org.mpysdk.firmware;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unsigned little-endian words of partition tables and the ESP8266 layout (ESP image headers are core's). */
final class LittleEndian {
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    /** @return the unsigned 32-bit word at {@code at} */
    static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong((int) LE32.get(b, at));
    }
}
