package io.perpspot.engine.app;

/** Placeholder while the engine lifecycle is being written (replaced in the next commit). */
public final class Engine {
    private Engine() {
    }

    public static int runToCompletion(EngineOptions options) {
        throw new UnsupportedOperationException("engine lifecycle not written yet");
    }
}
