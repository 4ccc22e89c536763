package io.perpspot.engine.testing;

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

/** Loads the recorded fixtures under {@code src/test/resources/fixtures} (provenance in SOURCES.md). */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    /** The shipped static pair table (config/tokens.csv). */
    public static List<Token> shippedTokens() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/perpspot-defaults/tokens.csv")) {
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

    /** Keeps a copy of every published event. */
    public static final class Collector implements EventPublisher {
        public final List<MarketEvent> events = new ArrayList<>();

        @Override
        public boolean publish(MarketEvent decoded) {
            MarketEvent copy = new MarketEvent();
            copy.copyFrom(decoded);
            events.add(copy);
            return true;
        }

        public MarketEvent only() {
            if (events.size() != 1) {
                throw new AssertionError("expected one event, got " + events.size());
            }
            return events.get(0);
        }
    }
}
