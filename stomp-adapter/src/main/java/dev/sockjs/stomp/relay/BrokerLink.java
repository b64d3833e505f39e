package dev.sockjs.stomp.relay;

import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompEncoder;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.stomp.frame.StompProtocolException;
import dev.sockjs.stomp.frame.StompVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One STOMP 1.2 connection to an external broker. Frames go out through a bounded queue that one writer thread
 * drains, so a slow broker never holds a client's thread (a frame that does not fit is refused); frames come in on
 * one reader thread; heart-beats go both ways as negotiated. The relay keeps a few of these per node, so a thread
 * each is cheap.
 */
public final class BrokerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static final byte[] HEARTBEAT = {'\n'};

    /** Where the broker is and how to log in; every size and time bounded. */
    public record Settings(String host, int port, String login, String passcode, String virtualHost,
            Duration heartbeat, Duration connectTimeout, long maxQueuedBytes, StompDecoder.Limits limits) {
    }

    /** The broker answered CONNECT with an ERROR: a login, passcode or virtual host it does not take. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** What the link tells its owner, on its reader thread; neither call may block. */
    interface Listener {
        /** A MESSAGE frame from the broker. */
        void message(StompFrame message);

        /** The link ended other than by {@link #close()}: the broker went away, sent an ERROR, or fell silent. */
        void lost(String reason);
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StompDecoder decoder;
    private final Listener listener;
    private final OutboundQueue outbound;
    private final long sendEveryNanos;
    private final String name;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> receipts = new ConcurrentHashMap<>();
    private final AtomicLong receiptIds = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();

    private BrokerLink(Socket socket, StompDecoder decoder, Listener listener, long maxQueuedBytes,
            long sendEveryNanos, String name) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.decoder = decoder;
        this.listener = listener;
        this.outbound = new OutboundQueue(maxQueuedBytes);
        this.sendEveryNanos = sendEveryNanos;
        this.name = name;
    }

    /**
     * Connects and logs in, on the calling thread, then starts the link's threads.
     *
     * @throws Refused if the broker refuses the login (its ERROR's message is in the exception's)
     * @throws IOException if the broker cannot be reached or does not answer within the connect timeout
     */
    static BrokerLink open(Settings settings, Listener listener) throws IOException {
        Socket socket = new Socket();
        try {
            int timeout = Math.toIntExact(settings.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            socket.setSoTimeout(timeout);
            long heartbeat = settings.heartbeat().toMillis();
            StompFrame connect = StompFrame.builder(StompCommand.CONNECT)
                    .header("accept-version", "1.2")
                    .header("host", settings.virtualHost())
                    .header("login", settings.login())
                    .header("passcode", settings.passcode())
                    .header("heart-beat", heartbeat + "," + heartbeat)
                    .build();
            socket.getOutputStream().write(StompEncoder.encode(connect, StompVersion.V1_2)
                    .getBytes(StandardCharsets.UTF_8));
            StompDecoder decoder = new StompDecoder(settings.limits());
            StompFrame answer = firstFrame(socket.getInputStream(), decoder);
            if (answer.command() == StompCommand.ERROR) {
                throw new Refused("the broker refused the login: " + describe(answer));
            }
            if (answer.command() != StompCommand.CONNECTED) {
                throw new IOException("The broker answered CONNECT with " + answer.command());
            }
            long[] broker = brokerHeartbeat(answer.header("heart-beat"));
            long sendEvery = heartbeat > 0 && broker[1] > 0 ? Math.max(heartbeat, broker[1]) : 0;
            long expectEvery = heartbeat > 0 && broker[0] > 0 ? Math.max(heartbeat, broker[0]) : 0;
            // Silent for twice the agreed period (and some slack for a busy machine): the broker is gone.
            socket.setSoTimeout(expectEvery > 0 ? Math.toIntExact(Math.min(Integer.MAX_VALUE, 2 * expectEvery
                    + 1000)) : 0);
            String name = "sockjs-broker-link-" + LINKS.incrementAndGet();
            BrokerLink link = new BrokerLink(socket, decoder, listener, settings.maxQueuedBytes(),
                    TimeUnit.MILLISECONDS.toNanos(sendEvery), name);
            link.start();
            LOG.info("{}: connected to {}:{} ({}), heart-beats every {} ms out, {} ms in", name, settings.host(),
                    settings.port(), answer.header("server"), sendEvery, expectEvery);
            return link;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static StompFrame firstFrame(InputStream in, StompDecoder decoder) throws IOException {
        StompFrame[] first = new StompFrame[1];
        byte[] buffer = new byte[4096];
        while (first[0] == null) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new IOException("The broker did not answer CONNECT in time", e);
            }
            if (n < 0) {
                throw new IOException("The broker closed the connection before answering CONNECT");
            }
            try {
                decoder.decode(buffer, 0, n, frame -> {
                    if (first[0] == null) {
                        first[0] = frame;
                    }
                });
            } catch (StompProtocolException e) {
                throw new IOException("The broker's answer to CONNECT breaks the protocol: " + e.getMessage(), e);
            }
        }
        return first[0];
    }

    private static long[] brokerHeartbeat(String header) {
        if (header != null) {
            String[] parts = header.split(",");
            try {
                if (parts.length == 2) {
                    return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
                }
            } catch (NumberFormatException e) {
                // no heart-beats, as without the header
            }
        }
        return new long[] {0, 0};
    }

    private static String describe(StompFrame error) {
        String message = error.header("message");
        String body = error.bodyText().trim();
        return message == null ? body : body.isEmpty() || body.equals(message) ? message : message + " (" + body + ")";
    }

    private void start() {
        Thread reader = new Thread(this::read, name + "-reader");
        Thread writer = new Thread(this::write, name + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /**
     * Queues a frame for the broker.
     *
     * @return {@code false} if the link is down, or the frames waiting for a slow broker are at their bound
     */
    boolean send(StompFrame frame) {
        if (outbound.offer(StompEncoder.encode(frame, StompVersion.V1_2).getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (outbound.becameFull()) {
            LOG.warn("{}: the broker does not keep up: {} bytes wait to go to it (the relay's maxQueuedBytes); "
                    + "clients' frames for it are refused with an ERROR until half of that has gone", name,
                    outbound.bytes());
        }
        return false;
    }

    /**
     * Queues a frame with a {@code receipt} header of the link's own; the stage completes when the broker's
     * RECEIPT for it arrives, and fails if the frame cannot be queued or the link ends first.
     */
    CompletableFuture<Void> sendWithReceipt(StompFrame.Builder frame) {
        String id = "r-" + receiptIds.incrementAndGet();
        CompletableFuture<Void> received = new CompletableFuture<>();
        receipts.put(id, received);
        if (!send(frame.header("receipt", id).build())) {
            receipts.remove(id);
            received.completeExceptionally(new IOException(ended.get() ? "The broker link is down"
                    : "The broker link is too far behind: " + outbound.bytes() + " bytes wait"));
        } else if (ended.get() && receipts.remove(id) != null) {
            received.completeExceptionally(new IOException("The broker link is down"));
        }
        return received;
    }

    /** Whether the link is up: neither lost nor closed. */
    boolean isOpen() {
        return !ended.get();
    }

    /** Bytes waiting to go out. */
    long queuedBytes() {
        return outbound.bytes();
    }

    private void read() {
        byte[] buffer = new byte[16 * 1024];
        try {
            while (!ended.get()) {
                int n = in.read(buffer);
                if (n < 0) {
                    end("the broker closed the connection");
                    return;
                }
                decoder.decode(buffer, 0, n, this::dispatch);
            }
        } catch (SocketTimeoutException e) {
            end("no heart-beat from the broker");
        } catch (StompProtocolException e) {
            end("the broker broke the protocol: " + e.getMessage());
        } catch (IOException e) {
            end("reading from the broker failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{}: handling a frame from the broker failed", name, e);
            end("handling a frame from the broker failed: " + e);
        }
    }

    private void dispatch(StompFrame frame) {
        switch (frame.command()) {
            case MESSAGE -> listener.message(frame);
            case RECEIPT -> {
                CompletableFuture<Void> waiting = receipts.remove(String.valueOf(frame.header("receipt-id")));
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
            case ERROR -> end("the broker sent an ERROR: " + describe(frame));
            default -> LOG.debug("{}: ignoring a {} frame from the broker", name, frame.command());
        }
    }

    private void write() {
        try {
            while (true) {
                byte[] frame = outbound.take(sendEveryNanos);
                if (frame == null) {
                    return;
                }
                out.write(frame.length == 0 ? HEARTBEAT : frame);
                out.flush();
            }
        } catch (IOException e) {
            end("writing to the broker failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end("the writer was interrupted");
        }
    }

    /** The link failed: the owner hears of it once, unless it closed the link itself. */
    private void end(String reason) {
        if (shutDown()) {
            LOG.warn("{}: lost: {}", name, reason);
            listener.lost(reason);
        }
    }

    private boolean shutDown() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        outbound.close();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the socket failed", name, e);
        }
        IOException down = new IOException("The broker link is down");
        receipts.values().forEach(waiting -> waiting.completeExceptionally(down));
        receipts.clear();
        return true;
    }

    /** Ends the link without telling the listener. */
    @Override
    public void close() {
        if (shutDown()) {
            LOG.info("{}: closed", name);
        }
    }
}
