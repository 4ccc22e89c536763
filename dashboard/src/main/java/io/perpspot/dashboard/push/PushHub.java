package io.perpspot.dashboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.websocket.WsContext;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.state.Clocks;
import io.perpspot.dashboard.state.LiveBoard;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.dashboard.state.Opportunity;
import io.perpspot.dashboard.state.SourceChange;
import io.perpspot.dashboard.state.TokenRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket endpoint's fan-out ({@code /ws}): spread/price updates, opportunities and
 * source status, as the tailer folds them from the journal.
 *
 * <p>Why a slow browser cannot slow the engine: the tailer thread only stamps "symbol changed at
 * version v" (a map put, O(1), independent of the number of browsers). One push thread
 * ({@code dashboard-push}), every {@code dashboard.push-interval}, builds for each browser one
 * message with the <em>latest</em> row of each symbol that changed since that browser's last
 * message (updates in between are coalesced and counted), plus the opportunities and source
 * changes after the browser's last sequence number, at most {@code dashboard.client-queue} of each
 * (older ones are dropped for that browser and counted; it can fetch them from the API). A browser
 * has at most one message in flight: while Jetty has not finished writing it, the browser is
 * skipped (its changes keep coalescing). A browser stuck for {@link #STUCK_MS} is disconnected.
 *
 * <p>Resume: a browser reconnects with {@code /ws?since=SEQ} (the last opportunity sequence it
 * saw); its first message ({@code hello}) carries every row, the current sources, and the
 * opportunities and source changes after SEQ, with {@code gap: true} if some were already evicted.
 *
 * <p>What a remote browser can carry (issue 22): a batch ({@code delta: true}) carries for each row
 * only what changed since the version that browser was sent ({@link RowPatches}; the page merges it,
 * {@code common.js}); a browser subscribes ({@link Subscription}) to the tokens, row fields and
 * slippage sizes it shows and to a slower interval, at connect ({@code /ws?tokens=..&fields=..&sizes=..
 * &interval=MS}) or later with a {@code {"t":"subscribe",...}} message (a new shape of rows brings a
 * new hello). Jetty compresses every message with permessage-deflate when the browser offers it
 * (every current browser does).
 */
public final class PushHub implements MarketView.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushHub.class);
    static final long STUCK_MS = 30_000;
    private static final long HEARTBEAT_MS = 1000;

    private final LiveBoard view;
    private final int queueLimit;
    private final int maxClients;
    private final long intervalMs;
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final RowPatches patches = new RowPatches();
    private final AtomicLong lastSourceSeq = new AtomicLong(-1);
    private final AtomicLong lastOppSeq = new AtomicLong(-1);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong disconnectedSlow = new AtomicLong();
    // Over the hub's life, whoever was connected (the per-client counters go with their client).
    private final AtomicLong messagesTotal = new AtomicLong();
    private final AtomicLong coalescedTotal = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private final ScheduledExecutorService pusher;


    /** The journal's clocks as each message carries them (null: not known yet), with the server's time. */
    private record Clock(long serverMs, Long lastEventMs, Long lastAdvanceMs, long inputIndex, long outputIndex) {
    }

    /** One browser. Its counters are what the health page shows. */
    static final class Client {
        final WsContext ctx;
        final AtomicBoolean inFlight = new AtomicBoolean();
        volatile long inFlightSinceMs;
        boolean helloSent;
        volatile Subscription sub;
        /** A new shape of rows was asked for: the next message is a hello. */
        volatile boolean resync;
        /** The row version each symbol was last sent at (push thread only). */
        final Map<String, Long> sent = new HashMap<>();
        long sinceSeq;
        long sinceSourceSeq = -1;
        long seenVersion;
        long seenEvents;
        long lastSentMs;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong coalesced = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong busySkips = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Client(WsContext ctx, long sinceSeq, Subscription sub) {
            this.ctx = ctx;
            this.sinceSeq = sinceSeq;
            this.sub = sub;
        }
    }

    /**
     * A hub over one journal's view or a fleet's ({@link io.perpspot.dashboard.state.Folds}; then each engine's
     * view tells {@link #forEngine}).
     */
    public PushHub(LiveBoard view, long intervalMs, int queueLimit, int maxClients) {
        this.view = view;
        this.intervalMs = intervalMs;
        this.queueLimit = queueLimit;
        this.maxClients = maxClients;
        this.pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-push");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the push thread: one round over the browsers every {@code dashboard.push-interval}. */
    public void start() {
        pusher.scheduleWithFixedDelay(this::flushAll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    // ---- listener: tailer thread, O(1) -----------------------------------------------------

    @Override
    public void tokenChanged(String symbol) {
        stamp(symbol);
        events.incrementAndGet();
    }

    /**
     * Marks {@code symbol} changed at the next version: the mark first, the version after (one writer, the
     * tailer). A push round that reads version v then finds every mark up to v; bumped first, a round could
     * read v, miss the mark still being put, remember v as seen and never send that row.
     */
    private void stamp(String symbol) {
        long next = version.get() + 1;
        changedAt.put(symbol, next);
        version.set(next);
    }

    @Override
    public void opportunity(Opportunity opportunity) {
        lastOppSeq.set(opportunity.seq());
        // the token's row counts its opportunities: that changed too
        stamp(opportunity.symbol());
    }

    @Override
    public void sourceChanged(SourceChange change) {
        lastSourceSeq.set(change.seq());
    }

    /**
     * The listener of one engine's view in a fleet: its rows change under their key with the engine
     * ({@link LiveBoard#key}); its opportunities and source changes, numbered per engine, are not pushed (the
     * API serves them with {@code ?engine=ID}), only the row they change.
     */
    public MarketView.Listener forEngine(String engine) {
        return new MarketView.Listener() {
            @Override
            public void tokenChanged(String symbol) {
                stamp(LiveBoard.key(symbol, engine));
                events.incrementAndGet();
            }

            @Override
            public void opportunity(Opportunity opportunity) {
                stamp(LiveBoard.key(opportunity.symbol(), engine));
            }

            @Override
            public void sourceChanged(SourceChange change) {
                // per engine: on the health page
            }
        };
    }

    // ---- connections: Jetty threads ----------------------------------------------------------

    /**
     * A browser connected; {@code since} is the last opportunity sequence it saw (-1: none), {@code param}
     * its query parameters ({@link Subscription}). A subscription not understood closes it (1008, saying why).
     */
    public void connect(WsContext ctx, long since, Function<String, String> param) {
        if (clients.size() >= maxClients) {
            refused.incrementAndGet();
            ctx.closeSession(1013, "too many dashboard clients (dashboard.max-clients)");
            return;
        }
        Subscription sub;
        try {
            sub = Subscription.parse(param, intervalMs);
        } catch (IllegalArgumentException e) {
            ctx.closeSession(1008, e.getMessage());
            return;
        }
        clients.put(ctx.sessionId(), new Client(ctx, since, sub));
    }

    /**
     * A browser's message: {@code {"t":"subscribe", "interval":MS, "tokens":"A,B", "fields":"f,g", "sizes":"1"}}
     * (lists as text or JSON arrays; a key left out means all). Anything else closes it (1008, saying why).
     */
    public void message(WsContext ctx, String text) {
        Client c = clients.get(ctx.sessionId());
        if (c == null) {
            return;
        }
        try {
            JsonNode m = Json.MAPPER.readTree(text);
            if (m == null || !m.isObject() || !"subscribe".equals(m.path("t").asText())) {
                throw new IllegalArgumentException("expected {\"t\":\"subscribe\",...}");
            }
            Subscription next = Subscription.parse(k -> {
                JsonNode v = m.get(k);
                if (v == null || v.isNull()) {
                    return null;
                }
                if (v.isArray()) {
                    List<String> parts = new ArrayList<>();
                    v.forEach(x -> parts.add(x.asText()));
                    return String.join(",", parts);
                }
                return v.asText();
            }, intervalMs);
            Subscription before = c.sub;
            c.sub = next;
            if (!next.sameShape(before) || !Objects.equals(next.tokens(), before.tokens())) {
                c.resync = true;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            ctx.closeSession(1008, "subscribe: " + e.getMessage());
        }
    }

    /** A browser went away: it gets nothing more. */
    public void disconnect(WsContext ctx) {
        clients.remove(ctx.sessionId());
    }

    /** Browsers connected now. */
    public int clientCount() {
        return clients.size();
    }

    // ---- push thread -------------------------------------------------------------------------

    void flushAll() {
        try {
            long now = System.currentTimeMillis();
            patches.newRound();
            for (Client c : clients.values()) {
                if (c.inFlight.get()) {
                    c.busySkips.incrementAndGet();
                    if (now - c.inFlightSinceMs > STUCK_MS) {
                        disconnectedSlow.incrementAndGet();
                        clients.remove(c.ctx.sessionId());
                        LOG.info("dashboard: closing a WebSocket client stuck for {} ms", now - c.inFlightSinceMs);
                        c.ctx.closeSession(1008, "too slow");
                    }
                    continue;
                }
                if (c.helloSent && now - c.lastSentMs < c.sub.intervalMs() - intervalMs / 2) {
                    continue; // a browser that asked for a slower push
                }
                if (c.resync) {
                    c.resync = false;
                    c.helloSent = false;
                }
                String msg = c.helloSent ? batch(c, now) : hello(c, now);
                if (msg != null) {
                    send(c, msg, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard push failed", e);
        }
    }

    private String hello(Client c, long now) {
        // The marks first, the view after: whatever the tailer notifies between the two is in the view
        // already or comes in the next batch. Read after the view, a mark could pass an opportunity
        // or a source change the hello does not carry, and the browser would never get it.
        long v = version.get();
        long ev = events.get();
        long oppSeq = lastOppSeq.get();
        long sourceSeq = lastSourceSeq.get();
        // Each row's version before the rows: a row read later is at least that version (a version read after
        // it could name a change the row does not have yet, and the browser would never be sent it).
        Map<String, Long> versions = new HashMap<>(changedAt);
        Subscription sub = c.sub;
        List<TokenRow> rows = view.rows();
        List<Opportunity> opps = view.opportunities(c.sinceSeq, null, queueLimit + 1);
        boolean gap = false;
        if (opps.size() > queueLimit) {
            opps = opps.subList(opps.size() - queueLimit, opps.size());
            gap = c.sinceSeq >= 0;
        }
        long oldest = view.oldestOpportunitySeq();
        if (c.sinceSeq >= 0 && oldest > c.sinceSeq && view.evictedOpportunities() > 0) {
            gap = true; // some after SEQ may have been evicted from memory already
        }
        StringBuilder sb = new StringBuilder(256 + rows.size() * 900);
        sb.append("{\"t\":\"hello\",\"rows\":[");
        boolean first = true;
        c.sent.clear();
        for (TokenRow row : rows) {
            if (!sub.wants(row.symbol())) {
                continue;
            }
            String key = LiveBoard.key(row);
            long ver = versions.getOrDefault(key, 0L);
            patches.at(key, ver, row);
            sb.append(first ? "" : ",").append(patches.whole(key, ver, sub));
            first = false;
            c.sent.put(key, ver);
        }
        sb.append("],\"opportunities\":").append(Json.write(opps));
        sb.append(",\"gap\":").append(gap);
        sb.append(",\"health\":").append(Json.write(view.sources()));
        sb.append(",\"clock\":").append(Json.write(clock(now)));
        sb.append(",\"intervalMs\":").append(sub.intervalMs()).append('}');
        c.seenVersion = v;
        c.seenEvents = ev;
        if (!opps.isEmpty()) {
            c.sinceSeq = opps.get(opps.size() - 1).seq();
        } else {
            c.sinceSeq = Math.max(c.sinceSeq, oppSeq);
        }
        c.sinceSourceSeq = sourceSeq;
        c.helloSent = true;
        return sb.toString();
    }


    private String batch(Client c, long now) {
        long v = version.get();
        long ev = events.get();
        Subscription sub = c.sub;
        List<String> changed = new ArrayList<>();
        if (v != c.seenVersion) {
            for (Map.Entry<String, Long> e : changedAt.entrySet()) {
                if (e.getValue() > c.seenVersion && sub.wants(LiveBoard.symbol(e.getKey()))) {
                    changed.add(e.getKey());
                }
            }
        }
        long dropped = 0;
        List<Opportunity> opps = List.of();
        if (lastOppSeq.get() > c.sinceSeq) {
            opps = view.opportunities(c.sinceSeq, null, queueLimit + 1);
            if (opps.size() > queueLimit) {
                // more than the browser's queue holds: keep the newest, count the rest as dropped
                List<Opportunity> all = view.opportunities(c.sinceSeq, null, Integer.MAX_VALUE);
                dropped = all.size() - queueLimit;
                opps = all.subList(all.size() - queueLimit, all.size());
            }
        }
        List<SourceChange> sources = List.of();
        if (lastSourceSeq.get() > c.sinceSourceSeq) {
            sources = view.sourceChanges(c.sinceSourceSeq);
            if (sources.size() > queueLimit) {
                dropped += sources.size() - queueLimit;
                sources = sources.subList(sources.size() - queueLimit, sources.size());
            }
        }
        boolean heartbeatDue = now - c.lastSentMs >= Math.max(HEARTBEAT_MS, sub.intervalMs());
        List<String> rowPatches = new ArrayList<>(changed.size());
        for (String sym : changed) {
            String p = rowPatch(c, sym, sub);
            if (p != null) {
                rowPatches.add(p);
            }
        }
        if (!opps.isEmpty()) {
            c.sinceSeq = opps.get(opps.size() - 1).seq();
        }
        long coalesced = Math.max(0, (ev - c.seenEvents) - changed.size());
        c.coalesced.addAndGet(coalesced);
        c.dropped.addAndGet(dropped);
        coalescedTotal.addAndGet(coalesced);
        droppedTotal.addAndGet(dropped);
        c.seenVersion = v;
        c.seenEvents = ev;
        if (rowPatches.isEmpty() && opps.isEmpty() && sources.isEmpty() && !heartbeatDue) {
            return null; // nothing this browser sees changed (its rows were marked as sent all the same)
        }
        StringBuilder sb = new StringBuilder(256 + rowPatches.size() * 200);
        sb.append("{\"t\":\"batch\",\"delta\":true,\"rows\":[").append(String.join(",", rowPatches));
        sb.append("],\"opportunities\":").append(Json.write(opps));
        sb.append(",\"sources\":").append(Json.write(sources));
        if (!sources.isEmpty()) {
            sb.append(",\"health\":").append(Json.write(view.sources()));
        }
        sb.append(",\"clock\":").append(Json.write(clock(now)));
        sb.append(",\"coalesced\":").append(c.coalesced.get());
        sb.append(",\"dropped\":").append(c.dropped.get());
        sb.append('}');
        if (!sources.isEmpty()) {
            c.sinceSourceSeq = sources.get(sources.size() - 1).seq();
        }
        return sb.toString();
    }

    /**
     * What {@code c} gets of a changed row (its {@link LiveBoard#key}): the patch from the version it holds (whole
     * when it holds none), or null when nothing it sees changed. Each version is made into a tree once for every
     * browser.
     */
    private String rowPatch(Client c, String symbol, Subscription sub) {
        long ver = changedAt.getOrDefault(symbol, 0L);
        if (patches.newest(symbol) != ver) {
            TokenRow row = view.row(symbol);
            if (row == null) {
                return null;
            }
            patches.at(symbol, ver, row);
        }
        Long from = c.sent.put(symbol, ver);
        String p = from == null ? patches.whole(symbol, ver, sub)
                : from == ver ? "" : patches.patch(symbol, from, ver, sub);
        return p.isEmpty() ? null : p;
    }

    private Clock clock(long now) {
        Clocks c = view.clocks();
        return new Clock(now, c.lastEventMs() == 0 ? null : c.lastEventMs(),
                c.lastAdvanceMs() == 0 ? null : c.lastAdvanceMs(), c.lastInputIndex(), c.lastOutputIndex());
    }

    private void send(Client c, String msg, long now) {
        c.inFlight.set(true);
        c.inFlightSinceMs = now;
        c.lastSentMs = now;
        c.bytes.addAndGet(msg.length());
        bytesTotal.addAndGet(msg.length());
        try {
            c.ctx.session.sendText(msg, Callback.from(() -> {
                c.messages.incrementAndGet();
                messagesTotal.incrementAndGet();
                c.inFlight.set(false);
            }, err -> {
                c.inFlight.set(false);
                clients.remove(c.ctx.sessionId());
            }));
        } catch (RuntimeException e) {
            c.inFlight.set(false);
            clients.remove(c.ctx.sessionId());
        }
    }

    /**
     * The push figures over the hub's life (metrics): browsers connected now, messages written, updates coalesced,
     * opportunities and source changes dropped for a slow browser, connections refused over dashboard.max-clients,
     * browsers disconnected as stuck.
     */
    public record Totals(int clients, long messages, long coalesced, long dropped, long refused,
                         long disconnectedSlow) {
    }

    /** {@link Totals} now. */
    public Totals totals() {
        return new Totals(clients.size(), messagesTotal.get(), coalescedTotal.get(), droppedTotal.get(), refused.get(),
                disconnectedSlow.get());
    }

    /** Per-browser and overall push figures for /api/health. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        long messages = 0;
        long coalesced = 0;
        long dropped = 0;
        long busy = 0;
        long bytes = 0;
        Map<Long, Integer> intervals = new TreeMap<>();
        for (Client c : clients.values()) {
            bytes += c.bytes.get();
            intervals.merge(c.sub.intervalMs(), 1, Integer::sum);
            messages += c.messages.get();
            coalesced += c.coalesced.get();
            dropped += c.dropped.get();
            busy += c.busySkips.get();
        }
        m.put("clients", clients.size());
        m.put("maxClients", maxClients);
        m.put("intervalMs", intervalMs);
        m.put("clientIntervalsMs", intervals);
        m.put("clientQueue", queueLimit);
        m.put("messages", messages);
        m.put("coalesced", coalesced);
        m.put("dropped", dropped);
        m.put("busySkips", busy);
        m.put("bytes", bytes);
        m.put("bytesTotal", bytesTotal.get());
        m.put("refused", refused.get());
        m.put("disconnectedSlow", disconnectedSlow.get());
        return m;
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        for (Client c : clients.values()) {
            try {
                c.ctx.closeSession(1001, "dashboard stopping");
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        clients.clear();
    }
}
