package org.imshss.node.config;

/** A setting that cannot be used; the message names the key so the operator can fix it. */
public final class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
