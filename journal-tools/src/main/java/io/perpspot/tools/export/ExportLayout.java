package io.perpspot.tools.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an export's files go: {@code OUT/<table>/part-NNNNN.<ext>}, or with day partitions
 * {@code OUT/<table>/date=YYYY-MM-DD/part-NNNNN.<ext>} (Hive-style, which Spark, DuckDB and Polars
 * prune by). A part is written as the hidden {@code .<name>.inprogress} (which pandas/pyarrow and
 * Spark skip, and no {@code *.parquet} glob matches) and renamed when the whole export has
 * succeeded ({@link #commit}); a new part takes the number after the highest in its directory, so
 * a continued export only adds files.
 */
final class ExportLayout {
    private static final long DAY_NANOS = 86_400_000_000_000L;
    private static final String IN_PROGRESS = ".inprogress";
    private static final Pattern PART = Pattern.compile("\\.?part-(\\d+)\\..*");

    private final Path out;
    private final String extension;
    private final boolean byDay;
    private final Map<Path, Integer> next = new HashMap<>();
    private final List<Path> pending = new ArrayList<>();
    /** Directories this export made, in order: a failed export removes them again. */
    private final List<Path> made = new ArrayList<>();

    ExportLayout(Path out, String extension, boolean byDay) {
        this.out = out;
        this.extension = extension;
        this.byDay = byDay;
    }

    /** The partition an event time falls in: its UTC day number, or 0 without day partitions. */
    long partition(long epochNanos) {
        return byDay ? Math.floorDiv(epochNanos, DAY_NANOS) : 0;
    }

    /** A new part file of {@code table} in {@code partition}, under its in-progress name (directories made). */
    Path newPart(String table, long partition) {
        Path dir = out.resolve(table);
        if (byDay) {
            dir = dir.resolve("date=" + LocalDate.ofEpochDay(partition));
        }
        try {
            for (Path d : List.of(out, out.resolve(table), dir)) {
                if (!Files.exists(d)) {
                    Files.createDirectories(d);
                    made.add(d);
                }
            }
            int n = next.containsKey(dir) ? next.get(dir) : firstFree(dir);
            next.put(dir, n + 1);
            Path file = dir.resolve(String.format(".part-%05d.%s%s", n, extension, IN_PROGRESS));
            pending.add(file);
            return file;
        } catch (IOException e) {
            throw new ExportException("journal export: cannot create " + dir + ": " + e.getMessage());
        }
    }

    private static int firstFree(Path dir) throws IOException {
        int max = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = PART.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    /** Gives every part written its final name; returns how many. */
    int commit() {
        try {
            for (Path p : pending) {
                String name = p.getFileName().toString();
                Files.move(p, p.resolveSibling(name.substring(1, name.length() - IN_PROGRESS.length())),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new ExportException("journal export: cannot rename a finished part: " + e.getMessage());
        }
        int n = pending.size();
        pending.clear();
        return n;
    }

    /**
     * Deletes the parts of a failed export and the directories it made (best effort; nothing of
     * them was committed).
     */
    void abort() {
        List<Path> doomed = new ArrayList<>(pending);
        for (int i = made.size() - 1; i >= 0; i--) {
            doomed.add(made.get(i));
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // A part stays as a hidden .part-*.inprogress, which readers skip.
            }
        }
        pending.clear();
        made.clear();
    }
}
