package io.perpspot.engine.fuzz;

import io.perpspot.engine.config.ConfigException;

final class ConfigFilesFuzz {
    private ConfigFilesFuzz() {
    }

    /** A refusal must say what is wrong, on one line (the CLI prints it and exits 2). */
    static void requireMessage(ConfigException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            throw new AssertionError("ConfigException without a message", e);
        }
    }
}
