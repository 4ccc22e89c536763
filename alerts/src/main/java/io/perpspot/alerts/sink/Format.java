package io.perpspot.alerts.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.SinkSpec;
import java.net.URI;

/**
 * The body a sink's format sends: generic JSON, Slack ({@code text}), Discord ({@code content}) or Telegram's
 * {@code sendMessage} ({@code chat_id}, {@code text}).
 */
final class Format {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Format() {
    }

    /** Where the request goes: the webhook, or for Telegram {@code URL/bot<token>/sendMessage} (token from env). */
    static URI target(SinkSpec spec) {
        if (!spec.format().equals("telegram")) {
            return URI.create(spec.url());
        }
        String base = spec.url().endsWith("/") ? spec.url().substring(0, spec.url().length() - 1) : spec.url();
        return URI.create(base + "/bot" + System.getenv(spec.tokenEnv()) + "/sendMessage");
    }

    static String body(SinkSpec spec, Alert a) {
        ObjectNode n = JSON.createObjectNode();
        switch (spec.format()) {
            case "slack" -> n.put("text", a.text());
            case "telegram" -> {
                n.put("chat_id", spec.chatId());
                n.put("text", a.text());
            }
            case "discord" -> n.put("content", a.text());
            default -> {
                n.put("rule", a.rule());
                n.put("kind", a.kind());
                n.put("what", a.what());
                n.put("token", a.token());
                n.put("source", a.source());
                n.set("numbers", JSON.valueToTree(a.numbers()));
                n.put("time", a.time().toString());
                n.put("link", a.link());
                n.put("text", a.text());
            }
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert JSON: " + e.getMessage(), e);
        }
    }
}
