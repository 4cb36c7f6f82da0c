package org.imshss.hss.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two sites as two network namespaces: a veth pair between them (the link a cut takes down) and one from each to
 * the test's own namespace, so that the test reaches every node's Diameter and API ports. The namespaces have no
 * route but their links, so no traffic between the sites can go round through the test's namespace. Names carry a
 * random tag; {@link #close()} deletes both namespaces, which removes every link made.
 */
final class SiteNetwork implements AutoCloseable {

    private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final int subnet = ThreadLocalRandom.current().nextInt(1, 250);
    private final List<String> created = new ArrayList<>();

    /** Whether this process may make namespaces: root, with iproute2. */
    static boolean available() {
        try {
            return "0".equals(run(List.of("id", "-u")).strip()) && run(List.of("ip", "netns", "list")) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    String namespace(String site) {
        return "hss-" + tag + "-" + site;
    }

    /** The node's address on the link between the sites: the grid binds it. */
    String siteAddress(String site) {
        return "10.231." + subnet + "." + ("a".equals(site) ? 1 : 2);
    }

    /** The node's address on its link to the test: Diameter and the API bind it. */
    String hostAddress(String site) {
        return "10.232." + subnet + "." + ("a".equals(site) ? 2 : 6);
    }

    /** The test's address on its link to {@code site}. */
    String testAddress(String site) {
        return "10.232." + subnet + "." + ("a".equals(site) ? 1 : 5);
    }

    void create() throws IOException {
        for (String site : List.of("a", "b")) {
            ip("netns", "add", namespace(site));
            created.add(namespace(site));
            ip("-n", namespace(site), "link", "set", "lo", "up");
        }
        link("c" + tag + "a", "a", siteAddress("a") + "/24", "c" + tag + "b", "b", siteAddress("b") + "/24");
        for (String site : List.of("a", "b")) {
            String test = "t" + tag + site;
            ip("link", "add", test, "type", "veth", "peer", "name", "n" + tag + site);
            ip("link", "set", "n" + tag + site, "netns", namespace(site));
            ip("addr", "add", testAddress(site) + "/30", "dev", test);
            ip("link", "set", test, "up");
            ip("-n", namespace(site), "addr", "add", hostAddress(site) + "/30", "dev", "n" + tag + site);
            ip("-n", namespace(site), "link", "set", "n" + tag + site, "up");
        }
    }

    private void link(String left, String leftSite, String leftAddress, String right, String rightSite,
            String rightAddress) throws IOException {
        ip("link", "add", left, "type", "veth", "peer", "name", right);
        ip("link", "set", left, "netns", namespace(leftSite));
        ip("link", "set", right, "netns", namespace(rightSite));
        ip("-n", namespace(leftSite), "addr", "add", leftAddress, "dev", left);
        ip("-n", namespace(rightSite), "addr", "add", rightAddress, "dev", right);
        ip("-n", namespace(leftSite), "link", "set", left, "up");
        ip("-n", namespace(rightSite), "link", "set", right, "up");
    }

    /** Takes the link between the sites down at both ends: nothing passes, as when a fibre is cut. */
    void cut() throws IOException {
        ip("-n", namespace("a"), "link", "set", "c" + tag + "a", "down");
        ip("-n", namespace("b"), "link", "set", "c" + tag + "b", "down");
    }

    void restore() throws IOException {
        ip("-n", namespace("a"), "link", "set", "c" + tag + "a", "up");
        ip("-n", namespace("b"), "link", "set", "c" + tag + "b", "up");
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (String namespace : created) {
            try {
                ip("netns", "del", namespace);
            } catch (IOException e) {
                failure = e;
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static void ip(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return output;
    }
}
