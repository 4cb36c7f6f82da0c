package org.imshss.node.config;

import static org.imshss.node.config.ConfigValues.bool;
import static org.imshss.node.config.ConfigValues.list;
import static org.imshss.node.config.ConfigValues.nonNegative;
import static org.imshss.node.config.ConfigValues.number;
import static org.imshss.node.config.ConfigValues.positive;
import static org.imshss.node.config.ConfigValues.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.configuration2.Configuration;
import org.imshss.node.diameter.transport.ConnectionLimits;
import org.imshss.node.diameter.transport.TransportSettings;

/**
 * The Diameter edge of one node, HSS or SLF, validated: one type and one reading of the {@code diameter.*} keys
 * for every process.
 *
 * @param identity the Diameter identity (Origin-Host) of this node
 * @param acceptAnyPeer admit a CER from any peer (a lab setting); otherwise only {@code allowedPeers} and peers
 *                      of {@code allowedRealms} are admitted, others get a CEA with 3010 DIAMETER_UNKNOWN_PEER
 * @param allowedPeers Diameter identities (Origin-Host) admitted, compared without regard to case
 * @param allowedRealms realms (Origin-Realm) whose every host is admitted
 * @param tls Diameter over TLS, or {@link TlsSettings#DISABLED}
 * @param additionalRealms realms served besides {@code realm}: a request whose Destination-Realm names one is
 *                         answered here, not 3003 DIAMETER_REALM_NOT_SERVED (an MME derives the HSS's realm from
 *                         the IMSI, TS 23.003 19.2, which need not be the IMS realm)
 */
public record DiameterSettings(
        String bindAddress,
        int port,
        String identity,
        String realm,
        String productName,
        boolean acceptAnyPeer,
        Duration requestTimeout,
        Duration watchdogInterval,
        int queueSize,
        int processingThreads,
        TransportSettings transport,
        List<String> allowedPeers,
        List<String> allowedRealms,
        TlsSettings tls,
        List<String> additionalRealms) {

    /** The realm of the demo data. */
    public static final String DEMO_REALM = "ims.example.org";
    /**
     * The EPC realm an MME derives for the demo's IMSIs (MCC 001, MNC 01):
     * {@code epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}, TS 23.003 19.2.
     */
    public static final String DEMO_EPC_REALM = "epc.mnc001.mcc001.3gppnetwork.org";

    public DiameterSettings {
        allowedPeers = List.copyOf(allowedPeers);
        allowedRealms = List.copyOf(allowedRealms);
        java.util.Objects.requireNonNull(tls, "tls");
        additionalRealms = additionalRealms == null ? List.of() : List.copyOf(additionalRealms);
    }

    /** Serving no realm besides its own. */
    public DiameterSettings(String bindAddress, int port, String identity, String realm, String productName,
            boolean acceptAnyPeer, Duration requestTimeout, Duration watchdogInterval, int queueSize,
            int processingThreads, TransportSettings transport, List<String> allowedPeers,
            List<String> allowedRealms, TlsSettings tls) {
        this(bindAddress, port, identity, realm, productName, acceptAnyPeer, requestTimeout, watchdogInterval,
                queueSize, processingThreads, transport, allowedPeers, allowedRealms, tls, List.of());
    }

    /** With the default transport limits and no peer or realm allowed by name. */
    public DiameterSettings(String bindAddress, int port, String identity, String realm, String productName,
            boolean acceptAnyPeer, Duration requestTimeout, Duration watchdogInterval, int queueSize,
            int processingThreads) {
        this(bindAddress, port, identity, realm, productName, acceptAnyPeer, requestTimeout,
                watchdogInterval, queueSize, processingThreads, TransportSettings.DEFAULTS);
    }

    /** With no peer or realm allowed by name. */
    public DiameterSettings(String bindAddress, int port, String identity, String realm, String productName,
            boolean acceptAnyPeer, Duration requestTimeout, Duration watchdogInterval, int queueSize,
            int processingThreads, TransportSettings transport) {
        this(bindAddress, port, identity, realm, productName, acceptAnyPeer, requestTimeout,
                watchdogInterval, queueSize, processingThreads, transport, List.of(), List.of(),
                TlsSettings.DISABLED);
    }

    /** With other transport limits. */
    public DiameterSettings withTransport(TransportSettings other) {
        return new DiameterSettings(bindAddress, port, identity, realm, productName, acceptAnyPeer,
                requestTimeout, watchdogInterval, queueSize, processingThreads, other, allowedPeers,
                allowedRealms, tls, additionalRealms);
    }

    /** Listening elsewhere: another address, and another port (0 for one the system chooses). */
    public DiameterSettings withListener(String address, int listenPort) {
        return new DiameterSettings(address, listenPort, identity, realm, productName, acceptAnyPeer,
                requestTimeout, watchdogInterval, queueSize, processingThreads, transport, allowedPeers,
                allowedRealms, tls, additionalRealms);
    }

    /** With another peer allowlist. */
    public DiameterSettings withPeers(boolean acceptAny, List<String> peers, List<String> realms) {
        return new DiameterSettings(bindAddress, port, identity, realm, productName, acceptAny,
                requestTimeout, watchdogInterval, queueSize, processingThreads, transport, peers, realms, tls,
                additionalRealms);
    }

    /** With another device watchdog interval (Tw). */
    public DiameterSettings withWatchdogInterval(Duration tw) {
        return new DiameterSettings(bindAddress, port, identity, realm, productName, acceptAnyPeer,
                requestTimeout, tw, queueSize, processingThreads, transport, allowedPeers, allowedRealms, tls,
                additionalRealms);
    }

    /** With other TLS settings. */
    public DiameterSettings withTls(TlsSettings other) {
        return new DiameterSettings(bindAddress, port, identity, realm, productName, acceptAnyPeer,
                requestTimeout, watchdogInterval, queueSize, processingThreads, transport, allowedPeers,
                allowedRealms, other, additionalRealms);
    }

    /** Serving these realms besides its own. */
    public DiameterSettings withAdditionalRealms(List<String> realms) {
        return new DiameterSettings(bindAddress, port, identity, realm, productName, acceptAnyPeer,
                requestTimeout, watchdogInterval, queueSize, processingThreads, transport, allowedPeers,
                allowedRealms, tls, realms);
    }

    /**
     * For {@code --demo}: when the configuration admits no peer, the peers of {@link #DEMO_REALM}, so that the
     * lab tools of that realm (Kamailio's I-CSCF and S-CSCF) can connect. A configured allowlist is kept.
     */
    public DiameterSettings withDemoPeers() {
        return admitsNobody() ? withPeers(false, List.of(), List.of(DEMO_REALM)) : this;
    }

    /**
     * For an HSS's {@code --demo}: {@link #withDemoPeers()}, and an MME of {@link #DEMO_EPC_REALM} or of
     * {@link #DEMO_REALM} admitted and its requests to {@link #DEMO_EPC_REALM} served. A configured allowlist is
     * kept; configured additional realms are kept too.
     */
    public DiameterSettings withDemoEpc() {
        DiameterSettings out = admitsNobody() ? withPeers(false, List.of(), List.of(DEMO_REALM, DEMO_EPC_REALM)) : this;
        if (out.additionalRealms.contains(DEMO_EPC_REALM) || DEMO_EPC_REALM.equals(realm)) {
            return out;
        }
        List<String> realms = new java.util.ArrayList<>(out.additionalRealms);
        realms.add(DEMO_EPC_REALM);
        return out.withAdditionalRealms(realms);
    }

    /** Whether no peer at all can be admitted. */
    public boolean admitsNobody() {
        return !acceptAnyPeer && allowedPeers.isEmpty() && allowedRealms.isEmpty();
    }

    /**
     * The {@code diameter.*} settings, read the same way for every node: the HSS and the SLF read them here and
     * nowhere else.
     *
     * @param connect whether the node has outgoing connections that may use TLS ({@code diameter.tls.connect})
     */
    public static DiameterSettings from(Configuration c, boolean connect) {
        return new DiameterSettings(
                text(c, "diameter.bind-address"),
                ConfigValues.port(c, "diameter.port"),
                text(c, "diameter.identity"),
                text(c, "diameter.realm"),
                text(c, "diameter.product-name"),
                bool(c, "diameter.accept-any-peer"),
                Duration.ofMillis(positive(c, "diameter.request-timeout-ms")),
                Duration.ofMillis(positive(c, "diameter.watchdog-interval-ms")),
                positive(c, "diameter.queue-size"),
                nonNegative(c, "diameter.processing-threads"),
                transport(c),
                list(c, "diameter.allowed-peers"),
                list(c, "diameter.allowed-realms"),
                tls(c, connect),
                list(c, "diameter.additional-realms"));
    }

    /**
     * Diameter over TLS, read the same way for the HSS and the SLF; when enabled the stores are opened now, so a
     * bad file or password stops start-up naming its key.
     *
     * @param connect whether the node has outgoing connections that may use TLS ({@code diameter.tls.connect})
     */
    public static TlsSettings tls(Configuration c, boolean connect) {
        boolean enabled = bool(c, "diameter.tls.enabled");
        boolean only = bool(c, "diameter.tls.only");
        boolean tlsConnect = connect && bool(c, "diameter.tls.connect");
        if (!enabled) {
            if (only) {
                throw new InvalidConfigurationException("diameter.tls.only", "needs diameter.tls.enabled = true");
            }
            if (tlsConnect) {
                throw new InvalidConfigurationException("diameter.tls.connect", "needs diameter.tls.enabled = true");
            }
            return TlsSettings.DISABLED;
        }
        int tlsPort = ConfigValues.port(c, "diameter.tls.port");
        if (!only && tlsPort == ConfigValues.port(c, "diameter.port")) {
            throw new InvalidConfigurationException("diameter.tls.port", "must differ from diameter.port");
        }
        TlsSettings tls = new TlsSettings(true, tlsPort, only, tlsConnect, Path.of(text(c, "diameter.tls.keystore")),
                c.getString("diameter.tls.keystore-password", ""), Path.of(text(c, "diameter.tls.truststore")),
                c.getString("diameter.tls.truststore-password", ""));
        tls.context();
        return tls;
    }

    /** The transport limits, read the same way for the HSS and the SLF. */
    public static TransportSettings transport(Configuration c) {
        int maxMessage = positive(c, "diameter.max-message-bytes");
        if (maxMessage < 4096 || maxMessage > TransportSettings.LARGEST_MESSAGE) {
            throw new InvalidConfigurationException("diameter.max-message-bytes",
                    "must be 4096.." + TransportSettings.LARGEST_MESSAGE + ", not " + maxMessage);
        }
        long writeQueue = number(c, "diameter.write-queue-bytes");
        if (writeQueue < maxMessage) {
            throw new InvalidConfigurationException("diameter.write-queue-bytes",
                    "must be at least diameter.max-message-bytes (" + maxMessage + "), not " + writeQueue);
        }
        ConnectionLimits connections = new ConnectionLimits(positive(c, "diameter.max-connections"),
                positive(c, "diameter.max-connections-per-address"),
                Duration.ofMillis(positive(c, "diameter.cer-timeout-ms")));
        return new TransportSettings(maxMessage, positive(c, "diameter.max-pending-requests"), writeQueue,
                Duration.ofMillis(positive(c, "diameter.io-timeout-ms")), connections);
    }
}
