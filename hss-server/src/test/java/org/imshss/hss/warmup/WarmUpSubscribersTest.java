package org.imshss.hss.warmup;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theTrafficIsWholeRoundsOfEveryStepForEveryUser() {
        WarmUpTraffic traffic = new WarmUpTraffic("ims.example.org", 4, 100);
        // 23 steps x 4 users = 92 a round: 100 requests make 2 rounds.
        assertThat(traffic.requests()).isEqualTo(184);
        int sent = 0;
        var batches = traffic.batches();
        while (batches.hasNext()) {
            var batch = batches.next();
            assertThat(batch).hasSize(4);
            sent += batch.size();
        }
        assertThat(sent).isEqualTo(184);
        assertThat(new WarmUpTraffic("ims.example.org", 4, 0).batches().hasNext()).isFalse();
    }
}
