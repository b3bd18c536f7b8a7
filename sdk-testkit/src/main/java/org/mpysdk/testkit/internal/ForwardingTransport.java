package org.mpysdk.testkit.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.mpysdk.core.Transport;

/**
 * A {@link Transport} that passes every call to another one: extend it and override the calls a test
 * wants to watch or change (count the bytes written, record a transcript, corrupt a byte).
 *
 * <pre>{@code
 * Transport counting = new ForwardingTransport(inner) {
 *     @Override public void write(byte[] d, int off, int len) throws IOException { n += len; super.write(d, off, len); }
 * };
 * }</pre>
 */
public abstract class ForwardingTransport implements Transport {
    private final Transport delegate;

    /** @param delegate the transport every call goes to; closed with this one */
    protected ForwardingTransport(Transport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the transport calls go to */
    protected final Transport delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        delegate.write(data, off, len);
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        return delegate.read(buf, off, len, timeout);
    }

    @Override
    public byte[] readUntil(byte[] pattern, Duration timeout) throws IOException {
        return delegate.readUntil(pattern, timeout);
    }

    @Override
    public void discardInput() throws IOException {
        delegate.discardInput();
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        delegate.setBaudRate(baud);
    }

    @Override
    public int baudRate() {
        return delegate.baudRate();
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) throws IOException {
        delegate.setControlLines(dtr, rts);
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        delegate.setDtr(dtr);
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        delegate.setRts(rts);
    }

    @Override
    public boolean hasControlLines() {
        return delegate.hasControlLines();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
