package org.imshss.slf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.slf.lookup.HssLookup;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.InvalidMappingException;
import org.imshss.slf.mapping.Location;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingConflictException;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.testing.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store and the lookup over two real Ignite nodes of one cluster. */
class MappingStoreTest {

    static final HssTarget OPERATOR = target("operator", "ims.example.org", "hss1.ims.example.org");
    static final HssTarget CORP = target("corp", "corp.example.com", "hss1.corp.example.com");
    static final HssTarget SPARE = target("spare", "ims.example.org", "hss9.ims.example.org");

    static GridNode node1;
    static GridNode node2;
    static IgniteMappingStore store;
    static IgniteMappingStore other;
    static HssLookup lookup;

    static HssTarget target(String name, String realm, String host) {
        return new HssTarget(name, realm, List.of(new HssHost(host, 3868, null)));
    }

    @BeforeAll
    static void start() throws Exception {
        int d1 = TestStack.freePort();
        int d2 = TestStack.freePort();
        List<String> members = List.of("127.0.0.1:" + d1, "127.0.0.1:" + d2);
        node1 = GridNode.start(settings("slf-store-1-" + d1, d1, members));
        store = new IgniteMappingStore(node1.ignite(), RecordCodec.shared(), 1);
        store.putTarget(OPERATOR);
        store.putTarget(CORP);
        store.put(Mapping.range("+4930555000", "+4930555999", "corp"));
        // The second node joins after data exists: its indexes start from the grid.
        node2 = GridNode.start(settings("slf-store-2-" + d2, d2, members));
        other = new IgniteMappingStore(node2.ignite(), RecordCodec.shared(), 1);
        lookup = new HssLookup(store);
    }

    static GridSettings settings(String name, int discovery, List<String> members) throws Exception {
        Path work = Files.createTempDirectory("slf-store");
        return GridSettings.defaults(name).withPorts(discovery, TestStack.freePort()).withWorkDirectory(work)
                .withDiscoveryAddresses(members).withDataRegionMaxBytes(128L * 1024 * 1024);
    }

    @AfterAll
    static void stop() {
        other.close();
        store.close();
        node2.close();
        node1.close();
    }

    @BeforeEach
    void clean() {
        for (MappingKind kind : MappingKind.values()) {
            for (Mapping mapping : store.list(kind, 1000)) {
                if (!(kind == MappingKind.RANGE && mapping.key().equals("4930555000"))) {
                    store.remove(kind, mapping.key());
                }
            }
        }
        store.putTarget(OPERATOR);
        store.putTarget(CORP);
        store.removeTarget(SPARE.name());
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    Location locate(String identity) {
        return lookup.locate(identity).orElseThrow();
    }

    @Test
    void eachKindDecidesInItsOrderOfPrecedence() {
        store.put(Mapping.globalDefault("operator"));
        store.put(Mapping.of(MappingKind.DOMAIN, "example.com", "operator"));
        store.put(Mapping.of(MappingKind.DOMAIN, "corp.example.com", "corp"));
        store.put(Mapping.of(MappingKind.PREFIX, "+49", "operator"));
        store.put(Mapping.of(MappingKind.PREFIX, "+4930", "corp"));
        store.put(Mapping.of(MappingKind.PATTERN, "sip:room-!.*!@corp.example.com", "operator"));
        store.put(Mapping.of(MappingKind.IDENTITY, "sip:room-ceo@corp.example.com", "corp"));

        assertThat(locate("sip:room-ceo@corp.example.com"))
                .isEqualTo(new Location(CORP, MappingKind.IDENTITY, "sip:room-ceo@corp.example.com"));
        assertThat(locate("sip:room-42@corp.example.com"))
                .isEqualTo(new Location(OPERATOR, MappingKind.PATTERN, "sip:room-!.*!@corp.example.com"));
        assertThat(locate("tel:+4930555123")).isEqualTo(new Location(CORP, MappingKind.RANGE, "4930555000"));
        assertThat(locate("tel:+4930666123")).isEqualTo(new Location(CORP, MappingKind.PREFIX, "4930"));
        assertThat(locate("tel:+4940123")).isEqualTo(new Location(OPERATOR, MappingKind.PREFIX, "49"));
        assertThat(locate("sip:erin@corp.example.com")).isEqualTo(new Location(CORP, MappingKind.DOMAIN,
                "corp.example.com"));
        assertThat(locate("erin@sub.corp.example.com")).isEqualTo(new Location(CORP, MappingKind.DOMAIN,
                "corp.example.com"));
        assertThat(locate("sip:someone@other.example.com")).isEqualTo(new Location(OPERATOR, MappingKind.DOMAIN,
                "example.com"));
        assertThat(locate("tel:+1555")).isEqualTo(new Location(OPERATOR, MappingKind.DEFAULT, Mapping.DEFAULT_KEY));
    }

    @Test
    void withoutADefaultAnUnmappedUserIsUnknown() {
        assertThat(lookup.locate("sip:nobody@nowhere.example.net")).isEmpty();
        assertThat(lookup.locate("tel:+4930555999")).map(Location::matchedBy).contains(MappingKind.RANGE);
        assertThat(lookup.locate("tel:+4930556000")).isEmpty();
        assertThat(lookup.locate("tel:+493055500")).as("shorter number, other length").isEmpty();
    }

    @Test
    void rangesMayNotOverlap() {
        assertThatThrownBy(() -> store.put(Mapping.range("+4930555900", "+4930556100", "operator")))
                .isInstanceOf(MappingConflictException.class).hasMessageContaining("4930555000");
        assertThatThrownBy(() -> store.put(Mapping.range("+4930554000", "+4930555000", "operator")))
                .isInstanceOf(MappingConflictException.class);
        store.put(Mapping.range("+4930556000", "+4930556999", "operator"));
        // Replacing a range by its own start is not an overlap.
        store.put(Mapping.range("+4930555000", "+4930555999", "corp"));
        assertThat(locate("tel:+4930556000").target()).isEqualTo(OPERATOR);
    }

    @Test
    void aMappingNeedsAnExistingTargetAndATargetInUseStays() {
        assertThatThrownBy(() -> store.put(Mapping.of(MappingKind.DOMAIN, "x.example.net", "missing")))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("target"));
        store.putTarget(SPARE);
        store.put(Mapping.of(MappingKind.IDENTITY, "sip:spare@ims.example.org", "spare"));
        assertThatThrownBy(() -> store.removeTarget("spare")).isInstanceOf(MappingConflictException.class)
                .hasMessageContaining("sip:spare@ims.example.org");
        assertThat(store.remove(MappingKind.IDENTITY, "SIP:spare@IMS.example.org")).isTrue();
        assertThat(store.removeTarget("spare")).isTrue();
        assertThat(store.target("spare")).isEmpty();
    }

    @Test
    void changesOnOneNodeReachTheOtherNodesIndexes() throws Exception {
        HssLookup remote = new HssLookup(other);
        assertThat(remote.locate("tel:+4930555001")).map(Location::target).contains(CORP);

        store.put(Mapping.range("+15550100", "+15550199", "operator"));
        store.put(Mapping.of(MappingKind.PATTERN, "sip:chat-!.*!@ims.example.org", "operator"));
        eventually(() -> remote.locate("tel:+15550150").isPresent());
        eventually(() -> remote.locate("sip:chat-1@ims.example.org").isPresent());
        assertThat(remote.locate("tel:+15550150").orElseThrow().matchedBy()).isEqualTo(MappingKind.RANGE);

        // An identity looked up on the other node is kept on its heap, found or not: changes still reach it.
        assertThat(remote.locate("sip:moving@ims.example.org")).isEmpty();
        store.put(Mapping.of(MappingKind.IDENTITY, "sip:moving@ims.example.org", "operator"));
        eventually(() -> remote.locate("sip:moving@ims.example.org").isPresent());
        store.put(Mapping.of(MappingKind.IDENTITY, "sip:moving@ims.example.org", "corp"));
        eventually(() -> remote.locate("sip:moving@ims.example.org").orElseThrow().target().equals(CORP));
        store.remove(MappingKind.IDENTITY, "sip:moving@ims.example.org");
        eventually(() -> remote.locate("sip:moving@ims.example.org").isEmpty());

        store.remove(MappingKind.RANGE, "+15550100");
        eventually(() -> remote.locate("tel:+15550150").isEmpty());
        store.put(Mapping.of(MappingKind.PREFIX, "+1555", "corp"));
        store.put(Mapping.of(MappingKind.DOMAIN, "moved.example.net", "corp"));
        eventually(() -> remote.locate("tel:+15550150").isPresent());
        eventually(() -> remote.locate("sip:a@b.moved.example.net").isPresent());
        assertThat(remote.locate("tel:+15550150").orElseThrow().matchedBy()).isEqualTo(MappingKind.PREFIX);
        store.remove(MappingKind.PREFIX, "+1555");
        eventually(() -> remote.locate("tel:+15550150").isEmpty());
        store.putTarget(target("operator", "ims.example.org", "hss2.ims.example.org"));
        eventually(() -> other.target("operator").orElseThrow().hosts().get(0).identity()
                .equals("hss2.ims.example.org"));
    }

    @Test
    void bulkLoadStoresEveryKind() {
        List<Mapping> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(Mapping.of(MappingKind.IDENTITY, "sip:user" + i + "@bulk.example.org", i % 2 == 0 ? "operator" : "corp"));
        }
        many.add(Mapping.of(MappingKind.PREFIX, "+33", "corp"));
        many.add(Mapping.of(MappingKind.DOMAIN, "bulk.example.org", "operator"));
        store.load(List.of(), many);
        assertThat(store.count(MappingKind.IDENTITY)).isEqualTo(5000);
        assertThat(locate("sip:user4999@bulk.example.org").target()).isEqualTo(CORP);
        assertThat(locate("sip:user5000@bulk.example.org").matchedBy()).isEqualTo(MappingKind.DOMAIN);
        assertThat(locate("tel:+33123").target()).isEqualTo(CORP);
        assertThat(store.get(MappingKind.PREFIX, "tel:+33")).contains(Mapping.of(MappingKind.PREFIX, "33", "corp"));
    }
}
