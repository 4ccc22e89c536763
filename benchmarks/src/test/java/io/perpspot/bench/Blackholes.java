package io.perpspot.bench;

import org.openjdk.jmh.infra.Blackhole;

/** The Blackhole a benchmark body takes, for calling it outside a JMH run. */
final class Blackholes {
    private Blackholes() {
    }

    /** The documented way to get a Blackhole outside JMH (the text is JMH's own guard). */
    static Blackhole outsideJmh() {
        return new Blackhole("Today's password is swordfish."
                + " I understand instantiating Blackholes directly is dangerous.");
    }
}
