package org.imshss.hss.warmup;

import static org.imshss.hss.warmup.WarmUpSubscribers.AS_NAME;
import static org.imshss.hss.warmup.WarmUpSubscribers.CLIENT_HOST;
import static org.imshss.hss.warmup.WarmUpSubscribers.REALM;
import static org.imshss.hss.warmup.WarmUpSubscribers.SCSCF;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageWriter;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.warmup.WarmUpRequest;

/**
 * The requests of a warm-up, in two parts. Coverage: {@link #COVERAGE_ROUNDS} rounds over every synthetic user of UAR,
 * MAR (SIP Digest and AKA), SAR REGISTRATION and RE_REGISTRATION, LIR, Sh PUR (repository data, its sequence number
 * one more each round), UDR of several Data-References, SNR subscribe and unsubscribe, SAR USER_DEREGISTRATION (so
 * the registration state cycles), then S6a AIR, ULR and PUR, and SWx MAR (EAP-AKA') and SAR; each step is one batch
 * for all users, so that a user's requests arrive in this order, and every path has run often enough for the first
 * compiler. Depth: half the users registered again, then the requests a network sends most (UAR, LIR, SAR
 * RE_REGISTRATION, UDR, AIR) in large batches until the requested total is reached, which is what brings their
 * paths to the optimising compiler: it compiles a method after thousands of calls, and a round of every step
 * costs the interpreter many times what a UAR does. None makes the node send a request of its own: the client is
 * every user's S-CSCF, MME and AAA server, and no Sh notification is started on the warm-up's stores.
 */
final class WarmUpTraffic {

    private static final LocalIdentity CLIENT = new LocalIdentity(CLIENT_HOST, REALM);
    private static final long SUCCESS = 2001;
    /** DIAMETER_FIRST_REGISTRATION, DIAMETER_SUBSEQUENT_REGISTRATION (TS 29.229 6.2.2). */
    private static final long[] UAR_SUCCESS = {2001, 2002};
    private static final String SERVICE_INDICATION = "warm-up";
    private static final byte[] VISITED_PLMN = {0x00, (byte) 0xf1, 0x10};
    private static final int RAT_TYPE_EUTRAN = 1004;
    /** S6a/S6d-Indicator and Initial-Attach-Indicator (TS 29.272 7.3.7). */
    private static final int ULR_FLAGS = 0x22;

    /** Rounds of every step: a few hundred calls of each path, past the first compiler's threshold. */
    static final int COVERAGE_ROUNDS = 4;

    private final String destinationRealm;
    private final int users;
    private final int depthBatches;
    private long session;

    /**
     * @param destinationRealm the realm the node serves
     * @param requests about how many requests to send in all: 0 sends none, fewer than the coverage rounds hold
     *                 sends those rounds, more adds depth batches (whole ones)
     */
    WarmUpTraffic(String destinationRealm, int users, int requests) {
        this.destinationRealm = destinationRealm;
        this.users = users;
        int depth = Math.max(0, requests - coverageRequests());
        int perBatch = users * depthSteps().size();
        this.depthBatches = requests == 0 ? -1 : (depth + perBatch - 1) / perBatch;
    }

    private int coverageRequests() {
        return COVERAGE_ROUNDS * users * coverageSteps().size();
    }

    /** Requests in all. */
    int requests() {
        if (depthBatches < 0) {
            return 0;
        }
        return coverageRequests()
                + (depthBatches == 0 ? 0 : (users + 1) / 2 + depthBatches * users * depthSteps().size());
    }

    /** The batches, made as they are sent (the repository data's sequence number is the round's). */
    Iterator<List<WarmUpRequest>> batches() {
        List<BiFunction<Integer, Integer, WarmUpRequest>> coverage = coverageSteps();
        List<BiFunction<Integer, Integer, WarmUpRequest>> depth = depthSteps();
        int coverageBatches = depthBatches < 0 ? 0 : COVERAGE_ROUNDS * coverage.size();
        int total = depthBatches <= 0 ? coverageBatches : coverageBatches + 1 + depthBatches;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public List<WarmUpRequest> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int index = next++;
                if (index < coverageBatches) {
                    return forEveryUser(List.of(coverage.get(index % coverage.size())), index / coverage.size());
                }
                if (index == coverageBatches) {
                    return registration();
                }
                return forEveryUser(depth, 0);
            }
        };
    }

    /**
     * Depth batches without end, for as long as the JIT is still compiling after {@link #batches()}; they start with
     * the registration of the even users when those batches held none.
     */
    Iterator<List<WarmUpRequest>> moreDepth() {
        List<BiFunction<Integer, Integer, WarmUpRequest>> depth = depthSteps();
        return new Iterator<>() {
            private boolean registered = depthBatches > 0;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<WarmUpRequest> next() {
                if (!registered) {
                    registered = true;
                    return registration();
                }
                return forEveryUser(depth, 0);
            }
        };
    }

    private List<WarmUpRequest> registration() {
        List<WarmUpRequest> batch = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            if (registered(user)) {
                batch.add(sar(user, "REGISTRATION"));
            }
        }
        return batch;
    }

    private List<WarmUpRequest> forEveryUser(List<BiFunction<Integer, Integer, WarmUpRequest>> steps, int round) {
        List<WarmUpRequest> batch = new ArrayList<>(users * steps.size());
        for (int user = 0; user < users; user++) {
            for (BiFunction<Integer, Integer, WarmUpRequest> step : steps) {
                batch.add(step.apply(user, round));
            }
        }
        return batch;
    }

    /**
     * What a network sends most, for users in both states (the paths differ: a UAR for a user without S-CSCF gets
     * the capabilities, one for a registered user the S-CSCF's name): even users are registered, odd ones not. None
     * changes what the next one expects.
     */
    private List<BiFunction<Integer, Integer, WarmUpRequest>> depthSteps() {
        return List.of(
                (user, round) -> uar(user),
                (user, round) -> registered(user) ? lir(user) : uar(user),
                (user, round) -> registered(user) ? sar(user, "RE_REGISTRATION") : udr(user, "IMSUserState"),
                (user, round) -> uar(user),
                (user, round) -> registered(user) ? lir(user) : uar(user),
                (user, round) -> udr(user, "RepositoryData"),
                (user, round) -> air(user));
    }

    private static boolean registered(int user) {
        return user % 2 == 0;
    }

    /** One request of a user in a round, per step, in the order they are sent. */
    private List<BiFunction<Integer, Integer, WarmUpRequest>> coverageSteps() {
        return List.of(
                (user, round) -> uar(user),
                (user, round) -> mar(user, "SIP Digest"),
                (user, round) -> mar(user, "Digest-AKAv1-MD5"),
                (user, round) -> sar(user, "REGISTRATION"),
                (user, round) -> uar(user),
                (user, round) -> sar(user, "RE_REGISTRATION"),
                (user, round) -> lir(user),
                (user, round) -> pur(user, round),
                (user, round) -> udr(user, "RepositoryData"),
                (user, round) -> udr(user, "IMSPublicIdentity"),
                (user, round) -> udr(user, "IMSUserState"),
                (user, round) -> udr(user, "S-CSCFName"),
                (user, round) -> udr(user, "InitialFilterCriteria"),
                (user, round) -> udr(user, "MSISDN"),
                (user, round) -> snr(user, "Subscribe"),
                (user, round) -> snr(user, "Unsubscribe"),
                (user, round) -> sar(user, "USER_DEREGISTRATION"),
                (user, round) -> air(user),
                (user, round) -> ulr(user),
                (user, round) -> purgeUe(user),
                (user, round) -> swxMar(user),
                (user, round) -> swxSar(user, "REGISTRATION"),
                (user, round) -> swxSar(user, "USER_DEREGISTRATION"));
    }

    private WarmUpRequest uar(int user) {
        return request(Command.UAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpSubscribers.impi(user))
                .utf8(Avp.PUBLIC_IDENTITY, WarmUpSubscribers.impu(user))
                .octets(Avp.VISITED_NETWORK_IDENTIFIER, REALM.getBytes(StandardCharsets.UTF_8)), UAR_SUCCESS);
    }

    private WarmUpRequest mar(int user, String scheme) {
        return request(Command.MAR, w -> {
            w.utf8(Avp.USER_NAME, WarmUpSubscribers.impi(user)).utf8(Avp.PUBLIC_IDENTITY, WarmUpSubscribers.impu(user));
            int item = w.begin(Avp.SIP_AUTH_DATA_ITEM);
            w.utf8(Avp.SIP_AUTHENTICATION_SCHEME, scheme).end(item);
            w.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS, 1).utf8(Avp.SERVER_NAME, SCSCF);
        }, SUCCESS);
    }

    private WarmUpRequest sar(int user, String type) {
        return request(Command.SAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpSubscribers.impi(user))
                .utf8(Avp.PUBLIC_IDENTITY, WarmUpSubscribers.impu(user))
                .utf8(Avp.SERVER_NAME, SCSCF)
                .enumerated(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue(type))
                .enumerated(Avp.USER_DATA_ALREADY_AVAILABLE, 0), SUCCESS);
    }

    private WarmUpRequest lir(int user) {
        return request(Command.LIR, w -> w.utf8(Avp.PUBLIC_IDENTITY, WarmUpSubscribers.impu(user)), SUCCESS);
    }

    private WarmUpRequest pur(int user, int round) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData><ServiceIndication>"
                + SERVICE_INDICATION + "</ServiceIndication><SequenceNumber>" + round + "</SequenceNumber>"
                + "<ServiceData><warm-up round=\"" + round + "\"/></ServiceData></RepositoryData></Sh-Data>";
        return request(Command.PUR, w -> {
            userIdentity(w, user);
            w.enumerated(Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"))
                    .octets(Avp.USER_DATA_SH, xml.getBytes(StandardCharsets.UTF_8));
        }, SUCCESS);
    }

    private WarmUpRequest udr(int user, String reference) {
        return request(Command.UDR, w -> {
            userIdentity(w, user);
            w.utf8(Avp.SERVER_NAME, AS_NAME);
            if ("RepositoryData".equals(reference)) {
                w.octets(Avp.SERVICE_INDICATION, SERVICE_INDICATION.getBytes(StandardCharsets.UTF_8));
            }
            w.enumerated(Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue(reference));
        }, SUCCESS);
    }

    private WarmUpRequest snr(int user, String type) {
        return request(Command.SNR, w -> {
            userIdentity(w, user);
            w.octets(Avp.SERVICE_INDICATION, SERVICE_INDICATION.getBytes(StandardCharsets.UTF_8))
                    .utf8(Avp.SERVER_NAME, AS_NAME)
                    .enumerated(Avp.SUBS_REQ_TYPE, Avp.SUBS_REQ_TYPE.enumValue(type))
                    .enumerated(Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
        }, SUCCESS);
    }

    private static void userIdentity(MessageWriter w, int user) {
        int identity = w.begin(Avp.USER_IDENTITY);
        w.utf8(Avp.PUBLIC_IDENTITY, WarmUpSubscribers.impu(user)).end(identity);
    }

    private WarmUpRequest air(int user) {
        return request(Command.AIR, w -> {
            w.utf8(Avp.USER_NAME, WarmUpSubscribers.imsi(user));
            int info = w.begin(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO);
            w.unsigned32(Avp.NUMBER_OF_REQUESTED_VECTORS, 1).unsigned32(Avp.IMMEDIATE_RESPONSE_PREFERRED, 1)
                    .end(info);
            w.octets(Avp.VISITED_PLMN_ID, VISITED_PLMN);
        }, SUCCESS);
    }

    private WarmUpRequest ulr(int user) {
        return request(Command.ULR, w -> w
                .utf8(Avp.USER_NAME, WarmUpSubscribers.imsi(user))
                .enumerated(Avp.RAT_TYPE, RAT_TYPE_EUTRAN)
                .unsigned32(Avp.ULR_FLAGS, ULR_FLAGS)
                .octets(Avp.VISITED_PLMN_ID, VISITED_PLMN), SUCCESS);
    }

    private WarmUpRequest purgeUe(int user) {
        return request(Command.S6A_PUR, w -> w.utf8(Avp.USER_NAME, WarmUpSubscribers.imsi(user)), SUCCESS);
    }

    private WarmUpRequest swxMar(int user) {
        return request(Command.SWX_MAR, w -> {
            w.utf8(Avp.USER_NAME, WarmUpSubscribers.imsi(user)).utf8(Avp.ANID, "WLAN");
            int item = w.begin(Avp.SIP_AUTH_DATA_ITEM);
            w.utf8(Avp.SIP_AUTHENTICATION_SCHEME, "EAP-AKA'").end(item);
            w.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS, 1);
        }, SUCCESS);
    }

    private WarmUpRequest swxSar(int user, String type) {
        return request(Command.SWX_SAR, w -> w
                .utf8(Avp.USER_NAME, WarmUpSubscribers.imsi(user))
                .enumerated(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue(type)), SUCCESS);
    }

    /** The request with the header AVPs every one of them carries, then {@code body}. */
    private WarmUpRequest request(Command command, Consumer<MessageWriter> body, long... expected) {
        return WarmUpRequest.of(command, CLIENT_HOST + ";warm-up;" + ++session, CLIENT, destinationRealm, body,
                expected);
    }
}
