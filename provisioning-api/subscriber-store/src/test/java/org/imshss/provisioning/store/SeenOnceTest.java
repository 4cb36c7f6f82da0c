package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The doorkeeper of the bounded decoded-record caches: a key is seen on its second mark, and forgotten in time. */
class SeenOnceTest {

    @Test
    void aKeyIsSeenFromItsSecondMarkOn() {
        SeenOnce seen = new SeenOnce(1_000);
        assertThat(seen.markAndCheck("sip:alice@ims.example.org")).isFalse();
        assertThat(seen.markAndCheck("sip:alice@ims.example.org")).isTrue();
        assertThat(seen.markAndCheck("sip:alice@ims.example.org")).isTrue();
        assertThat(seen.markAndCheck("sip:bob@ims.example.org")).isFalse();
    }

    /** Eight bits a key and two bits each: a key never marked is rarely taken as seen. */
    @Test
    void fewKeysNeverMarkedCountAsSeen() {
        SeenOnce seen = new SeenOnce(100_000);
        IntStream.range(0, 50_000).forEach(i -> seen.markAndCheck("sip:user" + i + "@ims.example.org"));
        long falsePositives = IntStream.range(0, 10_000)
                .filter(i -> seen.markAndCheck("sip:other" + i + "@ims.example.org")).count();
        assertThat(falsePositives).as("of 10,000 keys never marked").isLessThan(300);
    }

    @Test
    void afterAsManyNewKeysAsItRemembersItForgetsThemAll() {
        SeenOnce seen = new SeenOnce(100);
        seen.markAndCheck("sip:alice@ims.example.org");
        for (int i = 0; i < 99; i++) {
            seen.markAndCheck("sip:user" + i + "@ims.example.org");
        }
        assertThat(seen.markAndCheck("sip:alice@ims.example.org")).as("cleared after 100 new keys").isFalse();
        assertThat(seen.markAndCheck("sip:alice@ims.example.org")).isTrue();
    }
}
