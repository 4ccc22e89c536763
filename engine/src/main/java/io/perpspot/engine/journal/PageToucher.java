package io.perpspot.engine.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Touches the journal's file pages ahead of where the appenders write, on a background thread,
 * so that the consumer thread does not take the page faults itself.
 *
 * <p>Why: Chronicle writes through a shared memory mapping of a sparse file. The first write to
 * each 4 KiB page faults, and on a journaling filesystem (ext4) that fault allocates the block
 * and can wait for the filesystem journal's commit: measured here, a sequential writer through
 * such a mapping stalled 11–60 times per 512 MB for up to 19 ms each. A pretouched page is
 * already mapped writable, so the append costs what it costs in memory.
 *
 * <p>How: each appender reports, after every append, the file it writes (its {@link MappedFile})
 * and its write position ({@link Target#wrote}: one opaque store, no allocation). This thread touches
 * the pages from that position to {@link #ahead} bytes past it, through Chronicle's own mapping of the
 * file (the same one the appender writes through, so its page-table entries are the appender's too),
 * then sleeps until the appender has used {@link #wakeStep} bytes of that lead: the appender wakes it
 * ({@code unpark}, once per step, and on a new file). Why not look every millisecond, as it first did:
 * on the idle engine those 1,000 timer wake-ups a second were half of the process's CPU (0.85 % of a core
 * of 1.7 %, docs/benchmarks.md "Issue 23 point 2"), to find nothing to do. The sleep is also bounded
 * ({@link #DEFAULT_INTERVAL_NANOS}), should a wake-up be missed. A page is touched with an atomic
 * compare-and-set of its first int from 0 to 0: it writes nothing the appender has written
 * (a non-zero int makes it fail; a zero one stays zero), whichever of the two threads gets
 * there first. The file and the chunk are reserved while touched (Chronicle's reference
 * counts), so neither can be unmapped under this thread; a file that cannot be touched (closed
 * after a roll, disk full) is skipped until the appender moves to another, counted and logged once.
 */
public final class PageToucher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageToucher.class);
    static final int PAGE = 4096;
    /** The longest the thread sleeps without being woken by an appender (a bound, should a wake-up be missed). */
    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
    /** Bytes of the lead an appender uses before it wakes the thread (at most half of {@link #ahead}). */
    static final long WAKE_STEP = 256L << 10;

    private final long ahead;
    private final long wakeStep;
    private final long intervalNanos;
    private final Target[] targets;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the thread for the given targets ({@code ahead} bytes past each write position; {@code intervalNanos}
     * the longest sleep without a wake-up from an appender).
     * Use {@link #targets()} to get them; they are handed to the appenders.
     */
    PageToucher(String name, long ahead, long intervalNanos, String... targetNames) {
        if (ahead < PAGE) {
            throw new IllegalArgumentException("pretouch ahead " + ahead + " bytes is less than a page");
        }
        this.ahead = ahead;
        this.wakeStep = Math.max(PAGE, Math.min(WAKE_STEP, ahead / 2));
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, name);
        this.targets = new Target[targetNames.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new Target(targetNames[i], thread);
        }
        thread.setDaemon(true);
        thread.start();
    }

    Target target(int i) {
        return targets[i];
    }

    /** Pages touched so far, over every target. */
    public long pagesTouched() {
        long n = 0;
        for (Target t : targets) {
            n += t.pagesTouched;
        }
        return n;
    }

    /** True while the thread runs. */
    boolean alive() {
        return thread.isAlive();
    }

    /** Chunks advised to fault in single pages so far, in this JVM (every journal). */
    static long chunksAdvised() {
        return Target.CHUNKS_ADVISED.get();
    }

    /** {address, length} of the chunk advised last, or null. */
    static long[] lastAdvised() {
        return Target.lastAdvised;
    }

    /** True once the advice failed: no chunk is advised after that. */
    static boolean adviceUnavailable() {
        return Target.adviceUnavailable;
    }

    /** Times a file could not be touched (each such file is skipped until its appender moves on). */
    public long failures() {
        long n = 0;
        for (Target t : targets) {
            n += t.failures;
        }
        return n;
    }

    private void run() {
        try {
            while (running) {
                for (Target t : targets) {
                    t.touch(ahead, wakeStep);
                }
                LockSupport.parkNanos(intervalNanos);
            }
        } finally {
            for (Target t : targets) {
                t.releaseAll();
            }
        }
    }

    /** Stops the thread and releases what it holds; call before the queues are closed. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within 10 s", thread.getName());
        }
    }

    /**
     * One appender's file and write position. {@link #wrote} is called on the appending thread;
     * everything else runs on the touching thread.
     */
    public static final class Target implements ReferenceOwner {
        private final String name;
        /** The touching thread, woken by the appender. */
        private final Thread toucher;
        /** Written by the touching thread after each touch: the position at which the appender wakes it. */
        private volatile long wakeAt;
        /** Appender only: the {@link #wakeAt} it woke the thread for last (one wake-up per step). */
        private long wokeFor = -1;
        /** Written by the appender only when its file changes. */
        private volatile MappedFile file;
        /** Written by the appender after each append (opaque: visible soon, costs a plain store). */
        private long writePosition;
        private static final VarHandle POSITION;

        static {
            try {
                POSITION = MethodHandles.lookup().findVarHandle(Target.class, "writePosition", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Set once madvise failed (another OS, no native access): not tried again. */
        private static volatile boolean adviceUnavailable;
        /** The address and length of the chunk advised last (a new chunk is rare: allocating here is fine). */
        private static volatile long[] lastAdvised;
        /** Chunks advised so far, by every pretouch thread of this JVM. */
        private static final AtomicLong CHUNKS_ADVISED = new AtomicLong();

        // Touching thread only.
        private MappedFile touching;
        private boolean reserved;
        private boolean broken;
        private MappedBytesStore store;
        private volatile long touchedTo;
        private volatile long pagesTouched;
        private volatile long failures;

        Target(String name, Thread toucher) {
            this.name = name;
            this.toucher = toucher;
        }

        @Override
        public String referenceName() {
            return "perpspot-pretouch-" + name;
        }

        /**
         * After an append, inside its document context: remembers the file the bytes map and the
         * position written up to, and wakes the touching thread when that position has used a step of
         * the lead or the file changed. Allocation-free; a plain store and a load in the steady state.
         */
        public void wrote(Bytes<?> bytes) {
            if (bytes instanceof MappedBytes) {
                MappedFile f = ((MappedBytes) bytes).mappedFile();
                boolean moved = f != file;
                if (moved) {
                    file = f;
                }
                long pos = bytes.writePosition();
                POSITION.setOpaque(this, pos);
                long w = wakeAt;
                if (moved || (pos >= w && w != wokeFor)) {
                    wokeFor = w;
                    LockSupport.unpark(toucher);
                }
            }
        }

        /** The position touched up to in the current file (the touching thread's field; tests poll it). */
        long touchedTo() {
            return touchedTo;
        }

        /** The position the appender last reported. */
        long lastWritten() {
            return (long) POSITION.getOpaque(this);
        }

        private void touch(long ahead, long wakeStep) {
            MappedFile f = file;
            if (f == null) {
                return;
            }
            if (f != touching) {
                releaseAll();
                touching = f;
                broken = false;
                touchedTo = 0;
                reserved = tryReserve(f);
                if (!reserved) {
                    broken = true; // already released by its queue: nothing to touch
                }
            }
            if (broken) {
                return;
            }
            long pos = (long) POSITION.getOpaque(this);
            long from = Math.max(touchedTo, (pos + PAGE - 1) & -PAGE);
            long to = pos + ahead;
            try {
                long p = from;
                for (; p < to; p += PAGE) {
                    if (store == null || !store.inside(p, Integer.BYTES)) {
                        releaseStore();
                        store = f.acquireByteStore(this, p);
                        adviseSmallPages(store, f);
                    }
                    store.compareAndSwapInt(p, 0, 0);
                }
                if (p > from) {
                    pagesTouched += (p - from) / PAGE;
                    touchedTo = p;
                }
                wakeAt = Math.max(touchedTo, to) - ahead + wakeStep;
            } catch (Throwable e) {
                // A closed file (the queue rolled or closed), a full disk (the fault is reported to
                // Java as an error on this thread), an I/O error: stop touching this file.
                broken = true;
                releaseAll();
                touching = f;
                if (failures++ == 0) {
                    LOG.warn("journal pretouch: cannot touch {} of {} ahead of the {} appender ({}); it is skipped "
                            + "until the"
                            + " appender moves to another file (further failures are counted)", from, f.file(), name,
                            e.toString());
                }
            }
        }

        /**
         * Asks the kernel to fault this chunk's pages in one at a time ({@code MADV_RANDOM} on the
         * mapping the appender writes through). Without it ext4 (Linux 6.x) maps a hole with a
         * large folio, up to 2 MB zeroed in a single fault: measured here up to 23 ms, and a vCPU
         * held that long stalls whichever thread shares it. With it, each 4 KiB fault stays in
         * microseconds (sequential writer over 512 MB: 250 faults over 100 µs and 6–61 over 1 ms
         * without, 2–7 and 0–1 with). It touches only this process's mapping: readers of the
         * same files keep their readahead. Where the call is unavailable, logged once and skipped.
         */
        private static void adviseSmallPages(MappedBytesStore chunk, MappedFile file) {
            if (adviceUnavailable) {
                return;
            }
            try {
                PosixAPI posix = PosixAPI.posix();
                // The chunk maps file offsets [start, realCapacity) from its address.
                long length = chunk.realCapacity() - chunk.start();
                long address = chunk.addressForRead(chunk.start());
                int rc = posix.madvise(address, length, MAdviseFlag.MADV_RANDOM);
                if (rc == 0) {
                    lastAdvised = new long[] {address, length};
                    CHUNKS_ADVISED.incrementAndGet();
                } else {
                    adviceUnavailable = true;
                    LOG.info("journal pretouch: madvise(MADV_RANDOM) over {} bytes of {} failed ({}); chunks keep the"
                            + " kernel's default fault size", length, file.file(), posix.lastErrorStr());
                }
            } catch (Throwable e) {
                adviceUnavailable = true;
                LOG.info("journal pretouch: madvise is not available ({}); chunks keep the kernel's default fault size",
                        e.toString());
            }
        }

        private boolean tryReserve(MappedFile f) {
            try {
                return f.tryReserve(this);
            } catch (RuntimeException e) {
                return false;
            }
        }

        private void releaseStore() {
            if (store != null) {
                try {
                    store.release(this);
                } catch (RuntimeException e) {
                    LOG.debug("journal pretouch: releasing a chunk of {}: {}", touching == null ? "?" : touching.file(),
                            e.toString());
                }
                store = null;
            }
        }

        private void releaseAll() {
            releaseStore();
            if (reserved && touching != null) {
                try {
                    touching.release(this);
                } catch (RuntimeException e) {
                    LOG.debug("journal pretouch: releasing {}: {}", touching.file(), e.toString());
                }
            }
            reserved = false;
            touching = null;
        }
    }
}
