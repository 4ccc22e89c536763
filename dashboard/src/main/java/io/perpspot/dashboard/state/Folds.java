package io.perpspot.dashboard.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The journals a dashboard folds: one ({@code --journal}), or a fleet of engines whose folds join as their
 * journals appear ({@code --kafka}: one fold per engine id, since token ids are per engine). As a
 * {@link LiveBoard} a fleet is the union of its engines' rows, each naming its engine and shard, keyed by symbol
 * and engine; its opportunities and source changes stay per engine (the API's {@code ?engine=ID}).
 */
public final class Folds implements LiveBoard, AutoCloseable {
    private static final Comparator<TokenRow> ORDER = Comparator.comparing(TokenRow::symbol,
            String.CASE_INSENSITIVE_ORDER).thenComparing(TokenRow::engine);

    private final boolean fleet;
    private final List<EngineFold> folds = new CopyOnWriteArrayList<>();
    private Consumer<EngineFold> joined = f -> {
    };
    private boolean closed;

    private Folds(boolean fleet) {
        this.fleet = fleet;
    }

    /** The one journal of {@code --journal}. */
    public static Folds single(EngineFold fold) {
        Folds f = new Folds(false);
        f.folds.add(fold);
        return f;
    }

    /** A fleet of engines, empty until {@link #add} (each engine's fold as its journal appears). */
    public static Folds fleet() {
        return new Folds(true);
    }

    /** True for a fleet of engines (rows name their engine), false for the one journal. */
    public boolean isFleet() {
        return fleet;
    }

    /** Who is told of each fold that joins the fleet from now on (before its tailer reads anything). */
    public synchronized void onJoin(Consumer<EngineFold> c) {
        this.joined = c;
    }

    /** An engine's fold joins the fleet: {@link #onJoin} is told, then its tailer starts; closed if the fleet is. */
    public void add(EngineFold fold) {
        synchronized (this) {
            if (closed) {
                fold.close();
                return;
            }
            if (find(fold.engine()) != null) {
                throw new IllegalArgumentException("engine " + fold.engine() + " has a fold already");
            }
            joined.accept(fold);
            folds.add(fold);
        }
        fold.tailer().start();
    }

    /** Every fold, in the order they joined. */
    public List<EngineFold> all() {
        return folds;
    }

    /** The fold of an engine id, or null. */
    public EngineFold find(String engine) {
        for (EngineFold f : folds) {
            if (f.engine() != null && f.engine().equals(engine)) {
                return f;
            }
        }
        return null;
    }

    /** Whether every fold has read what its journal held when it started (false for a fleet of none yet). */
    public boolean caughtUp() {
        return !folds.isEmpty() && folds.stream().allMatch(f -> f.view().isCaughtUp());
    }

    // ---- the fleet's union, for the push channel ----------------------------------------------

    @Override
    public List<TokenRow> rows() {
        List<TokenRow> out = new ArrayList<>();
        for (EngineFold f : folds) {
            String shard = f.shard();
            for (TokenRow r : f.view().rows()) {
                out.add(f.engine() == null ? r : r.of(f.engine(), shard));
            }
        }
        if (fleet) {
            out.sort(ORDER);
        }
        return out;
    }

    @Override
    public TokenRow row(String key) {
        int at = key.indexOf(ENGINE_SEPARATOR);
        EngineFold f = at < 0 ? (fleet ? null : folds.get(0)) : find(key.substring(at + 1));
        return f == null ? null : f.row(LiveBoard.symbol(key));
    }

    @Override
    public List<Opportunity> opportunities(long sinceSeq, String symbol, int limit) {
        return fleet ? List.of() : folds.get(0).view().opportunities(sinceSeq, symbol, limit);
    }

    @Override
    public long oldestOpportunitySeq() {
        return fleet ? -1 : folds.get(0).view().oldestOpportunitySeq();
    }

    @Override
    public long evictedOpportunities() {
        return fleet ? 0 : folds.get(0).view().evictedOpportunities();
    }

    @Override
    public Health.Sources sources() {
        List<SourceInfo> all = new ArrayList<>();
        Health.Sides current = new Health.Sides(null, null);
        for (EngineFold f : folds) {
            Health.Sources s = f.view().sources();
            if (all.isEmpty()) {
                current = s.current();
            }
            all.addAll(s.sources());
        }
        return new Health.Sources(current, all);
    }

    @Override
    public List<SourceChange> sourceChanges(long sinceSeq) {
        return fleet ? List.of() : folds.get(0).view().sourceChanges(sinceSeq);
    }

    @Override
    public Clocks clocks() {
        long event = 0;
        long advance = 0;
        for (EngineFold f : folds) {
            Clocks c = f.view().clocks();
            event = Math.max(event, c.lastEventMs());
            advance = Math.max(advance, c.lastAdvanceMs());
        }
        return folds.size() == 1 && !fleet ? folds.get(0).view().clocks() : new Clocks(event, advance, -1, -1);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        folds.forEach(EngineFold::close);
    }
}
