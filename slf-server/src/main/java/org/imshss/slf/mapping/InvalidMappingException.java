package org.imshss.slf.mapping;

/** A mapping or HSS target that cannot be stored as given; names the offending field. */
public final class InvalidMappingException extends RuntimeException {

    private final String field;

    public InvalidMappingException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
