package org.imshss.provisioning.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.NetworkAccessMode;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.SubscriberStatus;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.SubscriberData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EPS part of the seed format: APN profiles, USIMs and their EPS subscriptions, each error named by its path. */
class EpsSeedTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";

    private final SeedLoader loader = new SeedLoader();

    private static final String PROFILES = """
            "apnProfiles": [
              { "id": "internet", "serviceSelection": "internet", "pdnType": "IPv4", "qci": 9,
                "arp": { "priorityLevel": 8 }, "ambr": { "uplink": 1000, "downlink": 2000 },
                "chargingCharacteristics": "0800" },
              { "id": "ims", "serviceSelection": "ims", "pdnType": "IPv4v6", "qci": 5,
                "arp": { "priorityLevel": 1, "preemptionCapability": true, "preemptionVulnerability": false },
                "vplmnDynamicAddressAllowed": true }
            ]""";

    private static String document(String profiles, String usim, String impiExtra) {
        return """
                { "realm": "r.example",
                  "serviceProfiles": [ { "id": "p" } ],
                  %s,
                  "subscriptions": [ { "id": "s",
                    "usims": [ %s ],
                    "privateIdentities": [ { "impi": "u@r.example", "password": "pw"%s,
                                             "publicIdentities": ["sip:u@r.example"] } ],
                    "publicIdentities": [ { "identity": "sip:u@r.example", "serviceProfile": "p" } ] } ] }
                """.formatted(profiles, usim, impiExtra);
    }

    private static String usim(String eps) {
        return "{ \"imsi\": \"001010123456789\", \"k\": \"" + K + "\", \"op\": \"" + OP + "\", \"amf\": \"9001\""
                + (eps == null ? "" : ", \"eps\": " + eps) + " }";
    }

    private static final String EPS = """
            { "msisdn": "+15550199", "additionalMsisdns": ["15550198"], "subscriberStatus": "OPERATOR_DETERMINED_BARRING",
              "operatorDeterminedBarring": 3, "networkAccessMode": "PACKET_AND_CIRCUIT", "accessRestrictionData": 16,
              "ueAmbr": { "uplink": 50000000, "downlink": 100000000 }, "defaultApn": "ims",
              "apns": [ { "apnProfile": "internet", "staticAddresses": ["192.0.2.7", "2001:db8::7"] },
                        { "apnProfile": "ims", "contextIdentifier": 7 } ],
              "allowedVisitedPlmns": ["00101", "310260"], "subscribedPeriodicTauTimer": 3240,
              "chargingCharacteristics": "0a00" }""";

    @Test
    void convertsApnProfilesAndAUsimWithItsEpsSubscription() throws Exception {
        SubscriberData data = loader.readString(document(PROFILES, usim(EPS), ", \"usim\": \"001010123456789\""));

        assertThat(data.apnProfiles()).containsExactly(
                new ApnProfile("internet", "internet", PdnType.IPv4, 9, 8, false, true,
                        new org.imshss.provisioning.model.Ambr(1000, 2000), false, "0800"),
                new ApnProfile("ims", "ims", PdnType.IPv4v6, 5, 1, true, false, null, true, null));
        Usim usim = data.usims().get(0);
        assertThat(usim.imsi()).isEqualTo("001010123456789");
        assertThat(usim.subscriptionId()).isEqualTo("s");
        // OPc = OP xor AES_K(OP) (TS 35.206), computed here with the JDK's AES, sealed for the IMSI.
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(K), "AES"));
        byte[] expectedOpc = aes.doFinal(HEX.parseHex(OP));
        for (int i = 0; i < 16; i++) {
            expectedOpc[i] ^= HEX.parseHex(OP)[i];
        }
        assertThat(Keyring.NONE.open("001010123456789", Keyring.Field.OPC, usim.aka().opc())).isEqualTo(expectedOpc);
        assertThat(HEX.formatHex(Keyring.NONE.open("001010123456789", Keyring.Field.K, usim.aka().k()))).isEqualTo(K);
        assertThat(HEX.formatHex(usim.aka().amf())).isEqualTo("9001");
        EpsSubscription eps = usim.eps();
        assertThat(eps.msisdn()).isEqualTo("15550199");
        assertThat(eps.additionalMsisdns()).containsExactly("15550198");
        assertThat(eps.subscriberStatus()).isEqualTo(SubscriberStatus.OPERATOR_DETERMINED_BARRING);
        assertThat(eps.operatorDeterminedBarring()).isEqualTo(3);
        assertThat(eps.networkAccessMode()).isEqualTo(NetworkAccessMode.PACKET_AND_CIRCUIT);
        assertThat(eps.accessRestrictionData()).isEqualTo(EpsSubscription.E_UTRAN_NOT_ALLOWED);
        assertThat(eps.ueAmbr().uplink()).isEqualTo(50_000_000);
        assertThat(eps.ueAmbr().downlink()).isEqualTo(100_000_000);
        // The given Context-Identifier is kept; the other gets the lowest free one.
        assertThat(eps.apns()).containsExactly(
                new ApnConfiguration(1, "internet", List.of("192.0.2.7", "2001:db8::7")),
                new ApnConfiguration(7, "ims", List.of()));
        assertThat(eps.defaultContextIdentifier()).isEqualTo(7);
        assertThat(eps.allowedVisitedPlmns()).containsExactly("00101", "310260");
        assertThat(eps.subscribedPeriodicTauTimer()).isEqualTo(3240);
        assertThat(eps.chargingCharacteristics()).isEqualTo("0A00");
        assertThat(data.subscriptions().get(0).imsis()).containsExactly("001010123456789");
        var impi = data.privateIdentities().get(0);
        assertThat(impi.auth().usim()).isEqualTo("001010123456789");
        assertThat(impi.auth().aka()).isNull();
        assertThat(impi.auth().allowedSchemes()).contains("Digest-AKAv1-MD5", "Digest-AKAv2-MD5", "SIP Digest");
        assertThat(usim.toString()).doesNotContain(K).doesNotContain(OP);
    }

    @Test
    void keepsTheContextIdentifiersAndKeysOfTheStoredUsim() {
        Usim stored = loader.readString(document(PROFILES, usim(EPS), "")).usims().get(0);
        // The APNs listed the other way round and without identifiers, the keys left out: all kept.
        String reordered = "{ \"imsi\": \"001010123456789\", \"eps\": { \"ueAmbr\": { \"uplink\": 1, \"downlink\": 1 }, "
                + "\"apns\": [ { \"apnProfile\": \"ims\" }, { \"apnProfile\": \"internet\" } ] } }";
        SeedDocument doc = parse(document(PROFILES, reordered, ""));
        Usim next = loader.convert(doc, "test", new SeedLoader.References() {
            @Override
            public java.util.Optional<org.imshss.provisioning.model.InitialFilterCriteria> ifc(String id) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean sharedIfcSet(int id) {
                return false;
            }

            @Override
            public boolean serviceProfile(String id) {
                return false;
            }

            @Override
            public boolean chargingInformation(String id) {
                return false;
            }

            @Override
            public Usim storedUsim(String imsi) {
                return imsi.equals(stored.imsi()) ? stored : null;
            }
        }).usims().get(0);
        assertThat(next.aka()).isEqualTo(stored.aka());
        assertThat(next.eps().apns()).extracting(ApnConfiguration::apnProfile, ApnConfiguration::contextIdentifier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ims", 7),
                        org.assertj.core.groups.Tuple.tuple("internet", 1));
        // Without a stored USIM the same document has no keys.
        rejects(document(PROFILES, reordered, ""), "subscriptions[0].usims[0].k", "required");
    }

    private static SeedDocument parse(String json) {
        try {
            return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readValue(json, SeedDocument.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"id\": \"internet\"|apnProfiles[1].id|duplicate id internet",
        "\"serviceSelection\": \"internet\"|apnProfiles[0].serviceSelection|APN Network Identifier",
        "\"pdnType\": \"IPv4\"|apnProfiles[0].pdnType|must be one of",
        "\"qci\": 9|apnProfiles[0].qci|1 to 254",
        "\"priorityLevel\": 8|apnProfiles[0].arp.priorityLevel|1 to 15",
        "\"uplink\": 1000, \"downlink\": 2000|apnProfiles[0].ambr|may not both be 0",
        "\"chargingCharacteristics\": \"0800\"|apnProfiles[0].chargingCharacteristics|4 hex digits",
    })
    void rejectsBadApnProfiles(String field, String path, String message) {
        String broken = switch (path) {
            case "apnProfiles[1].id" -> PROFILES.replace("\"id\": \"ims\"", field);
            case "apnProfiles[0].serviceSelection" -> PROFILES.replace(field, "\"serviceSelection\": \"bad..apn\"");
            case "apnProfiles[0].pdnType" -> PROFILES.replace(field, "\"pdnType\": \"IPv5\"");
            case "apnProfiles[0].qci" -> PROFILES.replace(field, "\"qci\": 0");
            case "apnProfiles[0].arp.priorityLevel" -> PROFILES.replace(field, "\"priorityLevel\": 16");
            case "apnProfiles[0].ambr" -> PROFILES.replace(field, "\"uplink\": 0, \"downlink\": 0");
            default -> PROFILES.replace(field, "\"chargingCharacteristics\": \"08\"");
        };
        rejects(document(broken, usim(null), ""), path, message);
    }

    @Test
    void rejectsAnApnProfileWithoutArp() {
        rejects(document(PROFILES.replace("\"arp\": { \"priorityLevel\": 8 },", ""), usim(null), ""),
                "apnProfiles[0].arp", "required");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"msisdn\": \"+15550199\"|\"msisdn\": \"1555-0199\"|eps.msisdn|E.164",
        "\"additionalMsisdns\": [\"15550198\"]|\"additionalMsisdns\": [\"x\"]|eps.additionalMsisdns[0]|E.164",
        "\"subscriberStatus\": \"OPERATOR_DETERMINED_BARRING\"|\"subscriberStatus\": \"BARRED\"|eps.subscriberStatus|must be one of",
        "\"networkAccessMode\": \"PACKET_AND_CIRCUIT\"|\"networkAccessMode\": \"CIRCUIT\"|eps.networkAccessMode|must be one of",
        "\"operatorDeterminedBarring\": 3|\"operatorDeterminedBarring\": -1|eps.operatorDeterminedBarring|0 to 4294967295",
        "\"accessRestrictionData\": 16|\"accessRestrictionData\": 4294967296|eps.accessRestrictionData|0 to 4294967295",
        "\"defaultApn\": \"ims\"|\"defaultApn\": \"other\"|eps.defaultApn|not among apns",
        "{ \"apnProfile\": \"ims\", \"contextIdentifier\": 7 }|{ \"apnProfile\": \"nope\" }|eps.apns[1].apnProfile|unknown APN profile nope",
        "{ \"apnProfile\": \"ims\", \"contextIdentifier\": 7 }|{ \"apnProfile\": \"internet\" }|eps.apns[1].apnProfile|listed twice",
        "\"contextIdentifier\": 7|\"contextIdentifier\": 0|eps.apns[1].contextIdentifier|1 or more",
        "\"staticAddresses\": [\"192.0.2.7\", \"2001:db8::7\"]|\"staticAddresses\": [\"192.0.2.7\", \"2001:db8::7\", \"192.0.2.8\"]|eps.apns[0].staticAddresses|at most two",
        "\"staticAddresses\": [\"192.0.2.7\", \"2001:db8::7\"]|\"staticAddresses\": [\"192.0.2.300\"]|eps.apns[0].staticAddresses[0]|IPv4 or IPv6 address",
        "\"staticAddresses\": [\"192.0.2.7\", \"2001:db8::7\"]|\"staticAddresses\": [\"2001:db8::/64\"]|eps.apns[0].staticAddresses[0]|IPv4 or IPv6 address",
        "\"staticAddresses\": [\"192.0.2.7\", \"2001:db8::7\"]|\"staticAddresses\": [\"192.0.2.7\", \"192.0.2.8\"]|eps.apns[0].staticAddresses[1]|a second IPv4",
        "\"allowedVisitedPlmns\": [\"00101\", \"310260\"]|\"allowedVisitedPlmns\": [\"0010\"]|eps.allowedVisitedPlmns[0]|5 or 6 digits",
        "\"subscribedPeriodicTauTimer\": 3240|\"subscribedPeriodicTauTimer\": -5|eps.subscribedPeriodicTauTimer|0 to",
        "\"chargingCharacteristics\": \"0a00\"|\"chargingCharacteristics\": \"zz00\"|eps.chargingCharacteristics|4 hex digits",
        "\"ueAmbr\": { \"uplink\": 50000000, \"downlink\": 100000000 },|\"ueAmbr\": { \"uplink\": -1, \"downlink\": 1 },|eps.ueAmbr.uplink|bit/s",
        "\"ueAmbr\": { \"uplink\": 50000000, \"downlink\": 100000000 },||eps.ueAmbr|required with apns",
    })
    void rejectsBadEpsSubscriptions(String from, String to, String path, String message) {
        assertThat(EPS).contains(from);
        rejects(document(PROFILES, usim(EPS.replace(from, to == null ? "" : to)), ""),
                "subscriptions[0].usims[0]." + path, message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"imsi\": \"001010123456789\"|\"imsi\": \"00101\"|imsi|6 to 15 digits",
        "\"imsi\": \"001010123456789\"|\"imsi\": \"0010101234567890\"|imsi|6 to 15 digits",
        "\"imsi\": \"001010123456789\"|\"imsi\": \"00101abc\"|imsi|6 to 15 digits",
        "\"k\": \"465b5ce8b199b49faa5f0a2ee238a6bc\"|\"k\": \"465b\"|k|32 hex digits",
        "\"op\": \"cdc202d5123e20f62b6d676ac72cb318\"|\"opc\": \"cdc2\"|opc|32 hex digits",
        "\"op\": \"cdc202d5123e20f62b6d676ac72cb318\", |\"op\": \"cdc202d5123e20f62b6d676ac72cb318\", \"opc\": \"cdc202d5123e20f62b6d676ac72cb318\", |opc|not both",
        "\"op\": \"cdc202d5123e20f62b6d676ac72cb318\", ||k|op or opc",
        "\"amf\": \"9001\"|\"amf\": \"90\"|amf|4 hex digits",
    })
    void rejectsBadUsims(String from, String to, String field, String message) {
        String usim = usim(null);
        assertThat(usim).contains(from);
        rejects(document(PROFILES, usim.replace(from, to == null ? "" : to), ""),
                "subscriptions[0].usims[0]." + field, message);
    }

    @Test
    void rejectsADuplicateImsi() {
        rejects(document(PROFILES, usim(null) + ", " + usim(null), ""), "subscriptions[0].usims[1].imsi",
                "duplicate IMSI 001010123456789");
    }

    @Test
    void aPrivateIdentityUsesOnlyAUsimOfItsSubscriptionAndNoKeysBeside() {
        rejects(document(PROFILES, usim(null), ", \"usim\": \"001019999999999\""),
                "subscriptions[0].privateIdentities[0].usim", "not a USIM of this subscription");
        rejects(document(PROFILES, usim(null), ", \"usim\": \"001010123456789\", \"k\": \"" + K + "\", \"op\": \""
                + OP + "\""), "subscriptions[0].privateIdentities[0].usim", "not both");
        rejects(document(PROFILES, usim(null), ", \"authSchemes\": [\"Digest-AKAv1-MD5\"]"),
                "subscriptions[0].privateIdentities[0].authSchemes[0]", "or usim");
    }

    @Test
    void aUsimSealedWithAKeyOpensOnlyForItsImsi() {
        byte[] key = new byte[32];
        key[3] = 7;
        Keyring keyring = new Keyring(Map.of("k1", key), "k1");
        Usim usim = new SeedLoader(keyring).readString(document(PROFILES, usim(null), "")).usims().get(0);
        assertThat(usim.aka().k().keyId()).isEqualTo("k1");
        assertThat(HEX.formatHex(keyring.open("001010123456789", Keyring.Field.K, usim.aka().k()))).isEqualTo(K);
        assertThatThrownBy(() -> keyring.open("001010123456780", Keyring.Field.K, usim.aka().k()))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
        assertThat(usim.eps()).isNull();
    }

    private void rejects(String json, String expectedPath, String expectedText) {
        assertThatThrownBy(() -> loader.readString(json))
                .isInstanceOf(SeedException.class)
                .satisfies(e -> assertThat(((SeedException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith(expectedPath + ": ").contains(expectedText)));
    }
}
