package org.imshss.http;

import java.time.Duration;
import java.util.List;

/**
 * @param port 0 picks a free port (tests)
 * @param tokens the accepted bearer tokens; none means every request is refused (401)
 * @param maxRequestBytes the largest request body accepted outside bulk import (413 beyond)
 * @param maxImportLineBytes the longest line of an NDJSON import
 * @param requestsPerSecond requests each token may make per second on average (bursts up to one second's
 *                          worth); 0 for no limit
 * @param tls HTTPS settings, or null for plain HTTP
 * @param auditRetention how long audit entries are kept; zero keeps them all
 */
public record RestSettings(boolean enabled, String bindAddress, int port, List<ApiToken> tokens, int maxRequestBytes,
        int maxImportLineBytes, int requestsPerSecond, RestTls tls, Duration auditRetention) {

    public static final String BASE_PATH = "/api/v1";

    public RestSettings {
        tokens = List.copyOf(tokens);
        if (auditRetention == null || auditRetention.isNegative()) {
            throw new IllegalArgumentException("audit retention must be zero or positive, not " + auditRetention);
        }
    }

    /** Plain HTTP, every audit entry kept. */
    public RestSettings(boolean enabled, String bindAddress, int port, List<ApiToken> tokens, int maxRequestBytes,
            int maxImportLineBytes, int requestsPerSecond) {
        this(enabled, bindAddress, port, tokens, maxRequestBytes, maxImportLineBytes, requestsPerSecond, null,
                Duration.ZERO);
    }

    public static RestSettings local(int port, List<ApiToken> tokens) {
        return new RestSettings(true, "127.0.0.1", port, tokens, 1 << 20, 1 << 20, 0);
    }

    public RestSettings withTokens(List<ApiToken> other) {
        return new RestSettings(enabled, bindAddress, port, other, maxRequestBytes, maxImportLineBytes,
                requestsPerSecond, tls, auditRetention);
    }

    public RestSettings withRequestsPerSecond(int limit) {
        return new RestSettings(enabled, bindAddress, port, tokens, maxRequestBytes, maxImportLineBytes, limit, tls,
                auditRetention);
    }

    /** Served over HTTPS with these settings (null: plain HTTP). */
    public RestSettings withTls(RestTls other) {
        return new RestSettings(enabled, bindAddress, port, tokens, maxRequestBytes, maxImportLineBytes,
                requestsPerSecond, other, auditRetention);
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    @Override
    public String toString() {
        return "RestSettings[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port + ", tokens="
                + tokens + ", tls=" + tls + ", auditRetention=" + auditRetention + "]";
    }
}
