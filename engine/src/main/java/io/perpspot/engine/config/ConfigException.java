package io.perpspot.engine.config;

/** A configuration problem. The message is one line naming the key; the CLI exits with code 2. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
