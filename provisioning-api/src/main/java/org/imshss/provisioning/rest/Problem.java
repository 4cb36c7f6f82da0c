package org.imshss.provisioning.rest;

import java.util.List;
import org.imshss.provisioning.service.ProvisioningException;

/**
 * The body of every error answer, in the spirit of RFC 9457: the status, a short title, and for a 400 or
 * 409 each offending field with the reason.
 */
public record Problem(int status, String title, List<ProvisioningException.FieldError> errors) {

    public Problem {
        errors = List.copyOf(errors);
    }
}
