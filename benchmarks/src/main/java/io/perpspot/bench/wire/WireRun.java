package io.perpspot.bench.wire;

/**
 * One offered rate of a wire run: the engine's stages from {@link StageProbe}, what the generator said
 * ({@code DONE} line: sent, sessions, its own send lag), and the baseline over the wire at the same rate
 * with the generator's line of that run.
 *
 * @param journaled frames of the run that reached the engine's journal
 * @param generator the generator's {@code DONE} line of the engine's run
 * @param baselineGenerator the generator's {@code DONE} line of the baseline's run
 */
record WireRun(long rate, long sent, long journaled, StageProbe stages, String generator,
        WireBaseline.Result baseline, String baselineGenerator) {
    /** Frames sent that never reached the journal. */
    long dropped() {
        return sent - journaled;
    }
}
