package org.imshss.slf.warmup;

import static org.imshss.slf.warmup.WarmUpMappings.CLIENT_HOST;
import static org.imshss.slf.warmup.WarmUpMappings.REALM;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.warmup.WarmUpRequest;
import org.imshss.slf.mapping.MappingKind;

/**
 * The requests of an SLF's warm-up: rounds of every Dx request (UAR, SAR with and without a Public-Identity, LIR,
 * MAR) and every Dh request (UDR, PUR, SNR; by MSISDN for the users that have one, TS 29.329 6.3.1) for every
 * synthetic user of every kind of mapping, until the requested total is reached. Each round is one batch. Each is
 * answered by a redirect to its family's HSS: DIAMETER_REDIRECT_INDICATION (RFC 6733 6.1.7, 7.1.3).
 */
final class WarmUpTraffic {

    static final long REDIRECT = ResultCode.DIAMETER_REDIRECT_INDICATION.code();
    private static final LocalIdentity CLIENT = new LocalIdentity(CLIENT_HOST, REALM);
    private static final String SCSCF = "sip:scscf." + REALM + ":6060";
    private static final String AS_NAME = "sip:as." + REALM + ":5070";
    private static final byte[] SERVICE_INDICATION = "warm-up".getBytes(StandardCharsets.UTF_8);
    private static final int REPOSITORY_DATA = Avp.DATA_REFERENCE.enumValue("RepositoryData");

    private final String destinationRealm;
    private final WarmUpMappings mappings;
    private final int rounds;
    private long session;

    /**
     * @param destinationRealm the realm the SLF serves
     * @param requests about how many requests to send in all: 0 sends none, more sends whole rounds
     */
    WarmUpTraffic(String destinationRealm, WarmUpMappings mappings, int requests) {
        this.destinationRealm = destinationRealm;
        this.mappings = mappings;
        int perRound = perRound();
        this.rounds = (requests + perRound - 1) / perRound;
    }

    private int perRound() {
        return steps().size() * MappingKind.values().length * mappings.users();
    }

    /** Requests in all. */
    int requests() {
        return rounds * perRound();
    }

    /** The rounds, each made as it is sent. */
    Iterator<List<WarmUpRequest>> batches() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rounds;
            }

            @Override
            public List<WarmUpRequest> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                next++;
                return round();
            }
        };
    }

    /** Rounds without end, for as long as the JIT is still compiling after {@link #batches()}. */
    Iterator<List<WarmUpRequest>> moreRounds() {
        return Stream.generate(this::round).iterator();
    }

    private List<WarmUpRequest> round() {
        List<WarmUpRequest> batch = new ArrayList<>(perRound());
        for (BiFunction<MappingKind, Integer, WarmUpRequest> step : steps()) {
            for (MappingKind kind : MappingKind.values()) {
                for (int user = 0; user < mappings.users(); user++) {
                    batch.add(step.apply(kind, user));
                }
            }
        }
        return batch;
    }

    /** One request of a user, per step. */
    private List<BiFunction<MappingKind, Integer, WarmUpRequest>> steps() {
        return List.of(this::uar, this::sar, this::sarByUserName, this::lir, this::mar, this::udr, this::pur,
                this::snr);
    }

    private WarmUpRequest uar(MappingKind kind, int user) {
        return request(Command.UAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpMappings.privateIdentity(kind, user))
                .utf8(Avp.PUBLIC_IDENTITY, WarmUpMappings.publicIdentity(kind, user))
                .octets(Avp.VISITED_NETWORK_IDENTIFIER, REALM.getBytes(StandardCharsets.UTF_8)));
    }

    private WarmUpRequest sar(MappingKind kind, int user) {
        return request(Command.SAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpMappings.privateIdentity(kind, user))
                .utf8(Avp.PUBLIC_IDENTITY, WarmUpMappings.publicIdentity(kind, user))
                .utf8(Avp.SERVER_NAME, SCSCF)
                .enumerated(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"))
                .enumerated(Avp.USER_DATA_ALREADY_AVAILABLE, 0));
    }

    /** A SAR may carry the User-Name alone (TS 29.229 6.1.3): the SLF locates it by that. */
    private WarmUpRequest sarByUserName(MappingKind kind, int user) {
        return request(Command.SAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpMappings.privateIdentity(kind, user))
                .utf8(Avp.SERVER_NAME, SCSCF)
                .enumerated(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("TIMEOUT_DEREGISTRATION"))
                .enumerated(Avp.USER_DATA_ALREADY_AVAILABLE, 0));
    }

    private WarmUpRequest lir(MappingKind kind, int user) {
        return request(Command.LIR, w -> w.utf8(Avp.PUBLIC_IDENTITY, WarmUpMappings.publicIdentity(kind, user)));
    }

    private WarmUpRequest mar(MappingKind kind, int user) {
        return request(Command.MAR, w -> {
            w.utf8(Avp.USER_NAME, WarmUpMappings.privateIdentity(kind, user))
                    .utf8(Avp.PUBLIC_IDENTITY, WarmUpMappings.publicIdentity(kind, user));
            int item = w.begin(Avp.SIP_AUTH_DATA_ITEM);
            w.utf8(Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5").end(item);
            w.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS, 1).utf8(Avp.SERVER_NAME, SCSCF);
        });
    }

    private WarmUpRequest udr(MappingKind kind, int user) {
        return request(Command.UDR, w -> {
            userIdentity(w, kind, user);
            w.utf8(Avp.SERVER_NAME, AS_NAME).octets(Avp.SERVICE_INDICATION, SERVICE_INDICATION)
                    .enumerated(Avp.DATA_REFERENCE, REPOSITORY_DATA);
        });
    }

    private WarmUpRequest pur(MappingKind kind, int user) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData><ServiceIndication>"
                + "warm-up</ServiceIndication><SequenceNumber>1</SequenceNumber><ServiceData><warm-up/>"
                + "</ServiceData></RepositoryData></Sh-Data>";
        return request(Command.PUR, w -> {
            userIdentity(w, kind, user);
            w.enumerated(Avp.DATA_REFERENCE, REPOSITORY_DATA)
                    .octets(Avp.USER_DATA_SH, xml.getBytes(StandardCharsets.UTF_8));
        });
    }

    private WarmUpRequest snr(MappingKind kind, int user) {
        return request(Command.SNR, w -> {
            userIdentity(w, kind, user);
            w.octets(Avp.SERVICE_INDICATION, SERVICE_INDICATION)
                    .utf8(Avp.SERVER_NAME, AS_NAME)
                    .enumerated(Avp.SUBS_REQ_TYPE, Avp.SUBS_REQ_TYPE.enumValue("Subscribe"))
                    .enumerated(Avp.DATA_REFERENCE, REPOSITORY_DATA);
        });
    }

    /** The user's MSISDN when it has one, its public identity otherwise (TS 29.329 6.3.1). */
    private static void userIdentity(MessageWriter w, MappingKind kind, int user) {
        int identity = w.begin(Avp.USER_IDENTITY);
        String msisdn = WarmUpMappings.msisdn(kind, user);
        if (msisdn != null) {
            w.octets(Avp.MSISDN, UserIdentity.encodeTbcd(msisdn));
        } else {
            w.utf8(Avp.PUBLIC_IDENTITY, WarmUpMappings.publicIdentity(kind, user));
        }
        w.end(identity);
    }

    private WarmUpRequest request(Command command, Consumer<MessageWriter> body) {
        return WarmUpRequest.of(command, CLIENT_HOST + ";warm-up;" + ++session, CLIENT, destinationRealm, body,
                REDIRECT);
    }
}
