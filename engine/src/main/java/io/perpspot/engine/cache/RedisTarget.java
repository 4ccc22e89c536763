package io.perpspot.engine.cache;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.perpspot.engine.config.ConfigKey;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A parsed {@code redis://} or {@code rediss://} (TLS) URI:
 * {@code scheme://[user:]password@host[:port][/db][?verifyPeer=false]}.
 * The password never leaves this class as text: {@link #toString()} and {@link #redacted()} show
 * {@code ***} in its place, and {@link #scrub(String)} removes it from any message (Lettuce's
 * exceptions included) before it is logged or journaled.
 */
public final class RedisTarget {
    public static final int DEFAULT_PORT = 6379;

    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final char[] password;
    private final boolean verifyPeer;

    private RedisTarget(boolean tls, String host, int port, int database, String user, char[] password,
            boolean verifyPeer) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.verifyPeer = verifyPeer;
    }

    /**
     * Parses a URI. A password in the URI wins; otherwise {@code fallbackPassword} (e.g. the
     * {@code REDIS_PASSWORD} environment variable) is used when not blank.
     *
     * @throws IllegalArgumentException with a redacted one-line reason
     */
    public static RedisTarget parse(String text, String fallbackPassword) {
        String shown = redactText(text);
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a URI: " + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("expected a redis:// or rediss:// URI, got " + shown);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + shown);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("database must be a number in " + shown);
            }
            if (db < 0) {
                throw new IllegalArgumentException("database must be >= 0 in " + shown);
            }
        }
        String user = null;
        char[] pw = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                pw = decode(info).toCharArray();
            } else {
                String u = decode(info.substring(0, colon));
                user = u.isEmpty() ? null : u;
                pw = decode(info.substring(colon + 1)).toCharArray();
            }
            if (pw.length == 0) {
                pw = null;
            }
        }
        if (pw == null && fallbackPassword != null && !fallbackPassword.isBlank()) {
            pw = fallbackPassword.toCharArray();
        }
        boolean verify = true;
        String query = uri.getQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : kv.substring(eq + 1).toLowerCase(Locale.ROOT);
                if (k.equalsIgnoreCase("verifyPeer")) {
                    verify = !(v.equals("false") || v.equals("none"));
                } else {
                    throw new IllegalArgumentException("unknown URI parameter '" + k + "' in " + shown);
                }
            }
        }
        return new RedisTarget(scheme.equals("rediss"), uri.getHost(), port, db, user, pw, verify);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Text of a URI with its user information (user and password) replaced by {@code ***}. */
    static String redactText(String uri) {
        return ConfigKey.redactUserInfo(uri == null ? "" : uri.trim());
    }

    /** True for {@code rediss://}: the connection uses TLS. */
    public boolean tls() {
        return tls;
    }

    /** The host as written in the URI. */
    public String host() {
        return host;
    }

    /** The port, {@link #DEFAULT_PORT} when the URI names none. */
    public int port() {
        return port;
    }

    /**
     * True if a password was given, in the URI or as the fallback (the password itself is never handed out as text).
     */
    public boolean hasPassword() {
        return password != null;
    }

    /** {@code redis://***@127.0.0.1:6379/0}: safe to log. */
    public String redacted() {
        return (tls ? "rediss://" : "redis://") + (password != null || user != null ? "***@" : "") + host + ":" + port
                + (database != 0 ? "/" + database : "") + (tls && !verifyPeer ? "?verifyPeer=false" : "");
    }

    @Override
    public String toString() {
        return redacted();
    }

    /** The message with every occurrence of the password (and the user, if any) replaced by {@code ***}. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        if (password != null && password.length > 0) {
            m = m.replace(new String(password), "***");
        }
        if (user != null && !user.isEmpty()) {
            m = m.replace(user + ":", "***:");
        }
        return m;
    }

    /** The Lettuce URI, with the given timeout for commands issued during the handshake. */
    RedisURI toLettuce(Duration timeout) {
        RedisURI.Builder b = RedisURI.Builder.redis(host, port).withDatabase(database).withTimeout(timeout)
                .withClientName("perpspot");
        if (tls) {
            b.withSsl(true).withVerifyPeer(verifyPeer ? SslVerifyMode.FULL : SslVerifyMode.NONE);
        }
        if (password != null) {
            if (user != null) {
                b.withAuthentication(user, password);
            } else {
                b.withPassword(password);
            }
        }
        return b.build();
    }
}
