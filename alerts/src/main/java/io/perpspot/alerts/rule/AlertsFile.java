package io.perpspot.alerts.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses an alerts file (YAML: {@code dashboard-url}, {@code sinks}, {@code rules}). Anything it does not know (a
 * rule kind, a field, a sink format) or a webhook that is not http(s) is one {@link ConfigException} line naming the
 * file, the rule or sink, and the field.
 *
 * @param rules the rules in file order
 * @param sinks the sinks in file order
 * @param dashboardUrl the link alerts carry, or null for the caller's default
 */
public record AlertsFile(List<Rule> rules, List<SinkSpec> sinks, String dashboardUrl) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("dashboard-url", "sinks", "rules");
    private static final Set<String> SINK_FIELDS =
            Set.of("name", "format", "url", "per-minute", "queue", "timeout", "retries", "backoff", "chat-id",
                    "token-env");
    private static final Set<String> OPPORTUNITY_FIELDS =
            Set.of("name", "kind", "cooldown", "min-net-bps", "min-abs-z", "tokens", "pairs", "template");
    private static final List<String> KINDS =
            List.of("opportunity", "slippage", "failover", "no-data", "cache-switch", "disk", "reject-rate");
    private static final Set<String> SLIPPAGE_FIELDS =
            Set.of("name", "kind", "cooldown", "size-usd", "tolerance-bps", "tokens");
    private static final List<String> REJECT_REASONS = rejectReasons();
    private static final Set<String> REJECT_RATE_FIELDS = Set.of("name", "kind", "cooldown", "per-minute", "reasons",
            "pairs");
    private static final Set<String> DISK_FIELDS = Set.of("name", "kind", "cooldown", "min-free");
    private static final Set<String> CACHE_FIELDS = Set.of("name", "kind", "cooldown");
    private static final Set<String> NO_DATA_FIELDS = Set.of("name", "kind", "cooldown", "sources", "for");
    private static final Set<String> FAILOVER_FIELDS =
            Set.of("name", "kind", "cooldown", "fallback-sources", "down-sources", "for");

    /** Parses {@code text} with the shipped execution parameters and templates; {@code file} names it in errors. */
    public static AlertsFile parse(String text, String file) {
        return parse(text, file, null);
    }

    /**
     * Parses {@code text}; {@code file} names it in errors. {@code inputs} (null: {@link ModelInputs#defaults()}) is
     * asked for only when a rule prices a trade, and its templates only when a rule names one.
     */
    public static AlertsFile parse(String text, String file, ModelInputs inputs) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ConfigException("alerts: " + file + ": not valid YAML: " + why);
        }
        List<Rule> rules = new ArrayList<>();
        List<SinkSpec> sinks = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new AlertsFile(rules, sinks, null);
        }
        Where top = new Where(file, "top level");
        top.only(root, TOP);
        Set<String> names = new HashSet<>();
        for (JsonNode s : top.list(root, "sinks")) {
            SinkSpec sink = sink(file, s, sinks.size());
            if (!names.add(sink.name())) {
                throw new Where(file, "sink " + label(s, sinks.size())).bad("name", "another sink has this name");
            }
            sinks.add(sink);
        }
        names.clear();
        Models models = new Models(inputs);
        for (JsonNode r : top.list(root, "rules")) {
            Rule rule = rule(file, r, rules.size(), models);
            if (!names.add(rule.name())) {
                throw new Where(file, "rule " + label(r, rules.size())).bad("name", "another rule has this name");
            }
            rules.add(rule);
        }
        String dash = root.hasNonNull("dashboard-url") ? top.url(root.get("dashboard-url").asText(), "dashboard-url")
                : null;
        return new AlertsFile(rules, sinks, dash);
    }

    private static SinkSpec sink(String file, JsonNode s, int i) {
        Where w = new Where(file, "sink " + label(s, i));
        w.only(s, SINK_FIELDS);
        String format = w.text(s, "format", null);
        if (!SinkSpec.FORMATS.contains(format)) {
            throw w.bad("format", "expected one of " + SinkSpec.FORMATS + ", got '" + format + "'");
        }
        SinkSpec d = SinkSpec.json("", "");
        boolean telegram = format.equals("telegram");
        String chat = null;
        String tokenEnv = null;
        if (telegram) {
            chat = w.text(s, "chat-id", null);
            tokenEnv = w.text(s, "token-env", SinkSpec.TELEGRAM_TOKEN_ENV);
            String token = System.getenv(tokenEnv);
            if (token == null || token.isBlank()) {
                throw w.bad("token-env", "the bot token's environment variable " + tokenEnv + " is not set");
            }
        } else if (s.has("chat-id") || s.has("token-env")) {
            throw w.bad(s.has("chat-id") ? "chat-id" : "token-env", "only for format telegram");
        }
        String url = w.url(w.text(s, "url", telegram ? SinkSpec.TELEGRAM_API : null), "url");
        return new SinkSpec(w.text(s, "name", format + "-" + (i + 1)), format, url,
                (int) w.number(s, "per-minute", d.perMinute(), 1, 100_000),
                (int) w.number(s, "queue", d.queue(), 1, 1_000_000),
                w.duration(s, "timeout", d.timeout()), (int) w.number(s, "retries", d.retries(), 0, 100),
                w.duration(s, "backoff", d.backoff()), chat, tokenEnv);
    }

    /** The {@code pairs} field: venue pair names, as codes (absent or empty: every pair). */
    private static Set<Integer> pairs(Where w, JsonNode r) {
        Set<Integer> codes = new LinkedHashSet<>();
        for (String name : w.names(r, "pairs", Set.of(), false)) {
            int code = VenuePair.byName(name);
            if (code < 0) {
                throw w.bad("pairs", "expected some of [" + VenuePair.name(0) + ", " + VenuePair.name(1) + ", "
                        + VenuePair.name(2) + "], got '" + name + "'");
            }
            codes.add(code);
        }
        return codes;
    }

    private static Rule rule(String file, JsonNode r, int i, Models models) {
        Where w = new Where(file, "rule " + label(r, i));
        String kind = w.text(r, "kind", null);
        String name = w.text(r, "name", kind + "-" + (i + 1));
        switch (kind) {
            case "opportunity" -> {
                w.only(r, OPPORTUNITY_FIELDS);
                Template template = null;
                if (r.hasNonNull("template")) {
                    template = models.template(w, w.text(r, "template", null));
                }
                return new OpportunityRule(name, w.duration(r, "cooldown", Duration.ofMinutes(5)),
                        w.number(r, "min-net-bps", 10, -1e6, 1e6), w.number(r, "min-abs-z", 2, 0, 1e6),
                        w.names(r, "tokens", Set.of(), false), pairs(w, r), template,
                        template == null ? null : models.model());
            }
            case "slippage" -> {
                w.only(r, SLIPPAGE_FIELDS);
                return new SlippageRule(name, w.duration(r, "cooldown", Duration.ofMinutes(5)),
                        w.number(r, "size-usd", 1000, 1, Template.MAX_NOTIONAL_USD),
                        w.number(r, "tolerance-bps", 50, 0, 10_000), w.names(r, "tokens", Set.of(), false),
                        models.model());
            }
            case "reject-rate" -> {
                w.only(r, REJECT_RATE_FIELDS);
                Set<String> reasons = w.names(r, "reasons", Set.of(), false);
                for (String reason : reasons) {
                    if (!REJECT_REASONS.contains(reason)) {
                        throw w.bad("reasons", "expected some of " + REJECT_REASONS + ", got '" + reason + "'");
                    }
                }
                return new RejectRateRule(name, w.duration(r, "cooldown", Duration.ofMinutes(5)),
                        w.number(r, "per-minute", 10, 0, 1e6), reasons, pairs(w, r));
            }
            case "failover" -> {
                w.only(r, FAILOVER_FIELDS);
                return new FailoverRule(name, w.duration(r, "cooldown", Duration.ofMinutes(1)),
                        w.names(r, "fallback-sources", Set.of("hl-ws-testnet", "hl-rest", "coingecko", "kraken"), true),
                        w.names(r, "down-sources", Set.of("hl-ws-mainnet", "jupiter-price"), true),
                        w.duration(r, "for", Duration.ZERO));
            }
            case "no-data" -> {
                w.only(r, NO_DATA_FIELDS);
                return new NoDataRule(name, w.duration(r, "cooldown", Duration.ofMinutes(5)),
                        w.names(r, "sources", Set.of("hl-ws-mainnet", "jupiter-price"), true),
                        w.duration(r, "for", Duration.ofSeconds(30)));
            }
            case "cache-switch" -> {
                w.only(r, CACHE_FIELDS);
                return new CacheSwitchRule(name, w.duration(r, "cooldown", Duration.ofMinutes(1)));
            }
            case "disk" -> {
                w.only(r, DISK_FIELDS);
                return new DiskRule(name, w.duration(r, "cooldown", Duration.ofHours(1)), w.bytes(r, "min-free"));
            }
            default -> throw w.bad("kind", "expected one of " + KINDS + ", got '" + kind + "'");
        }
    }

    /** The trade model and templates of one file: one model shared by its rules; each read on first need. */
    private static final class Models {
        private final ModelInputs given;
        private ModelInputs inputs;
        private TradeModel model;
        private Templates templates;

        Models(ModelInputs given) {
            this.given = given;
        }

        private ModelInputs inputs() {
            if (inputs == null) {
                inputs = given != null ? given : ModelInputs.defaults();
            }
            return inputs;
        }

        TradeModel model() {
            if (model == null) {
                model = new TradeModel(inputs().execution());
            }
            return model;
        }

        Template template(Where w, String name) {
            if (templates == null) {
                try {
                    templates = inputs().templates().get();
                } catch (ConfigException e) {
                    throw w.bad("template", e.getMessage());
                }
            }
            try {
                return templates.get(name);
            } catch (ExecutionException e) {
                throw w.bad("template", e.getMessage().substring("template: ".length()));
            }
        }
    }

    private static String label(JsonNode n, int i) {
        return n.hasNonNull("name") ? "'" + n.get("name").asText() + "'" : "#" + (i + 1);
    }

    private static List<String> rejectReasons() {
        List<String> out = new ArrayList<>();
        for (int r = 1; r < OutputRecord.GATE_REASONS; r++) {
            out.add(OutputRecord.rejectReasonName(r));
        }
        return List.copyOf(out);
    }

    /** Checks that {@code url} is an absolute http(s) URL; {@code what} names it in the error. */
    public static String checkUrl(String url, String what) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new ConfigException(oneLine(what + ": expected an http(s) URL, got '" + url + "'"));
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ConfigException(oneLine(what + ": expected an http(s) URL, got '" + url + "'"));
        }
    }

    /** A refusal stays one line although it echoes a value with line breaks in it. */
    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }

    /** Where in the file a value is, for the one-line errors. */
    private record Where(String file, String place) {
        ConfigException bad(String field, String why) {
            return new ConfigException(oneLine("alerts: " + file + ": " + place + ": " + field + ": " + why));
        }

        void only(JsonNode n, Set<String> fields) {
            if (!n.isObject()) {
                throw bad("(entry)", "expected a mapping, got '" + n + "'");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!fields.contains(f)) {
                    throw bad(f, "unknown field (known: " + String.join(", ", new TreeSet<>(fields)) + ")");
                }
            }
        }

        List<JsonNode> list(JsonNode n, String field) {
            List<JsonNode> out = new ArrayList<>();
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw bad(field, "expected a list");
            }
            v.forEach(out::add);
            return out;
        }

        String text(JsonNode n, String field, String dflt) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (dflt == null) {
                    throw bad(field, "missing");
                }
                return dflt;
            }
            if (!v.isValueNode()) {
                throw bad(field, "expected a value, got '" + v + "'");
            }
            return v.asText().trim();
        }

        String url(String url, String field) {
            return checkUrl(url, "alerts: " + file + ": " + place + ": " + field);
        }

        double number(JsonNode n, String field, double dflt, double min, double max) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
                throw bad(field, "expected a number in [" + min + ", " + max + "], got '" + v.asText() + "'");
            }
            return v.asDouble();
        }

        long bytes(JsonNode n, String field) {
            String t = text(n, field, null).toUpperCase(Locale.ROOT).replace(" ", "");
            int unit = List.of("KB", "MB", "GB", "TB").indexOf(t.length() > 2 ? t.substring(t.length() - 2) : "");
            int shift = unit < 0 ? 0 : 10 * (unit + 1);
            try {
                long v = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 2));
                if (v >= 0 && v < (1L << (62 - shift))) {
                    return v << shift;
                }
            } catch (NumberFormatException e) {
                // the one-line error below
            }
            throw bad(field, "expected a size like 500MB or 10GB, got '" + t + "'");
        }

        Duration duration(JsonNode n, String field, Duration dflt) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            Duration d = v.isNumber() && v.asLong() == 0 ? Duration.ZERO : Durations.parse(v.asText().trim());
            if (d == null || d.isNegative()) {
                throw bad(field, "expected a duration like 500ms, 30s or 5m, got '" + v.asText() + "'");
            }
            return d;
        }

        Set<String> names(JsonNode n, String field, Set<String> dflt, boolean sources) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isArray()) {
                throw bad(field, "expected a list");
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode x : v) {
                String s = x.asText().trim();
                if (sources && Source.byName(s) < 0) {
                    throw bad(field, "unknown source '" + s + "'");
                }
                out.add(s);
            }
            return out;
        }
    }
}
