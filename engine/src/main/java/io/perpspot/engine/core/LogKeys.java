package io.perpspot.engine.core;

/**
 * The context keys perpspot's log lines carry as SLF4J key-value pairs
 * ({@code LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(s))...}): the text format leaves
 * them out (the message says the same), the JSON format (logging.format: json) writes each as a
 * field of the line, so a log shipper can filter by source or token without parsing messages.
 */
public final class LogKeys {
    /** The feed source a line is about ({@link Source#name}, e.g. {@code hl-ws-mainnet}). */
    public static final String SOURCE = "source";
    /** The token a line is about: its symbol (e.g. {@code SOL}). */
    public static final String TOKEN = "token";

    private LogKeys() {
    }
}
