package io.perpspot.dashboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.state.TokenRow;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Rows as the push sends them: each row's recent versions (by symbol, or symbol and engine in a fleet) as JSON
 * trees (what a browser was sent is one of them), projected on a {@link Subscription}'s fields and sizes, and
 * the patch from the version a browser has to the newest: only the fields that changed, and inside a list or an
 * object only the entries that changed, keyed by index or name. The page merges a patch into the row it holds
 * ({@code common.js}): a plain object merges into an object or a list, anything else replaces the value.
 * A patch is serialised once per round for every browser at the same version and shape. Used by the
 * push thread only.
 */
final class RowPatches {
    /** Versions kept per symbol: a browser further behind gets its rows whole. */
    static final int KEPT = 16;

    private record Version(long version, ObjectNode row) {
    }

    private record PatchKey(String symbol, long from, long to, String shape) {
    }

    private final Map<String, ArrayDeque<Version>> versions = new HashMap<>();
    private final Map<PatchKey, String> round = new HashMap<>();

    /** A new round: the patches of the last one are not reused (their versions may be gone). */
    void newRound() {
        round.clear();
    }

    /** The tree of {@code symbol}'s row at {@code version}, made from {@code row} the first time it is asked for. */
    ObjectNode at(String symbol, long version, TokenRow row) {
        ArrayDeque<Version> q = versions.computeIfAbsent(symbol, k -> new ArrayDeque<>());
        Version last = q.peekLast();
        if (last != null && last.version == version) {
            return last.row;
        }
        ObjectNode tree = Json.MAPPER.valueToTree(row);
        q.addLast(new Version(version, tree));
        while (q.size() > KEPT) {
            q.removeFirst();
        }
        return tree;
    }

    /** The newest version held for {@code symbol}, or -1. */
    long newest(String symbol) {
        ArrayDeque<Version> q = versions.get(symbol);
        return q == null || q.isEmpty() ? -1 : q.peekLast().version;
    }

    private ObjectNode held(String symbol, long version) {
        ArrayDeque<Version> q = versions.get(symbol);
        if (q != null) {
            for (Iterator<Version> it = q.descendingIterator(); it.hasNext(); ) {
                Version v = it.next();
                if (v.version == version) {
                    return v.row;
                }
            }
        }
        return null;
    }

    /** {@code symbol}'s row at {@code version} whole, as {@code s} shows it. */
    String whole(String symbol, long version, Subscription s) {
        return round.computeIfAbsent(new PatchKey(symbol, -1, version, s.shapeKey()),
                k -> Json.write(project(held(symbol, version), s)));
    }

    /**
     * The patch from the version a browser holds to {@code to} (whole when {@code from} is no longer held), or
     * null when nothing it sees changed.
     */
    String patch(String symbol, long from, long to, Subscription s) {
        ObjectNode old = held(symbol, from);
        if (old == null) {
            return whole(symbol, to, s);
        }
        return round.computeIfAbsent(new PatchKey(symbol, from, to, s.shapeKey()), k -> {
            ObjectNode d = diff(project(old, s), project(held(symbol, to), s));
            if (d.size() == 0) {
                return "";
            }
            ObjectNode p = Json.MAPPER.createObjectNode();
            ObjectNode now = held(symbol, to);
            p.set("symbol", now.get("symbol"));
            if (now.has("engine")) {
                p.set("engine", now.get("engine")); // the row's key among several engines' rows
            }
            p.setAll(d);
            return Json.write(p);
        });
    }

    /**
     * The row with only the subscribed fields ({@code symbol} always, and {@code engine} when the row has one) and
     * slippage sizes (the others null).
     */
    static ObjectNode project(ObjectNode row, Subscription s) {
        if (s.fields() == null && s.sizes() == null) {
            return row;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (!f.equals("symbol") && !f.equals("engine") && s.fields() != null && !s.fields().contains(f)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (f.equals("slippage") && s.sizes() != null && v.isArray()) {
                ArrayNode a = Json.MAPPER.createArrayNode();
                for (int i = 0; i < v.size(); i++) {
                    a.add(s.sizes().contains(i) ? v.get(i) : NullNode.getInstance());
                }
                v = a;
            }
            out.set(f, v);
        }
        return out;
    }

    /** The fields of {@code to} that differ from {@code from}; containers of one shape recursively. */
    static ObjectNode diff(JsonNode from, JsonNode to) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        if (to.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                put(d, e.getKey(), from.get(e.getKey()), e.getValue());
            }
        } else {
            for (int i = 0; i < to.size(); i++) {
                put(d, Integer.toString(i), from.get(i), to.get(i));
            }
        }
        return d;
    }

    private static void put(ObjectNode d, String key, JsonNode a, JsonNode b) {
        if (b.equals(a)) {
            return;
        }
        boolean sameShape = a != null && ((a.isObject() && b.isObject()) || (a.isArray() && b.isArray()
                && a.size() == b.size()));
        d.set(key, sameShape ? diff(a, b) : b);
    }
}
