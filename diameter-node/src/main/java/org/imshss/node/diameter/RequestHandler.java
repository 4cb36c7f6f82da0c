package org.imshss.node.diameter;

import org.imshss.diameter.DiameterMessage;

/**
 * Serves one command of an application. The request has passed every check of the node and of its command's ABNF;
 * the handler decodes it into its request record, runs the procedure and returns the answer. A value a procedure
 * cannot take is thrown as {@link org.imshss.diameter.AvpDecodeException} and answered with its violation.
 */
@FunctionalInterface
public interface RequestHandler {

    Answer handle(DiameterMessage request);
}
