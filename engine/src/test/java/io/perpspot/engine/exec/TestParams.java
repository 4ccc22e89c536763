package io.perpspot.engine.exec;

import io.perpspot.engine.config.ConfigLoader;
import java.util.List;

final class TestParams {
    private TestParams() {
    }

    /** The shipped configuration's parameters. */
    static ExecutionParams defaults() {
        return ExecutionParams.from(ConfigLoader.defaults());
    }

    static ExecutionParams with(String... sets) {
        return ExecutionParams.from(ConfigLoader.load(null, List.of(sets)));
    }
}
