package org.imshss.http;

/**
 * A bearer token of the API (RFC 6750) and who holds it. The secret never appears in toString, logs or
 * the audit trail: the name does.
 */
public record ApiToken(String name, Role role, String secret) {

    public static final int MIN_SECRET_LENGTH = 16;

    public ApiToken {
        if (name == null || name.isBlank() || role == null) {
            throw new IllegalArgumentException("a token needs a name and a role");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the secret of token " + name + " must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", role=" + role + "]";
    }
}
