package org.imshss.provisioning.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.List;

/**
 * Bearer tokens (RFC 6750 2.1) from the configuration. Every request needs one, the OpenAPI document too;
 * which role an operation needs is declared on it with {@code @RolesAllowed}.
 */
@Priority(Priorities.AUTHENTICATION)
final class TokenAuthentication implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"imshss\"";
    private static final String SCHEME = "Bearer ";

    private final List<ApiToken> tokens;

    TokenAuthentication(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new NotAuthorizedException("a bearer token is required", CHALLENGE);
        }
        ApiToken token = find(header.substring(SCHEME.length()).trim());
        if (token == null) {
            throw new NotAuthorizedException("unknown token", CHALLENGE);
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
