package org.imshss.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens (RFC 6750 2.1) from the configuration. Every request needs one but {@code GET openapi.json}: the
 * document describes the API and holds no data, so a client generator or Swagger UI reads it without a token.
 * Which role an operation needs is declared on it with {@code @RolesAllowed}.
 */
@Priority(Priorities.AUTHENTICATION)
final class TokenAuthentication implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"imshss\"";
    private static final String SCHEME = "Bearer ";

    private final List<ApiToken> tokens;
    private final int requestsPerSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    TokenAuthentication(List<ApiToken> tokens, int requestsPerSecond) {
        this.tokens = List.copyOf(tokens);
        this.requestsPerSecond = requestsPerSecond;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.GET.equals(request.getMethod())
                && OpenApiDocument.PATH.equals(request.getUriInfo().getPath(false))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new NotAuthorizedException("a bearer token is required", CHALLENGE);
        }
        ApiToken token = find(header.substring(SCHEME.length()).trim());
        if (token == null) {
            throw new NotAuthorizedException("unknown token", CHALLENGE);
        }
        if (requestsPerSecond > 0
                && !buckets.computeIfAbsent(token.name(), name -> new TokenBucket(requestsPerSecond)).take()) {
            // RFC 6585 4: too many requests; one second restores a full bucket.
            throw new WebApplicationException(Response.status(429).header(HttpHeaders.RETRY_AFTER, "1").build());
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new TokenContext(token, secure));
    }

    /** Compares every configured token in constant time, so timing tells nothing about a near miss. */
    private ApiToken find(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(given, token.secret().getBytes(StandardCharsets.UTF_8))) {
                found = token;
            }
        }
        return found;
    }

    /** Refilled continuously at the configured rate, holding at most one second's worth. */
    private static final class TokenBucket {
        private final double rate;
        private double available;
        private long last = System.nanoTime();

        TokenBucket(int perSecond) {
            this.rate = perSecond;
            this.available = perSecond;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            available = Math.min(rate, available + (now - last) * rate / 1e9);
            last = now;
            if (available < 1) {
                return false;
            }
            available -= 1;
            return true;
        }
    }

    private record TokenContext(ApiToken token, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return token::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            try {
                return token.role().includes(Role.parse(role));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
