package org.imshss.node.diameter;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imshss.diameter.ResultCode;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.diameter.transport.CapabilitiesAdmission;

/**
 * Which peers may complete the capabilities exchange (RFC 6733 5.3): those named, every host of the realms named,
 * or anyone when that is configured. A peer refused gets a CEA with 3010 DIAMETER_UNKNOWN_PEER and is disconnected.
 * Diameter identities and realms are FQDNs, compared without regard to case. Without TLS the Origin-Host and
 * Origin-Realm are only what the peer claims; with TLS the transport has checked the Origin-Host against the
 * peer's certificate before this check.
 */
public final class PeerAdmission implements CapabilitiesAdmission {

    private final boolean acceptAny;
    private final Set<String> hosts;
    private final Set<String> realms;

    /**
     * @param hosts Origin-Host values admitted
     * @param realms Origin-Realm values whose hosts are admitted
     */
    public PeerAdmission(boolean acceptAny, Collection<String> hosts, Collection<String> realms) {
        this.acceptAny = acceptAny;
        this.hosts = normalised(hosts.stream());
        this.realms = normalised(realms.stream());
    }

    /** The settings' allowlist, plus the peers this node connects to itself. */
    public static PeerAdmission of(DiameterSettings settings, List<RemotePeer> remotePeers) {
        return new PeerAdmission(settings.acceptAnyPeer(),
                Stream.concat(settings.allowedPeers().stream(), remotePeers.stream().map(RemotePeer::identity))
                        .toList(),
                settings.allowedRealms());
    }

    @Override
    public Optional<ResultCode> check(String originHost, String originRealm, InetSocketAddress remote) {
        if (acceptAny || hosts.contains(lower(originHost))
                || originRealm != null && realms.contains(lower(originRealm))) {
            return Optional.empty();
        }
        return Optional.of(ResultCode.DIAMETER_UNKNOWN_PEER);
    }

    /** For the start-up log: what is admitted. */
    @Override
    public String toString() {
        if (acceptAny) {
            return "any peer";
        }
        if (hosts.isEmpty() && realms.isEmpty()) {
            return "no peer";
        }
        return "peers " + hosts.stream().sorted().toList() + " and realms " + realms.stream().sorted().toList();
    }

    private static Set<String> normalised(Stream<String> names) {
        return names.map(PeerAdmission::lower).collect(Collectors.toUnmodifiableSet());
    }

    private static String lower(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
