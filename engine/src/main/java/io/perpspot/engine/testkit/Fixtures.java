package io.perpspot.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.engine.tokens.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded fixtures bundled in the engine jar under {@code /perpspot-fixtures} (provenance of
 * each file in its {@code SOURCES.md}), for the tests of every module and for the benchmarks, and
 * the shipped token table they are decoded against.
 */
public final class Fixtures {
    /** The class-path directory of the recorded files. */
    public static final String DIR = "/perpspot-fixtures/";

    private Fixtures() {
    }

    /** A recorded file's text (UTF-8); fails naming the file if it is not bundled. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-blank lines of a recorded file, in order (a JSON-lines capture: one frame a line). */
    public static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        for (String l : text(name).split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /** The response body of interaction {@code i} of a VCR cassette (YAML). */
    public static String cassetteBody(String name, int i) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text(name));
            return root.path("interactions").get(i).path("response").path("body").path("string").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped static pair table (config/tokens.csv, bundled as /perpspot-defaults/tokens.csv). */
    public static List<Token> shippedTokens() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/perpspot-defaults/tokens.csv")) {
            if (in == null) {
                throw new IllegalStateException("tokens.csv is not on the class path (/perpspot-defaults/tokens.csv)");
            }
            return TokenTable.read(in, "tokens.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A registry with the shipped pairs plus extra ones (e.g. kPEPE, DYDX for fixture frames). */
    public static TokenRegistry registryWith(Token... extra) {
        List<Token> all = new ArrayList<>(shippedTokens());
        all.addAll(List.of(extra));
        return new TokenRegistry(all);
    }

    /** Keeps a copy of every published event (single-threaded: a decoder's publisher in a test). */
    public static final class Collector implements EventPublisher {
        /** The events published so far, each a copy, in order. */
        public final List<MarketEvent> events = new ArrayList<>();

        @Override
        public boolean publish(MarketEvent decoded) {
            MarketEvent copy = new MarketEvent();
            copy.copyFrom(decoded);
            events.add(copy);
            return true;
        }

        /** The one event published; fails if there were none or several. */
        public MarketEvent only() {
            if (events.size() != 1) {
                throw new AssertionError("expected one event, got " + events.size());
            }
            return events.get(0);
        }
    }
}
