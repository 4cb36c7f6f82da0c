package org.imshss.provisioning.store;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.TriggerPoint;

/** One instance of every record type, with every optional part filled in. */
public final class Samples {

    public static final HexFormat HEX = HexFormat.of();

    private Samples() {
    }

    public static ImsSubscription subscription(String id) {
        return new ImsSubscription(id, List.of(id + "@ims.example.org"), Set.of(1, 2), Set.of(3),
                List.of("sip:scscf.ims.example.org:6060"), List.of("ims.example.org"), "default", true);
    }

    /** Seals the sample credentials (always as alice's: samples stand for records, not for authentication). */
    public static final Keyring KEYRING = new Keyring(java.util.Map.of("sample",
            HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")), "sample");

    /** Sealed once: sealing again draws a new nonce, and samples must compare equal. */
    private static final AkaCredentials AKA = AkaCredentials.seal(KEYRING, "alice@ims.example.org",
            HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc"), HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf"),
            HEX.parseHex("8000"));
    private static final DigestCredentials DIGEST = DigestCredentials.seal(KEYRING, "alice@ims.example.org",
            "ims.example.org", "0123456789abcdef0123456789abcdef");

    public static AkaCredentials aka() {
        return AKA;
    }

    public static PrivateIdentity privateIdentity(String impi, String subscriptionId, String... impus) {
        return new PrivateIdentity(impi, subscriptionId, List.of(impus),
                new AuthProfile(Set.of("SIP Digest", "Digest-AKAv1-MD5"), "SIP Digest",
                        DIGEST, aka(),
                        "line-1", "192.0.2.1"));
    }

    public static PublicIdentity publicIdentity(String identity, String subscriptionId, String impi) {
        return new PublicIdentity(identity, IdentityType.PUBLIC_USER_IDENTITY, subscriptionId, subscriptionId + "/0",
                "default", false, "Alice", "alias-1", true, null, List.of(impi));
    }

    public static PublicIdentity wildcardPsi(String wildcard) {
        return new PublicIdentity(wildcard, IdentityType.WILDCARDED_PSI, "services", "services/9", "default",
                false, null, null, true, "sip:as.ims.example.org:5070", List.of());
    }

    public static ImplicitRegistrationSet implicitSet(String id, String subscriptionId, String... impus) {
        return new ImplicitRegistrationSet(id, subscriptionId, List.of(impus));
    }

    public static ServiceProfile serviceProfile() {
        return new ServiceProfile("default", List.of("orig-invite-as", "term-as"), List.of(7), 0);
    }

    /** Every SPT condition kind, negation and several groups. */
    public static InitialFilterCriteria ifc() {
        TriggerPoint trigger = new TriggerPoint(true, List.of(
                new ServicePointTrigger(false, List.of(0), new ServicePointTrigger.Method("REGISTER", List.of(0, 2))),
                new ServicePointTrigger(true, List.of(1, 2), new ServicePointTrigger.RequestUri("sip:.*@example")),
                new ServicePointTrigger(false, List.of(1), new ServicePointTrigger.SipHeader("From", ".*alice.*")),
                new ServicePointTrigger(false, List.of(2), new ServicePointTrigger.SipHeader("P-Asserted", null)),
                new ServicePointTrigger(false, List.of(3), new ServicePointTrigger.SessionCase(3)),
                new ServicePointTrigger(false, List.of(4),
                        new ServicePointTrigger.SessionDescription("m", "audio.*"))));
        return new InitialFilterCriteria("orig-invite-as", 10, trigger,
                new ApplicationServer("sip:as.ims.example.org:5070", 1, "info", true, false), 0);
    }

    public static SharedIfcSet sharedIfcSet() {
        return new SharedIfcSet(7, "barring", List.of("orig-invite-as"));
    }

    public static ChargingInformation charging() {
        return new ChargingInformation("default", "aaa://ecf1", "aaa://ecf2", "aaa://ccf1", null);
    }

    public static ScscfServer scscf(String name) {
        return new ScscfServer(name, Set.of(1, 5));
    }

    public static RegistrationState registration(String subscriptionId) {
        return RegistrationState.empty(subscriptionId)
                .withScscf("sip:scscf.ims.example.org:6060", "scscf.ims.example.org", "ims.example.org")
                .withSet(subscriptionId + "/0", new RegistrationState.SetRegistration(RegistrationStatus.REGISTERED,
                        Set.of("alice@ims.example.org", "alice2@ims.example.org")))
                .withAuthPending("alice@ims.example.org",
                        new RegistrationState.AuthPending("sip:alice@ims.example.org", "sip:scscf", 1234L))
                .withReassignmentPending(true)
                .withRestorationInfo("alice@ims.example.org", new byte[] {1, 2, 3, (byte) 0xff});
    }

    public static Map<String, String> restorationAsHex(RegistrationState state) {
        return state.restorationInfo().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> HEX.formatHex(e.getValue())));
    }
}
