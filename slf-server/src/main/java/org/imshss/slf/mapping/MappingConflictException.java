package org.imshss.slf.mapping;

/** A change that contradicts stored mappings: an overlapping range, a target still in use. */
public final class MappingConflictException extends RuntimeException {

    public MappingConflictException(String message) {
        super(message);
    }
}
