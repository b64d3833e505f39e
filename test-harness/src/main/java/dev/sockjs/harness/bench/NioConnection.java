package dev.sockjs.harness.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking TCP connection of the load client: buffers that grow as needed, writes that wait for
 * writability, reads handed to the protocol on top. Not thread-safe: only the selector thread touches it.
 */
abstract class NioConnection implements LoadClient.Connection {

    private final SocketChannel channel;
    private final SelectionKey key;
    /** Received bytes, in read mode while {@link #received()} runs. */
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer out = ByteBuffer.allocate(4 * 1024);
    private boolean connected;
    private boolean closed;
    /** Scenario state, owned by the scenario. */
    Object attachment;

    NioConnection(Selector selector, URI uri) throws IOException {
        this(selector, uri, null);
    }

    /**
     * Connects from {@code from} (any loopback address, such as 127.0.0.2; {@code null}: the system's choice): one
     * source address has about 28,000 ephemeral ports toward one server port, so more sessions need more of them.
     */
    NioConnection(Selector selector, URI uri, InetAddress from) throws IOException {
        this.channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (from != null) {
            // A port bound before connecting must be free of every socket on the address, TIME_WAIT ones too:
            // those of an earlier run would otherwise run the range out.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(from, 0));
        }
        channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        this.key = channel.register(selector, SelectionKey.OP_CONNECT, this);
    }

    /** Consumes what it can of {@link #in}; what is left stays for the next read. */
    abstract void received() throws IOException;

    /** The server ended the stream; the connection closes right after, for the reason returned. */
    String endOfStream() {
        return "server closed the connection";
    }

    /** The connection is closed, for {@code why}. */
    abstract void closed(String why);

    final boolean isClosed() {
        return closed;
    }

    /** Room for {@code more} bytes in the output buffer, which the caller fills and then {@link #flush()}es. */
    final ByteBuffer output(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        return out;
    }

    /** Writes what the output buffer holds, or as much as the socket takes now (the rest when writable). */
    final void flush() {
        if (!connected || closed) {
            return;
        }
        try {
            out.flip();
            channel.write(out);
            out.compact();
            int ops = key.interestOps();
            boolean pending = out.position() > 0;
            if (pending != ((ops & SelectionKey.OP_WRITE) != 0)) {
                key.interestOps(pending ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            close(e.toString());
        }
    }

    @Override
    public final void ready() {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                connected = true;
                key.interestOps(SelectionKey.OP_READ);
                flush();
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
            if (key.isValid() && key.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            close(e.toString());
        }
    }

    private void read() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            close(endOfStream());
            return;
        }
        in.flip();
        received();
        in.compact();
        if (in.position() == in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
    }

    @Override
    public final void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        closed(why);
    }
}
