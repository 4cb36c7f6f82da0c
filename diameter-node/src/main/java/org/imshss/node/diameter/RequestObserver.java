package org.imshss.node.diameter;

import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;

/** Told of every answer the node's dispatcher sends (metrics). Called on the request's path: keep it cheap. */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (command, result, nanos) -> { };

    /**
     * @param result the answer's result, or null for an answer relayed from another node
     * @param nanos from the dispatch to the answer's octets
     */
    void answered(Command command, ResultCode result, long nanos);
}
