package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderAllocationTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes allocated by this thread between the 200th and the last record of each pass. */
    private final long[] mark = new long[2];
    private long count;

    private static Object sink;

    @Test
    void readerLoopsAllocateNothingPerRecordInSteadyState(@TempDir Path tmp) {
        // The measurement must be able to see an allocation, or a zero below proves nothing.
        long before = THREADS.getCurrentThreadAllocatedBytes();
        sink = new byte[4096];
        assertTrue(THREADS.getCurrentThreadAllocatedBytes() - before >= 4096, "thread allocation accounting works");

        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            for (int pass = 0; pass < 3; pass++) {
                // Warm-up passes let the JIT and Chronicle's lazily built structures settle.
                count = 0;
                reader.forEachInput(e -> {
                    if (++count == 200) {
                        mark[0] = THREADS.getCurrentThreadAllocatedBytes();
                    }
                    mark[1] = THREADS.getCurrentThreadAllocatedBytes();
                    return true;
                });
            }
            long inputRecords = count - 200;
            long inputBytes = mark[1] - mark[0];
            for (int pass = 0; pass < 3; pass++) {
                count = 0;
                reader.forEachOutput((r, index) -> {
                    if (++count == 20) {
                        mark[0] = THREADS.getCurrentThreadAllocatedBytes();
                    }
                    mark[1] = THREADS.getCurrentThreadAllocatedBytes();
                    return true;
                });
            }
            long outputBytes = mark[1] - mark[0];
            assertEquals(journal.inputRecords() - 200, inputRecords);
            assertTrue(inputBytes == 0, () -> inputBytes + " bytes allocated over " + inputRecords + " input records");
            assertTrue(outputBytes == 0, () -> outputBytes + " bytes allocated over " + (count - 20)
                    + " output records");
        }
    }
}
