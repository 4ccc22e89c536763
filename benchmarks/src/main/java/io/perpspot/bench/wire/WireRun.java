package io.perpspot.bench.wire;

import io.perpspot.bench.harness.RunResult;

/**
 * One offered rate of a wire run: the engine's stages from {@link StageProbe}, what the generator said
 * ({@code DONE} line: sent, sessions, its own send lag), and the baseline at the same rate.
 *
 * @param journaled frames of the run that reached the engine's journal
 * @param generator the generator's {@code DONE} line
 */
record WireRun(long rate, long sent, long journaled, StageProbe stages, String generator, RunResult baseline) {
    /** Frames sent that never reached the journal. */
    long dropped() {
        return sent - journaled;
    }
}
