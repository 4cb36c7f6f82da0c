package org.imshss.hss.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.imshss.diameter.Command;
import org.imshss.node.diameter.warmup.WarmUpRequest;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.SubscriberData;
import org.junit.jupiter.api.Test;

/** The warm-up's synthetic subscribers are a valid seed, all of them in the reserved realm. */
class WarmUpSubscribersTest {

    @Test
    void everyUserHasItsImsAndEpsSubscriptionInTheReservedRealm() {
        SubscriberData data = new WarmUpSubscribers(3).data(Keyring.NONE);
        assertThat(data.subscriptions()).hasSize(3);
        assertThat(data.usims()).hasSize(3).allSatisfy(usim -> assertThat(usim.imsi()).hasSize(15));
        assertThat(data.privateIdentities()).hasSize(3)
                .allSatisfy(impi -> assertThat(impi.impi()).endsWith("@" + WarmUpSubscribers.REALM));
        assertThat(data.publicIdentities()).hasSize(6).map(PublicIdentity::identity)
                .contains(WarmUpSubscribers.impu(0), WarmUpSubscribers.impu(2))
                .allMatch(identity -> identity.endsWith("@warm-up.invalid") || identity.startsWith("tel:+1999"));
        assertThat(data.applicationServers()).singleElement()
                .satisfies(as -> assertThat(as.diameterHost()).isEqualTo(WarmUpSubscribers.CLIENT_HOST));
    }

    @Test
    void theTrafficIsCoverageRoundsOfEveryStepThenDepthBatchesOfTheHotPaths() {
        // 23 steps x 4 users x 4 rounds = 368 requests of coverage, one batch a step.
        WarmUpTraffic coverageOnly = new WarmUpTraffic("ims.example.org", 4, 100);
        assertThat(coverageOnly.requests()).isEqualTo(368);
        assertThat(sizes(coverageOnly)).hasSize(92).allMatch(size -> size == 4);
        // Beyond it: one batch registering half the users again, then whole depth batches of 7 requests a user.
        WarmUpTraffic deep = new WarmUpTraffic("ims.example.org", 4, 368 + 57);
        assertThat(deep.requests()).isEqualTo(368 + 2 + 3 * 28);
        List<Integer> sizes = sizes(deep);
        assertThat(sizes).hasSize(92 + 1 + 3);
        assertThat(sizes.subList(92, 96)).containsExactly(2, 28, 28, 28);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(deep.requests());
        assertThat(new WarmUpTraffic("ims.example.org", 4, 0).batches().hasNext()).isFalse();
        assertThat(new WarmUpTraffic("ims.example.org", 4, 0).requests()).isZero();
    }

    @Test
    void moreDepthRegistersHalfTheUsersFirstOnlyWhenTheRequestedTrafficDidNot() {
        // Coverage alone registered no one for the depth steps: the endless batches begin with those registrations.
        Iterator<List<WarmUpRequest>> afterCoverage = new WarmUpTraffic("ims.example.org", 4, 100).moreDepth();
        assertThat(afterCoverage.next()).hasSize(2).allMatch(request -> request.command() == Command.SAR);
        assertThat(afterCoverage.next()).hasSize(28);
        Iterator<List<WarmUpRequest>> afterDepth = new WarmUpTraffic("ims.example.org", 4, 368 + 57).moreDepth();
        for (int i = 0; i < 1_000; i++) {
            assertThat(afterDepth.hasNext()).isTrue();
            assertThat(afterDepth.next()).hasSize(28);
        }
    }

    private static List<Integer> sizes(WarmUpTraffic traffic) {
        List<Integer> sizes = new ArrayList<>();
        traffic.batches().forEachRemaining(batch -> sizes.add(batch.size()));
        return sizes;
    }
}
