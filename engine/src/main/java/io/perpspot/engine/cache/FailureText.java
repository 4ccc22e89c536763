package io.perpspot.engine.cache;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line saying why a Redis command or probe failed: redacted, at most 300 characters. */
final class FailureText {
    private static final int MAX = 300;

    private FailureText() {
    }

    /** The failure's class and message (and its root cause's), with {@code target}'s credentials scrubbed. */
    static String of(Throwable ex, RedisTarget target) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ClosedChannelException || t.getClass().getSimpleName().contains("ClosedChannel")) {
            return "connection closed by redis";
        }
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t) {
            sb.append(" (").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        }
        String s = target == null ? sb.toString() : target.scrub(sb.toString());
        return s.length() > MAX ? s.substring(0, MAX) : s;
    }
}
