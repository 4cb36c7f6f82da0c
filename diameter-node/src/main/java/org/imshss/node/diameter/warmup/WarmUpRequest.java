package org.imshss.node.diameter.warmup;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageWriter;
import org.imshss.node.diameter.LocalIdentity;

/**
 * One request of a warm-up, encoded, and the outcomes it must get (Result-Code or Experimental-Result-Code values:
 * anything else means the warm-up exercised an error path instead of the one it was meant to).
 *
 * @param octets the encoded request; its hop-by-hop and end-to-end identifiers are set when it is sent
 */
public record WarmUpRequest(Command command, byte[] octets, Set<Long> expected) {

    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

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

    /**
     * A request of the warm-up client {@code client}: the AVPs every Cx/Dx, Sh/Dh, S6a and SWx request starts with
     * (Session-Id, Vendor-Specific-Application-Id, Auth-Session-State NO_STATE_MAINTAINED, Origin-Host and -Realm,
     * Destination-Realm), then {@code body}.
     */
    public static WarmUpRequest of(Command command, String sessionId, LocalIdentity client, String destinationRealm,
            Consumer<MessageWriter> body, long... expected) {
        MessageWriter w = MessageWriter.request(command, 0)
                .utf8(Avp.SESSION_ID, sessionId)
                .vendorSpecificApplicationId(command.application())
                .enumerated(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED)
                .identity(Avp.ORIGIN_HOST, client.host())
                .identity(Avp.ORIGIN_REALM, client.realm())
                .identity(Avp.DESTINATION_REALM, destinationRealm);
        body.accept(w);
        return of(command, w.toBytes(), expected);
    }
}
