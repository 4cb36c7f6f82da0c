package org.imshss.provisioning.rest;

import java.util.List;

/**
 * @param port 0 picks a free port (tests)
 * @param tokens the accepted bearer tokens; none means every request is refused (401)
 * @param maxRequestBytes the largest request body accepted outside bulk import (413 beyond)
 * @param maxImportLineBytes the longest line of an NDJSON import
 */
public record RestSettings(boolean enabled, String bindAddress, int port, List<ApiToken> tokens, int maxRequestBytes,
        int maxImportLineBytes) {

    public static final String BASE_PATH = "/api/v1";

    public RestSettings {
        tokens = List.copyOf(tokens);
    }

    public static RestSettings local(int port, List<ApiToken> tokens) {
        return new RestSettings(true, "127.0.0.1", port, tokens, 1 << 20, 1 << 20);
    }

    @Override
    public String toString() {
        return "RestSettings[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port + ", tokens="
                + tokens + "]";
    }
}
