package io.perpspot.alerts.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.alerts.rule.Alert;

/** The body a sink's format sends: generic JSON, Slack ({@code text}) or Discord ({@code content}). */
final class Format {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Format() {
    }

    static String body(String format, Alert a) {
        ObjectNode n = JSON.createObjectNode();
        switch (format) {
            case "slack" -> n.put("text", a.text());
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
