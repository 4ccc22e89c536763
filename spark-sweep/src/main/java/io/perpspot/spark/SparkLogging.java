package io.perpspot.spark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark logs through SLF4J to the engine's Logback here (its log4j2 binding is excluded in the parent pom); its INFO
 * lines (every stage, every task) are turned down to warnings before the SparkContext starts.
 */
final class SparkLogging {
    private static final String[] NOISY = {"org.apache.spark", "org.sparkproject", "org.apache.hadoop",
        "org.apache.kerby", "io.netty"};

    private SparkLogging() {
    }

    /**
     * @param local embedded: also silences Spark's note that the host name resolves to a loopback address (the driver
     *              binds to 127.0.0.1 on purpose there)
     */
    static void quiet(boolean local) {
        for (String name : NOISY) {
            if (LoggerFactory.getLogger(name) instanceof Logger l && l.getLevel() == null) {
                l.setLevel(name.equals("org.apache.hadoop") ? Level.ERROR : Level.WARN);
            }
        }
        if (local && LoggerFactory.getLogger("org.apache.spark.util.Utils") instanceof Logger l) {
            l.setLevel(Level.ERROR);
        }
    }
}
