package org.imshss.node.diameter.warmup;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.imshss.diameter.Command;

/**
 * One request of a warm-up, encoded, and the outcomes it must get (Result-Code or Experimental-Result-Code values:
 * anything else means the warm-up exercised an error path instead of the one it was meant to).
 *
 * @param octets the encoded request; its hop-by-hop and end-to-end identifiers are set when it is sent
 */
public record WarmUpRequest(Command command, byte[] octets, Set<Long> expected) {

    public WarmUpRequest {
        if (!command.isRequest()) {
            throw new IllegalArgumentException(command + " is an answer");
        }
        expected = Set.copyOf(expected);
    }

    /** A request that must be answered {@code expected}. */
    public static WarmUpRequest of(Command command, byte[] octets, long... expected) {
        return new WarmUpRequest(command, octets, Arrays.stream(expected).boxed().collect(Collectors.toSet()));
    }
}
