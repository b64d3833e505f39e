package dev.sockjs.server.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Makes each HTTP/1.1 chunk complete on the wire as soon as its data is flushed. A chunk of up to
 * {@value #MERGED_CHUNK_LIMIT} bytes travels in one write: its size line, data and closing CRLF copied into one
 * buffer, the chunk buffer (Jetty's pool hands out 4 KiB for it; a pool that gives exactly the 12 bytes asked
 * is asked for a trailer buffer instead). Not the trailer buffer first: that one has the response-header size,
 * 8 KiB, as has the request buffer that every suspended streaming request holds, and Jetty's pool scans past up
 * to 256 busy buffers of a size before it makes a new one. A bigger chunk is written as
 * Jetty writes it, followed by its CRLF in an extra write that the connection performs before it reports the
 * flush complete. Either way the CRLF Jetty would put in front of the next chunk's size line is stripped.
 */
final class PromptChunkGenerator extends HttpGenerator {
    static final int MERGED_CHUNK_LIMIT = 4096;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** Room for a chunk's size line and the CRLF that closes it. */
    private static final int CHUNK_FRAMING_BYTES = 16;

    private boolean crlfOwed;
    private boolean crlfAlreadySent;

    @Override
    public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
            ByteBuffer content, boolean last) throws IOException {
        boolean hadContent = content != null && content.hasRemaining();
        if (crlfOwed && !last && !hadContent && isChunking()) {
            if (chunk == null) {
                return Result.NEED_CHUNK;
            }
            chunk.clear();
            chunk.put(CR).put(LF);
            chunk.flip();
            crlfOwed = false;
            crlfAlreadySent = true;
            return Result.FLUSH;
        }
        State before = getState();
        int contentBytes = hadContent ? content.remaining() : 0;
        boolean mergeable = hadContent && !last && contentBytes <= MERGED_CHUNK_LIMIT
                && contentBytes <= getChunkMaxLength();
        if (mergeable && before == State.COMMITTED && isChunking()) {
            if (chunk == null) {
                return Result.NEED_CHUNK;
            }
            if (chunk.capacity() <= CHUNK_SIZE) {
                return Result.NEED_CHUNK_TRAILER;
            }
        }
        Result result = super.generateResponse(info, head, header, chunk, content, last);
        if (crlfAlreadySent && chunk != null && chunk.remaining() >= 2
                && chunk.get(chunk.position()) == CR && chunk.get(chunk.position() + 1) == LF) {
            chunk.position(chunk.position() + 2);
            crlfAlreadySent = false;
        }
        if (result == Result.FLUSH && isChunking() && hadContent) {
            ByteBuffer sizeLine = before == State.START ? header : chunk;
            if (mergeable && sizeLine != null && content.remaining() == contentBytes
                    && sizeLine.capacity() - sizeLine.limit() >= contentBytes + CHUNK_FRAMING_BYTES) {
                int start = BufferUtil.flipToFill(sizeLine);
                sizeLine.put(content).put(CR).put(LF);
                BufferUtil.flipToFlush(sizeLine, start);
                crlfOwed = false;
                crlfAlreadySent = true;
            } else {
                crlfOwed = !last;
                crlfAlreadySent = false;
            }
        }
        return result;
    }

    @Override
    public void reset() {
        super.reset();
        crlfOwed = false;
        crlfAlreadySent = false;
    }
}
