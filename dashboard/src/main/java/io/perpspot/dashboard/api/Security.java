package io.perpspot.dashboard.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.perpspot.dashboard.core.DashboardSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's HTTP hardening, applied before every route (issue 9, item 7):
 * <ul>
 *   <li>security headers on every answer: a Content-Security-Policy with scripts only from this
 *       origin (no {@code 'unsafe-inline'}: the pages have no inline script or handler),
 *       {@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY},
 *       {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer};
 *       no CORS headers at all (browsers keep other origins out);</li>
 *   <li>a bearer token for every {@code /api/*} call and the {@code /ws} upgrade when bound off
 *       loopback (or {@code dashboard.require-token}): {@code Authorization: Bearer T} or the
 *       {@code perpspot_token} cookie a browser gets by opening any page once with {@code ?token=T}
 *       (HttpOnly, SameSite=Strict); compared in constant time, never logged;</li>
 *   <li>WebSocket upgrades, POSTs and DELETEs from another origin are refused (403);</li>
 *   <li>request bodies above {@code dashboard.max-request-bytes} are refused (413).</li>
 * </ul>
 */
public final class Security {
    static final String COOKIE = "perpspot_token";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final byte[] token;
    private final boolean enforce;
    private final long maxRequestBytes;

    public Security(DashboardSettings s, boolean loopback) {
        this.enforce = !loopback || s.requireToken();
        this.token = s.token() == null ? null : s.token().getBytes(StandardCharsets.UTF_8);
        this.maxRequestBytes = s.maxRequestBytes();
    }

    /** Whether calls must carry the token. */
    public boolean enforced() {
        return enforce;
    }

    /**
     * Puts the checks of the class comment before the routes: headers, body limit, a page's
     * {@code ?token=} login, the token and origin on {@code /api/*} and on the {@code /ws} upgrade.
     */
    public void register(RoutesConfig r) {
        r.before(this::headers);
        r.before(this::sizeLimit);
        r.before(this::pageLogin);
        r.before("/api/*", this::apiAuth);
        r.wsBeforeUpgrade("/ws", this::wsAuth);
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private void sizeLimit(Context ctx) {
        long n = ctx.contentLength();
        if (n > maxRequestBytes) {
            throw new ApiError(413, "request body of " + n + " bytes is above dashboard.max-request-bytes ("
                    + maxRequestBytes + ")");
        }
    }

    /** {@code GET /page?token=T}: a valid token becomes the session cookie, then the page without it. */
    private void pageLogin(Context ctx) {
        String t = ctx.queryParam("token");
        if (t == null || ctx.path().startsWith("/api/") || token == null) {
            return;
        }
        if (!matches(t)) {
            throw new ApiError(401, "invalid token");
        }
        ctx.header("Set-Cookie", COOKIE + "=" + t + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.redirect(ctx.path() + query(ctx, "token"));
    }

    private void apiAuth(Context ctx) {
        if (!ctx.method().name().equals("GET")) {
            sameOrigin(ctx);
        }
        if (enforce && !authorized(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"perpspot\"");
            throw new ApiError(401, "a bearer token is required (Authorization: Bearer ..., or open the dashboard"
                    + " once with ?token=...)");
        }
    }

    private void wsAuth(Context ctx) {
        sameOrigin(ctx);
        if (enforce && !authorized(ctx)) {
            throw new ApiError(401, "a bearer token is required for /ws");
        }
    }

    /** A browser names its page's origin; one that is not this server's is refused. */
    private static void sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // not a browser (curl, the load tool): nothing a foreign page could abuse
        }
        String host = ctx.header("Host");
        String originHost;
        try {
            originHost = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (host == null || originHost == null || !originHost.equalsIgnoreCase(host)) {
            throw new ApiError(403, "cross-origin request refused (Origin " + Params.clip(origin) + ")");
        }
    }

    private boolean authorized(Context ctx) {
        if (token == null) {
            return false;
        }
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && matches(h.substring(7).trim())) {
            return true;
        }
        String c = ctx.cookie(COOKIE);
        return c != null && matches(c);
    }

    private boolean matches(String candidate) {
        return token != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(Context ctx, String drop) {
        Map<String, List<String>> q = new LinkedHashMap<>(ctx.queryParamMap());
        q.remove(drop);
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, List<String>>> it = q.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<String>> e = it.next();
            for (String v : e.getValue()) {
                sb.append(sb.length() == 0 ? '?' : '&').append(enc(e.getKey())).append('=').append(enc(v));
            }
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
