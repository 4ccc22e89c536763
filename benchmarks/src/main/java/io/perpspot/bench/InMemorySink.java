package io.perpspot.bench;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.journal.OutputCodec;
import net.openhft.chronicle.bytes.Bytes;

/** Where replayed output goes: encoded as the output queue would hold it, into one reused buffer. */
final class InMemorySink implements RecordSink {
    private final Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(256);
    long written;
    long encodedBytes;

    @Override
    public void write(OutputRecord record) {
        bytes.clear();
        OutputCodec.write(record, bytes);
        encodedBytes += bytes.writePosition();
        written++;
    }
}
