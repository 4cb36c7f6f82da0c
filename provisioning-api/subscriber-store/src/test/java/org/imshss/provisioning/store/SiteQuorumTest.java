package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule for a cut, and four persistent nodes in two sites in one JVM: every partition has a copy in each site,
 * and the site left alone without the tie-breaker refuses writes while it serves reads.
 */
class SiteQuorumTest {

    @TempDir
    Path work;

    @Test
    void aMajorityOfTheBaselineWrites() {
        Set<String> baseline = Set.of("a1", "a2", "b1", "b2", "w");
        assertThat(SiteQuorum.accepts(baseline, sites("a1", "a", "a2", "a", "w", "c"), null)).isTrue();
        assertThat(SiteQuorum.accepts(baseline, sites("b1", "b", "b2", "b"), null)).isFalse();
        // A node outside the baseline does not count.
        assertThat(SiteQuorum.accepts(baseline, sites("b1", "b", "b2", "b", "new", "b"), null)).isFalse();
    }

    @Test
    void anExactHalfWritesOnlyWithTheTieBreakerSite() {
        Set<String> baseline = Set.of("a1", "a2", "b1", "b2");
        assertThat(SiteQuorum.accepts(baseline, sites("a1", "a", "a2", "a"), "a")).isTrue();
        assertThat(SiteQuorum.accepts(baseline, sites("b1", "b", "b2", "b"), "a")).isFalse();
        assertThat(SiteQuorum.accepts(baseline, sites("a1", "a", "a2", "a"), null)).isFalse();
        assertThat(SiteQuorum.accepts(baseline, sites("a1", "a", "b1", "b", "b2", "b"), null)).isTrue();
    }

    @Test
    void settingsNameTheKeyTheyRefuse() {
        assertThatThrownBy(() -> new GridSettings.Sites("site a", true, GridSettings.WriteQuorum.ANY, null))
                .hasMessageStartingWith("grid.site");
        assertThatThrownBy(() -> new GridSettings.Sites(null, true, GridSettings.WriteQuorum.MAJORITY, "a"))
                .hasMessageStartingWith("grid.tie-breaker-site");
        assertThatThrownBy(() -> new GridSettings.Sites("a", true, GridSettings.WriteQuorum.ANY, "a"))
                .hasMessageContaining("grid.write-quorum");
        GridSettings.Membership majority = new GridSettings.Membership(Duration.ofSeconds(10), List.of(), null,
                new GridSettings.Sites("a", true, GridSettings.WriteQuorum.MAJORITY, null));
        assertThatThrownBy(() -> GridNode.start(GridSettings.defaults("x").withMembership(majority)))
                .hasMessage("grid.write-quorum = majority needs grid.persistence = true");
    }

    @Test
    void copiesAreInBothSitesAndTheSiteLeftAloneOnlyReads() throws Exception {
        List<String> names = List.of("site-a1", "site-a2", "site-b1", "site-b2");
        List<Integer> ports = names.stream().map(n -> TestGrid.freePort()).toList();
        List<String> discovery = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<CompletableFuture<GridNode>> starting = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String site = names.get(i).substring(0, 6);
            GridSettings settings = TestGrid.member(names.get(i), ports.get(i), TestGrid.freePort(),
                    work.resolve(names.get(i)), discovery).withBackups(1).withPersistence(work.resolve(names.get(i)))
                    .withMembership(new GridSettings.Membership(Duration.ofSeconds(10), names, null,
                            new GridSettings.Sites(site, true, GridSettings.WriteQuorum.MAJORITY, null)));
            starting.add(CompletableFuture.supplyAsync(() -> GridNode.start(settings)));
        }
        List<GridNode> nodes = new ArrayList<>();
        for (CompletableFuture<GridNode> node : starting) {
            nodes.add(node.get(120, TimeUnit.SECONDS));
        }
        try (IgniteSubscriberStore storeA = new IgniteSubscriberStore(nodes.get(0).ignite())) {
            assertEveryPartitionInBothSites(nodes.get(0));
            for (int i = 0; i < 50; i++) {
                storeA.putSubscription(Samples.subscription("sub-" + i));
            }
            assertThat(SiteQuorum.writesAccepted(nodes.get(0).ignite(), nodes.get(0).settings().membership().sites()))
                    .isTrue();
            nodes.get(3).close();
            nodes.get(2).close();
            awaitServers(nodes.get(0), 2);
            // Two of four baseline nodes, no tie-breaker: this half may not write, and reads every record from the
            // copies it holds.
            assertThat(SiteQuorum.writesAccepted(nodes.get(0).ignite(), nodes.get(0).settings().membership().sites()))
                    .isFalse();
            assertThatThrownBy(() -> storeA.putSubscription(Samples.subscription("refused")))
                    .satisfies(e -> assertThat(WritesRefused.isCause(e)).as(e.toString()).isTrue());
            for (int i = 0; i < 50; i++) {
                assertThat(storeA.subscription("sub-" + i)).isPresent();
            }
            // The operator, sure the other site is down, makes this site the baseline: it writes again.
            nodes.get(0).setBaselineToServerNodes();
            awaitWrite(storeA);
            assertThat(storeA.subscription("after-failover")).isPresent();
        } finally {
            nodes.get(1).close();
            nodes.get(0).close();
        }
    }

    /** A tie-breaker node holds nothing, and with it one site of two keeps writing when the other is gone. */
    @Test
    void aTieBreakerNodeHoldsNoDataAndGivesTheSiteLeftTheMajority() throws Exception {
        List<String> names = List.of("tie-a", "tie-b", "tie-w");
        List<String> sites = List.of("site-a", "site-b", "site-c");
        List<Integer> ports = names.stream().map(n -> TestGrid.freePort()).toList();
        List<String> discovery = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<CompletableFuture<GridNode>> starting = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            GridSettings settings = TestGrid.member(names.get(i), ports.get(i), TestGrid.freePort(),
                    work.resolve(names.get(i)), discovery).withBackups(1).withPersistence(work.resolve(names.get(i)))
                    .withMembership(new GridSettings.Membership(Duration.ofSeconds(10), names, null,
                            new GridSettings.Sites(sites.get(i), i < 2, GridSettings.WriteQuorum.MAJORITY, null)));
            starting.add(CompletableFuture.supplyAsync(() -> GridNode.start(settings)));
        }
        List<GridNode> nodes = new ArrayList<>();
        for (CompletableFuture<GridNode> node : starting) {
            nodes.add(node.get(120, TimeUnit.SECONDS));
        }
        try (IgniteSubscriberStore store = new IgniteSubscriberStore(nodes.get(0).ignite())) {
            Affinity<Object> affinity = nodes.get(0).ignite().affinity(CacheNames.SUBSCRIPTIONS);
            ClusterNode witness = nodes.get(2).ignite().cluster().localNode();
            assertThat(affinity.allPartitions(witness)).as("partitions of the tie-breaker node").isEmpty();
            assertThat(nodes.get(2).status().nodes()).filteredOn(m -> m.consistentId().equals("tie-w"))
                    .singleElement().satisfies(m -> assertThat(m.dataNode()).isFalse());
            store.putSubscription(Samples.subscription("before"));
            nodes.get(1).close();
            awaitServers(nodes.get(0), 2);
            // Two of three baseline nodes: site-a with the tie-breaker writes on, from its single copy.
            store.putSubscription(Samples.subscription("after"));
            assertThat(store.subscription("before")).isPresent();
            assertThat(nodes.get(0).writesAccepted()).isTrue();
        } finally {
            nodes.get(2).close();
            nodes.get(0).close();
        }
    }

    private static void assertEveryPartitionInBothSites(GridNode node) {
        Affinity<Object> affinity = node.ignite().affinity(CacheNames.SUBSCRIPTIONS);
        for (int partition = 0; partition < affinity.partitions(); partition++) {
            Collection<ClusterNode> owners = affinity.mapPartitionToPrimaryAndBackups(partition);
            assertThat(owners).hasSize(2);
            assertThat(owners.stream().map(n -> n.<String>attribute(SiteQuorum.SITE_ATTRIBUTE)).distinct())
                    .as("sites of partition %d", partition).hasSize(2);
        }
    }

    /**
     * Until the node sees {@code count} servers and has ended the exchange for them: a write mapped before that
     * ends is validated against the topology before, in which the quorum still held.
     */
    private static void awaitServers(GridNode node, int count) throws Exception {
        TestGrid.awaitServers(node.ignite(), count);
    }

    /** The baseline change is one more exchange; the validator answers again when it ends. */
    private static void awaitWrite(IgniteSubscriberStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                store.putSubscription(Samples.subscription("after-failover"));
                return;
            } catch (RuntimeException e) {
                assertThat(WritesRefused.isCause(e)).as(e.toString()).isTrue();
                assertThat(System.nanoTime()).as("writes after the baseline change").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static Map<String, String> sites(String... idAndSite) {
        Map<String, String> sites = new HashMap<>();
        for (int i = 0; i < idAndSite.length; i += 2) {
            sites.put(idAndSite[i], idAndSite[i + 1]);
        }
        return sites;
    }
}
