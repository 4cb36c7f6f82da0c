package org.imshss.slf.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.UserIdentity;
import org.imshss.node.diameter.warmup.WarmUpRequest;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.MappingKind;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's requests: as many as configured (whole rounds), each valid against its command's ABNF and expecting
 * the SLF's redirect, and every Dx and Dh request sent for every user of every kind of mapping.
 */
class WarmUpTrafficTest {

    private static final String REALM = "ims.example.org";
    private static final WarmUpMappings MAPPINGS = new WarmUpMappings(SlfWarmUp.USERS);
    private static final int KINDS = MappingKind.values().length;

    @Test
    void theDefaultSendsWholeRoundsOfAtLeastTheConfiguredRequests() {
        int requested = SlfSettings.WARM_UP_DEFAULTS.requests();
        WarmUpTraffic traffic = new WarmUpTraffic(REALM, MAPPINGS, requested);
        List<List<WarmUpRequest>> batches = all(traffic.batches());
        // A round: 8 requests (UAR, two SARs, LIR, MAR, UDR, PUR, SNR) of every user of every kind.
        int round = 8 * KINDS * SlfWarmUp.USERS;
        assertThat(batches).isNotEmpty().allSatisfy(batch -> assertThat(batch).hasSize(round));
        assertThat(batches.size() * round).isEqualTo(traffic.requests())
                .isGreaterThanOrEqualTo(requested).isLessThan(requested + round);
    }

    @Test
    void moreRoundsNeverEndAndAreWholeRounds() {
        Iterator<List<WarmUpRequest>> more = new WarmUpTraffic(REALM, MAPPINGS, 1).moreRounds();
        for (int i = 0; i < 100; i++) {
            assertThat(more.hasNext()).isTrue();
            assertThat(more.next()).hasSize(8 * KINDS * SlfWarmUp.USERS);
        }
    }

    @Test
    void noRequestsSendsNothingAndOneSendsARound() {
        assertThat(new WarmUpTraffic(REALM, MAPPINGS, 0).batches().hasNext()).isFalse();
        assertThat(new WarmUpTraffic(REALM, MAPPINGS, 0).requests()).isZero();
        assertThat(all(new WarmUpTraffic(REALM, MAPPINGS, 1).batches())).hasSize(1);
    }

    @Test
    void everyRequestIsValidAndExpectsTheRedirect() {
        for (WarmUpRequest request : all(new WarmUpTraffic(REALM, MAPPINGS, 1).batches()).get(0)) {
            MessageDecoder.Decoded decoded = MessageDecoder.decode(request.octets());
            assertThat(decoded.layoutError()).as(request.command().name()).isNull();
            assertThat(decoded.violation()).as(request.command().name()).isNull();
            assertThat(decoded.message().avps().utf8(Avp.DESTINATION_REALM)).isEqualTo(REALM);
            assertThat(request.expected()).containsExactly(3006L);
        }
    }

    /** The identity the SLF locates each request by, per command: every user of every kind, for every command. */
    @Test
    void everyCommandIsSentForEveryUserOfEveryKindOfMapping() {
        Map<Command, Set<String>> located = new HashMap<>();
        Set<String> locatedBySarUserName = new HashSet<>();
        for (WarmUpRequest request : all(new WarmUpTraffic(REALM, MAPPINGS, 1).batches()).get(0)) {
            DiameterMessage message = MessageDecoder.decode(request.octets()).message();
            String publicIdentity = message.avps().utf8(Avp.PUBLIC_IDENTITY);
            if (request.command().application() == Command.UDR.application()) {
                UserIdentity identity = UserIdentity.from(message.avps());
                publicIdentity = identity.publicIdentity() != null ? identity.publicIdentity()
                        : "tel:+" + identity.msisdn();
            } else if (publicIdentity == null) {
                locatedBySarUserName.add(message.avps().utf8(Avp.USER_NAME));
                continue;
            }
            located.computeIfAbsent(request.command(), c -> new HashSet<>()).add(publicIdentity);
        }
        Set<String> everyUser = new HashSet<>();
        Set<String> everyPrivateIdentity = new HashSet<>();
        for (MappingKind kind : MappingKind.values()) {
            for (int user = 0; user < SlfWarmUp.USERS; user++) {
                everyUser.add(WarmUpMappings.publicIdentity(kind, user));
                everyPrivateIdentity.add(WarmUpMappings.privateIdentity(kind, user));
            }
        }
        assertThat(everyUser).hasSize(KINDS * SlfWarmUp.USERS);
        assertThat(located).containsOnlyKeys(Command.UAR, Command.SAR, Command.LIR, Command.MAR, Command.UDR,
                Command.PUR, Command.SNR).allSatisfy((command, identities) ->
                        assertThat(identities).as(command.name()).isEqualTo(everyUser));
        assertThat(locatedBySarUserName).isEqualTo(everyPrivateIdentity);
    }

    private static List<List<WarmUpRequest>> all(Iterator<List<WarmUpRequest>> batches) {
        List<List<WarmUpRequest>> out = new ArrayList<>();
        batches.forEachRemaining(out::add);
        return out;
    }
}
