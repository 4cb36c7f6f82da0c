package org.imshss.hss.warmup;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.StringJoiner;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.SubscriberData;

/**
 * The synthetic subscribers of a warm-up, in a realm that cannot exist ({@value #REALM}, RFC 2606): each has an IMS
 * subscription (SIP Digest and AKA private identity, a SIP and a tel public identity in one implicit set, a service
 * profile with an iFC, an MSISDN) and a USIM with an EPS subscription of two APNs and non-3GPP access; the warm-up
 * client is their Sh application server. Their secrets are random for each warm-up and sealed as any seed's are.
 */
public final class WarmUpSubscribers {

    public static final String REALM = "warm-up.invalid";
    /** The warm-up client's Diameter identity: the AS, S-CSCF, MME and AAA server of every synthetic user. */
    public static final String CLIENT_HOST = "client." + REALM;
    public static final String SCSCF = "sip:scscf." + REALM + ":6060";
    public static final String AS_NAME = "sip:as." + REALM + ":5070";
    /** MCC 001, MNC 01 (a test network, TS 23.003). */
    static final String PLMN = "00101";

    private final int users;

    public WarmUpSubscribers(int users) {
        this.users = users;
    }

    public int users() {
        return users;
    }

    public static String impi(int user) {
        return "user" + user + "@" + REALM;
    }

    public static String impu(int user) {
        return "sip:user" + user + "@" + REALM;
    }

    public static String imsi(int user) {
        return PLMN + "99" + String.format("%08d", user);
    }

    static String msisdn(int user) {
        return "1999" + String.format("%07d", user);
    }

    /** The subscribers as the store loads a seed, their secrets sealed with {@code keyring}. */
    public SubscriberData data(Keyring keyring) {
        return new SeedLoader(keyring).readString(json());
    }

    String json() {
        SecureRandom random = new SecureRandom();
        StringJoiner subscriptions = new StringJoiner(",\n");
        for (int user = 0; user < users; user++) {
            subscriptions.add(subscription(user, hex(random, 16), hex(random, 16), hex(random, 12)));
        }
        return """
                { "realm": "%1$s",
                  "scscfs": [ { "name": "%2$s", "capabilities": [] } ],
                  "chargingInformation": [ { "id": "warm-up",
                      "primaryEventChargingFunctionName": "aaa://ecf.%1$s:3868",
                      "primaryChargingCollectionFunctionName": "aaa://ccf.%1$s:3868" } ],
                  "ifcs": [ { "id": "warm-up-invite", "priority": 10,
                      "triggerPoint": { "conditionTypeCnf": true, "spts": [
                          { "groups": [0], "method": "INVITE" },
                          { "groups": [1], "sessionCase": 0 },
                          { "groups": [1], "sessionCase": 3 } ] },
                      "applicationServer": { "serverName": "%3$s", "defaultHandling": 0 } } ],
                  "sharedIfcSets": [],
                  "serviceProfiles": [ { "id": "warm-up", "ifcs": ["warm-up-invite"], "sharedIfcSets": [],
                      "subscribedMediaProfileId": 0 } ],
                  "apnProfiles": [
                    { "id": "warm-up-internet", "serviceSelection": "internet", "pdnType": "IPv4", "qci": 9,
                      "arp": { "priorityLevel": 8, "preemptionCapability": false, "preemptionVulnerability": true } },
                    { "id": "warm-up-ims", "serviceSelection": "ims", "pdnType": "IPv4v6", "qci": 5,
                      "arp": { "priorityLevel": 1, "preemptionCapability": false, "preemptionVulnerability": true } } ],
                  "subscriptions": [ %4$s ],
                  "applicationServers": [ { "diameterHost": "%5$s", "serverName": "%3$s",
                      "read": ["RepositoryData", "IMSPublicIdentity", "IMSUserState", "S-CSCFName",
                               "InitialFilterCriteria", "ChargingInformation", "MSISDN", "PSIActivation", "DSAI"],
                      "update": ["RepositoryData"],
                      "subscribe": ["RepositoryData", "IMSPublicIdentity", "IMSUserState", "S-CSCFName",
                                    "InitialFilterCriteria", "ChargingInformation", "MSISDN"] } ]
                }
                """.formatted(REALM, SCSCF, AS_NAME, subscriptions, CLIENT_HOST);
    }

    private static String subscription(int user, String k, String op, String password) {
        String imsi = imsi(user);
        String tel = "tel:+" + msisdn(user);
        String impus = "[\"" + impu(user) + "\", \"" + tel + "\"]";
        return """
                { "id": "warm-up-%1$d", "allowedVisitedNetworks": ["%2$s"], "chargingInformation": "warm-up",
                  "mandatoryCapabilities": [], "optionalCapabilities": [], "preferredScscfs": [],
                  "usims": [ { "imsi": "%3$s", "k": "%4$s", "op": "%5$s", "amf": "8000",
                      "eps": { "msisdn": "%6$s", "ueAmbr": { "uplink": 50000000, "downlink": 100000000 },
                               "defaultApn": "warm-up-internet",
                               "apns": [ { "apnProfile": "warm-up-internet" }, { "apnProfile": "warm-up-ims" } ],
                               "allowedVisitedPlmns": ["%7$s"] },
                      "non3gpp": { "ipAccessAllowed": true, "apnsEnabled": true,
                                   "apns": ["warm-up-ims", "warm-up-internet"],
                                   "defaultApn": "warm-up-internet", "trustedAccessAllowed": true,
                                   "untrustedAccessAllowed": true } } ],
                  "privateIdentities": [ { "impi": "%8$s", "password": "%9$s", "usim": "%3$s",
                      "authSchemes": ["SIP Digest", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5"],
                      "defaultScheme": "SIP Digest", "publicIdentities": %10$s } ],
                  "implicitRegistrationSets": [ %10$s ],
                  "publicIdentities": [
                    { "identity": "%11$s", "serviceProfile": "warm-up", "displayName": "Warm-up %1$d" },
                    { "identity": "%12$s", "serviceProfile": "warm-up", "msisdn": "%6$s" } ] }""".formatted(user, REALM, imsi, k, op,
                msisdn(user), PLMN, impi(user), password, impus, impu(user), tel);
    }

    private static String hex(SecureRandom random, int octets) {
        byte[] bytes = new byte[octets];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
