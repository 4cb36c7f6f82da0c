package org.imshss.slf.rest;

import java.util.function.Supplier;
import org.imshss.http.ProvisioningException;
import org.imshss.slf.mapping.InvalidMappingException;
import org.imshss.slf.mapping.MappingConflictException;

/** The mapping layer's exceptions as the API's problems: 400 naming the field, 409. */
final class Errors {

    private Errors() {
    }

    static <T> T within(String path, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidMappingException e) {
            String field = path.isEmpty() ? e.field() : path + "." + e.field();
            throw ProvisioningException.invalid(field, e.getMessage().substring(e.field().length() + 2));
        } catch (MappingConflictException e) {
            throw ProvisioningException.conflict("$", e.getMessage());
        }
    }

    static void within(String path, Runnable action) {
        within(path, () -> {
            action.run();
            return null;
        });
    }
}
