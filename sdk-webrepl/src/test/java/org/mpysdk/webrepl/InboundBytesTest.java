package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InboundBytesTest {
    @Test
    void aFullStreamHoldsTheWriterUntilSomethingIsRead() throws Exception {
        InboundBytes in = new InboundBytes("test", 10);
        assertTrue(in.append(new byte[10]));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> in.append(new byte[5]));
        assertFalse(in.awaitContains(new byte[] {1}, 100), "nothing new arrives while full");
        assertEquals(10, in.available());
        byte[] buf = new byte[4];
        assertEquals(4, in.read(buf, 0, 4, 1000));
        assertTrue(second.get(10, TimeUnit.SECONDS));
        assertEquals(11, in.available());
    }

    @Test
    void closingReleasesAWaitingWriter() throws Exception {
        InboundBytes in = new InboundBytes("test", 1);
        in.append(new byte[1]);
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> in.append(new byte[1]));
        in.close("gone", null);
        assertTrue(blocked.get(10, TimeUnit.SECONDS));
        assertEquals(1, in.available(), "bytes after the close are not kept");
    }

    @Test
    void pushFrontAndAwaitContainsSeeUnreadBytesOnly() throws Exception {
        InboundBytes in = new InboundBytes("test", 1000);
        in.append("abc>>> ".getBytes(StandardCharsets.US_ASCII));
        byte[] two = new byte[2];
        in.read(two, 0, 2, 100);
        in.pushFront("xy".getBytes(StandardCharsets.US_ASCII));
        assertTrue(in.awaitContains(">>> ".getBytes(StandardCharsets.US_ASCII), 100));
        byte[] all = new byte[8];
        assertEquals(7, in.read(all, 0, 8, 100));
        assertArrayEquals("xyc>>> ".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(all, 7));
    }
}
