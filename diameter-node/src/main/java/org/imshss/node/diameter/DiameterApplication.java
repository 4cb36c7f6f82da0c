package org.imshss.node.diameter;

import java.util.EnumMap;
import java.util.Map;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;

/**
 * An application a node serves: its Application-Id, advertised in the CEA, and a handler for each request of it the
 * node receives. A request of the application without a handler here is answered 3001 by the transport.
 */
public record DiameterApplication(Application application, Map<Command, RequestHandler> handlers) {

    public DiameterApplication {
        handlers = Map.copyOf(handlers);
        for (Command command : handlers.keySet()) {
            if (!command.isRequest() || command.application() != application) {
                throw new IllegalArgumentException(command + " is not a request of " + application);
            }
        }
    }

    /** The handlers by command, for the node's dispatcher. */
    Map<Command, RequestHandler> byCommand() {
        return new EnumMap<>(handlers);
    }
}
