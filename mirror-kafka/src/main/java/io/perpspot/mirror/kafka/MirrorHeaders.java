package io.perpspot.mirror.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * The headers of a mirrored record, each an ASCII/UTF-8 text so any Kafka tool shows them: {@value #ENGINE} (the
 * engine id), {@value #QUEUE} ({@code input} or {@code output}), {@value #INDEX} (the record's index in its journal
 * queue, decimal), {@value #TYPE} (the record's type byte, decimal) and {@value #TOKEN} (its token id, decimal, -1
 * when not about a token). The key is the engine id; the value is the record's bytes exactly as the journal holds
 * them (docs/journal-format.md).
 */
public final class MirrorHeaders {
    public static final String ENGINE = "perpspot.engine";
    public static final String QUEUE = "perpspot.queue";
    public static final String INDEX = "perpspot.index";
    public static final String TYPE = "perpspot.type";
    public static final String TOKEN = "perpspot.token";

    private MirrorHeaders() {
    }

    /** The headers of one record; {@code record} is its journal bytes (type at offset 0, tokenId at 4, LE). */
    static Headers of(byte[] engineId, byte[] queue, long index, byte[] record) {
        int type = record.length > 0 ? record[0] & 0xFF : -1;
        int token = record.length >= 8 ? (record[4] & 0xFF) | (record[5] & 0xFF) << 8 | (record[6] & 0xFF) << 16
                | record[7] << 24 : -1;
        RecordHeaders h = new RecordHeaders();
        h.add(ENGINE, engineId);
        h.add(QUEUE, queue);
        h.add(INDEX, ascii(Long.toString(index)));
        h.add(TYPE, ascii(Integer.toString(type)));
        h.add(TOKEN, ascii(Integer.toString(token)));
        return h;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The text of a header, or null when the record has none. */
    public static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The partition of an engine's records among {@code partitions}: the function of Kafka's default partitioner for
     * a keyed record (murmur2 of the key bytes), so a reader that knows the engine id finds its partition.
     */
    public static int partition(String engineId, int partitions) {
        return Utils.toPositive(Utils.murmur2(engineId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
