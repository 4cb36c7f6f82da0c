package org.imshss.provisioning.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.SubscriberData;
import org.junit.jupiter.api.Test;

class SeedLoaderTest {

    private static final HexFormat HEX = HexFormat.of();
    private final SeedLoader loader = new SeedLoader();

    private static String md5(String s) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> Map<String, T> byKey(List<T> list, Function<T, String> key) {
        return list.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static final String ALICE_IMSI = "001010000000001";
    private static final String ALICE_DERIVED_IMPI = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";

    @Test
    void loadsTheDemo() throws Exception {
        SubscriberData data = loader.demo();

        assertThat(data.subscriptions()).extracting(s -> s.id()).containsExactly("alice", "bob", "carol", "services");
        Map<String, PrivateIdentity> impis = byKey(data.privateIdentities(), PrivateIdentity::impi);
        assertThat(impis).containsOnlyKeys("alice@ims.example.org", ALICE_DERIVED_IMPI, "bob@ims.example.org",
                "carol@ims.example.org");

        PrivateIdentity alice = impis.get("alice@ims.example.org");
        assertThat(alice.auth().digest().realm()).isEqualTo("ims.example.org");
        assertThat(ha1(alice)).isEqualTo(md5("alice@ims.example.org:ims.example.org:alice"));
        // Her AKA keys are her USIM's, sealed for the IMSI; the identity names the USIM.
        assertThat(alice.auth().aka()).isNull();
        assertThat(alice.auth().usim()).isEqualTo(ALICE_IMSI);
        Usim usim = data.usims().get(0);
        assertThat(usim.imsi()).isEqualTo(ALICE_IMSI);
        assertThat(usim.subscriptionId()).isEqualTo("alice");
        assertThat(HEX.formatHex(Keyring.NONE.open(ALICE_IMSI, Keyring.Field.OPC, usim.aka().opc())))
                .isEqualTo("cd63cb71954a9f4e48a5994e37a02baf");
        assertThat(HEX.formatHex(Keyring.NONE.open(ALICE_IMSI, Keyring.Field.K, usim.aka().k())))
                .isEqualTo("465b5ce8b199b49faa5f0a2ee238a6bc");
        assertThat(HEX.formatHex(usim.aka().amf())).isEqualTo("8000");
        PrivateIdentity derived = impis.get(ALICE_DERIVED_IMPI);
        assertThat(derived.impi()).isEqualTo(Usim.derivedImpi(ALICE_IMSI, 2));
        assertThat(derived.auth().usim()).isEqualTo(ALICE_IMSI);
        assertThat(derived.auth().defaultScheme()).isEqualTo("Digest-AKAv1-MD5");
        assertThat(derived.publicIdentities()).containsExactly("sip:alice@ims.example.org", "tel:+15550101");
        assertThat(data.subscriptions().get(0).imsis()).containsExactly(ALICE_IMSI);
        assertThat(alice.auth().defaultScheme()).isEqualTo("SIP Digest");
        assertThat(alice.auth().allowedSchemes()).containsExactlyInAnyOrder("SIP Digest", "Digest-AKAv1-MD5",
                "Digest-AKAv2-MD5", "HTTP_DIGEST_MD5", "NASS-Bundled", "Early-IMS-Security");
        assertThat(alice.auth().lineIdentifier()).isEqualTo("alice-line-0001");
        assertThat(alice.auth().ipAddress()).isEqualTo("192.0.2.11");
        assertThat(alice.auth().cleartextPasswordAllowed()).isFalse();
        assertThat(alice.auth().sealedPassword()).isNull();
        assertThat(alice.publicIdentities()).containsExactly("sip:alice@ims.example.org", "tel:+15550101");

        PrivateIdentity bob = impis.get("bob@ims.example.org");
        assertThat(ha1(bob)).isEqualTo(md5("bob@ims.example.org:ims.example.org:bob"));
        assertThat(bob.auth().defaultScheme()).isEqualTo("SIP Digest");

        PrivateIdentity carol = impis.get("carol@ims.example.org");
        assertThat(ha1(carol))
                .isEqualTo(md5("carol@ims.example.org:ims.example.org:carol-aka-secret"));
        assertThat(HEX.formatHex(open(carol, Keyring.Field.K))).isEqualTo("6361726f6c2d616b612d736563726574");
        assertThat(HEX.formatHex(open(carol, Keyring.Field.OPC)))
                .isEqualTo(HEX.formatHex(SeedLoader.opc(HEX.parseHex("6361726f6c2d616b612d736563726574"),
                        HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318"))));
        assertThat(carol.auth().defaultScheme()).isEqualTo("Digest-AKAv1-MD5");

        Map<String, PublicIdentity> impus = byKey(data.publicIdentities(), PublicIdentity::identity);
        assertThat(impus.get("sip:alice@ims.example.org").implicitSetId())
                .isEqualTo(impus.get("tel:+15550101").implicitSetId()).isEqualTo("alice/0");
        assertThat(impus.get("sip:alice@ims.example.org").privateIdentities())
                .containsExactly("alice@ims.example.org", ALICE_DERIVED_IMPI);
        assertThat(impus.get("sip:alice@ims.example.org").displayName()).isEqualTo("Alice");
        assertThat(impus.get("sip:bob@ims.example.org").implicitSetId()).isEqualTo("bob/0");

        PublicIdentity conference = impus.get("sip:conference@ims.example.org");
        assertThat(conference.type()).isEqualTo(IdentityType.DISTINCT_PSI);
        assertThat(conference.psiActivated()).isTrue();
        assertThat(conference.psiAsName()).isEqualTo("sip:as.ims.example.org:5070");
        assertThat(conference.privateIdentities()).isEmpty();
        PublicIdentity chat = impus.get("sip:chat-!.*!@ims.example.org");
        assertThat(chat.type()).isEqualTo(IdentityType.WILDCARDED_PSI);
        assertThat(chat.subscriptionId()).isEqualTo("services");
        assertThat(conference.implicitSetId()).isNotEqualTo(chat.implicitSetId());

        assertThat(data.implicitRegistrationSets()).extracting(ImplicitRegistrationSet::id)
                .containsExactly("alice/0", "bob/0", "carol/0", "services/0", "services/1");
        assertThat(data.subscriptions()).allSatisfy(s -> {
            assertThat(s.allowedVisitedNetworks()).containsExactly("ims.example.org");
            assertThat(s.chargingInformationId()).isEqualTo("default");
        });
        assertThat(data.subscriptions().get(3).privateIdentities()).isEmpty();
        assertThat(data.scscfServers()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("sip:scscf.ims.example.org:6060");
            assertThat(s.capabilities()).isEmpty();
        });
        assertThat(data.initialFilterCriteria()).singleElement().satisfies(ifc -> {
            assertThat(ifc.triggerPoint().conditionTypeCnf()).isTrue();
            assertThat(ifc.triggerPoint().spts()).extracting(ServicePointTrigger::condition).containsExactly(
                    new ServicePointTrigger.Method("INVITE", List.of()),
                    new ServicePointTrigger.SessionCase(0), new ServicePointTrigger.SessionCase(3));
            assertThat(ifc.triggerPoint().spts()).extracting(ServicePointTrigger::groups)
                    .containsExactly(List.of(0), List.of(1), List.of(1));
            assertThat(ifc.applicationServer().serverName()).isEqualTo("sip:as.ims.example.org:5070");
            assertThat(ifc.applicationServer().defaultHandling()).isZero();
        });
        assertThat(data.chargingInformation()).singleElement()
                .satisfies(c -> assertThat(c.primaryEventChargingFunctionName()).isNotBlank());
    }

    @Test
    void publicIdentitiesMustBeWellFormedSipOrTelUris() {
        for (String good : List.of("sip:alice@ims.example.org", "sips:bob@ims.example.org:5061;transport=tls",
                "sip:+15550101;npdi@ims.example.org;user=phone", "sip:conference.ims.example.org",
                "sip:alice@[2001:db8::1]", "tel:+1-555-0101", "tel:7042;phone-context=ims.example.org")) {
            assertThat(PublicIdentityConverter.uriSyntax(good)).as(good).isTrue();
        }
        for (String bad : List.of("sip:", "sip:alice@", "sip:alice smith@ims.example.org", "sip:alice@ims..example.org",
                "sip:alice@-ims.example.org", "tel:", "tel:+", "tel:5550101", "tel:+1555 0101")) {
            assertThat(PublicIdentityConverter.uriSyntax(bad)).as(bad).isFalse();
        }
    }

    @Test
    void secretsNeverAppearInToString() {
        SubscriberData data = loader.demo();
        String all = data.toString();
        assertThat(all).doesNotContain("465b5ce8b199b49faa5f0a2ee238a6bc", "cd63cb71954a9f4e48a5994e37a02baf",
                "cdc202d5123e20f62b6d676ac72cb318", "carol-aka-secret",
                ha1(data.privateIdentities().get(0)));
        assertThat(all).contains("alice@ims.example.org");
    }

    @Test
    void derivesTheTestSetOpc() {
        byte[] opc = SeedLoader.opc(HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc"),
                HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318"));
        assertThat(HEX.formatHex(opc)).isEqualTo("cd63cb71954a9f4e48a5994e37a02baf");
    }

    @Test
    void appliesDefaultsForAMinimalDocument() {
        SubscriberData data = loader.readString("""
                { "realm": "r.example",
                  "serviceProfiles": [ { "id": "p" } ],
                  "subscriptions": [ { "id": "s",
                    "privateIdentities": [
                      { "impi": "a@r.example", "password": "pw", "publicIdentities": ["sip:a@R.example;user=phone"] },
                      { "impi": "b@r.example", "realm": "other.example", "ha1": "0123456789ABCDEF0123456789abcdef",
                        "k": "465b5ce8b199b49faa5f0a2ee238a6bc", "opc": "cd63cb71954a9f4e48a5994e37a02baf",
                        "publicIdentities": ["sip:a@r.example", "sip:b@r.example"] },
                      { "impi": "c@r.example", "k": "465b5ce8b199b49faa5f0a2ee238a6bc",
                        "op": "cdc202d5123e20f62b6d676ac72cb318", "publicIdentities": ["sip:c@r.example"] } ],
                    "implicitRegistrationSets": [ { "id": "custom", "publicIdentities": ["sip:b@r.example"] } ],
                    "publicIdentities": [ { "identity": "sip:a@r.example", "serviceProfile": "p" },
                                          { "identity": "sip:b@r.example", "serviceProfile": "p", "barred": true },
                                          { "identity": "sip:c@r.example", "serviceProfile": "p" } ] } ] }
                """);
        Map<String, PrivateIdentity> impis = byKey(data.privateIdentities(), PrivateIdentity::impi);
        assertThat(impis.get("a@r.example").auth().allowedSchemes()).containsExactly("SIP Digest");
        assertThat(impis.get("a@r.example").auth().aka()).isNull();
        assertThat(impis.get("a@r.example").publicIdentities()).containsExactly("sip:a@r.example");
        assertThat(impis.get("b@r.example").auth().digest().realm()).isEqualTo("other.example");
        assertThat(ha1(impis.get("b@r.example"))).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(impis.get("b@r.example").auth().allowedSchemes())
                .containsExactlyInAnyOrder("SIP Digest", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5");
        assertThat(impis.get("c@r.example").auth().allowedSchemes())
                .containsExactlyInAnyOrder("Digest-AKAv1-MD5", "Digest-AKAv2-MD5");
        assertThat(impis.get("c@r.example").auth().defaultScheme()).isEqualTo("Digest-AKAv1-MD5");
        assertThat(HEX.formatHex(impis.get("c@r.example").auth().aka().amf())).isEqualTo("8000");

        Map<String, PublicIdentity> impus = byKey(data.publicIdentities(), PublicIdentity::identity);
        assertThat(impus.get("sip:a@r.example").privateIdentities()).containsExactly("a@r.example", "b@r.example");
        assertThat(impus.get("sip:a@r.example").type()).isEqualTo(IdentityType.PUBLIC_USER_IDENTITY);
        assertThat(impus.get("sip:b@r.example").implicitSetId()).isEqualTo("custom");
        assertThat(impus.get("sip:b@r.example").barred()).isTrue();
        assertThat(impus.get("sip:a@r.example").implicitSetId()).isEqualTo("s/1");
        assertThat(impus.get("sip:c@r.example").implicitSetId()).isEqualTo("s/2");
    }

    /** The demo with one replacement applied; the replaced text must occur exactly once. */
    private static String demoWith(String from, String to) throws Exception {
        String demo;
        try (var in = SeedLoader.class.getClassLoader().getResourceAsStream(SeedLoader.DEMO_RESOURCE)) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(demo.indexOf(from)).as("'%s' in demo.json", from).isNotNegative().isEqualTo(demo.lastIndexOf(from));
        return demo.replace(from, to);
    }

    private void rejects(String json, String expectedPath, String expectedText) {
        assertThatThrownBy(() -> loader.readString(json))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining(expectedPath + ": ")
                .hasMessageContaining(expectedText);
    }

    @Test
    void rejectsUnknownReferences() throws Exception {
        rejects(demoWith("\"ifcs\": [\"orig-invite-as\"]", "\"ifcs\": [\"orig-invite-ass\"]"),
                "serviceProfiles[0].ifcs[0]", "unknown iFC orig-invite-ass");
        rejects(demoWith("{ \"identity\": \"tel:+15550101\", \"serviceProfile\": \"default\" }",
                        "{ \"identity\": \"tel:+15550101\", \"serviceProfile\": \"gold\" }"),
                "subscriptions[0].publicIdentities[1].serviceProfile", "unknown service profile gold");
        rejects(demoWith("\"id\": \"alice\",\n      \"allowedVisitedNetworks\": [\"ims.example.org\"],\n      \"chargingInformation\": \"default\"",
                        "\"id\": \"alice\",\n      \"allowedVisitedNetworks\": [\"ims.example.org\"],\n      \"chargingInformation\": \"nope\""),
                "subscriptions[0].chargingInformation", "unknown charging information nope");
        rejects(demoWith("\"sharedIfcSets\": [], \"subscribedMediaProfileId\"", "\"sharedIfcSets\": [5], \"subscribedMediaProfileId\""),
                "serviceProfiles[0].sharedIfcSets[0]", "unknown shared iFC set 5");
    }

    @Test
    void dsaiTagsNameTheIfcsTheyGovern() {
        SubscriberData data = loader.readString("""
                { "ifcs": [ { "id": "i1", "priority": 1, "applicationServer": { "serverName": "sip:as.r.example" } },
                            { "id": "i2", "priority": 2, "applicationServer": { "serverName": "sip:as.r.example" } } ],
                  "dsai": [ { "tag": "video", "ifcs": ["i1", "i2"] }, { "tag": "chat", "ifcs": ["i2"] } ] }
                """);
        assertThat(data.dsai()).extracting(d -> d.tag()).containsExactly("video", "chat");
        assertThat(data.dsai().get(0).ifcIds()).containsExactly("i1", "i2");

        String ifc = "\"ifcs\": [ { \"id\": \"i1\", \"priority\": 1, "
                + "\"applicationServer\": { \"serverName\": \"sip:as.r.example\" } } ], ";
        rejects("{ " + ifc + "\"dsai\": [ { \"tag\": \"t\", \"ifcs\": [\"i1\", \"i9\"] } ] }",
                "dsai[0].ifcs[1]", "unknown iFC i9");
        rejects("{ " + ifc + "\"dsai\": [ { \"tag\": \"t\", \"ifcs\": [] } ] }", "dsai[0].ifcs", "at least one");
        rejects("{ " + ifc + "\"dsai\": [ { \"ifcs\": [\"i1\"] } ] }", "dsai[0].tag", "required");
        rejects("{ " + ifc + "\"dsai\": [ { \"tag\": \"t\", \"ifcs\": [\"i1\"] }, "
                + "{ \"tag\": \"t\", \"ifcs\": [\"i1\"] } ] }", "dsai[1].tag", "duplicate tag t");
    }

    @Test
    void rejectsBadKeys() throws Exception {
        rejects(demoWith("\"k\": \"6361726f6c2d616b612d736563726574\"", "\"k\": \"6361726f6c2d616b612d7365637265\""),
                "subscriptions[2].privateIdentities[0].k", "32 hex digits");
        rejects(demoWith("\"password\": \"bob\",\n          \"k\": \"465b5ce8b199b49faa5f0a2ee238a6bc\", \"op\": \"cdc202d5123e20f62b6d676ac72cb318\"",
                        "\"password\": \"bob\",\n          \"k\": \"465b5ce8b199b49faa5f0a2ee238a6bc\", \"op\": \"xdc202d5123e20f62b6d676ac72cb318\""),
                "subscriptions[1].privateIdentities[0].op", "32 hex digits");
        rejects(demoWith("\"password\": \"carol-aka-secret\",\n          \"k\": \"6361726f6c2d616b612d736563726574\", \"op\": \"cdc202d5123e20f62b6d676ac72cb318\", \"amf\": \"8000\"",
                        "\"password\": \"carol-aka-secret\",\n          \"k\": \"6361726f6c2d616b612d736563726574\", \"op\": \"cdc202d5123e20f62b6d676ac72cb318\", \"amf\": \"800\""),
                "subscriptions[2].privateIdentities[0].amf", "4 hex digits");
        rejects(demoWith("\"password\": \"bob\",", "\"password\": \"bob\", \"opc\": \"cd63cb71954a9f4e48a5994e37a02baf\","),
                "subscriptions[1].privateIdentities[0].opc", "not both");
        rejects(demoWith("\"password\": \"bob\",", "\"password\": \"bob\", \"ha1\": \"0123456789abcdef0123456789abcdef\","),
                "subscriptions[1].privateIdentities[0].ha1", "not both");
    }

    @Test
    void rejectsBadIdentities() throws Exception {
        rejects(demoWith("\"implicitRegistrationSets\": [ [\"sip:alice@ims.example.org\", \"tel:+15550101\"] ]",
                        "\"implicitRegistrationSets\": [ [\"sip:alice@ims.example.org\", \"tel:+15550102\"] ]"),
                "subscriptions[0].implicitRegistrationSets[0][1]", "not defined");
        rejects(demoWith("\"implicitRegistrationSets\": [ [\"sip:alice@ims.example.org\", \"tel:+15550101\"] ]",
                        "\"implicitRegistrationSets\": [ [\"sip:alice@ims.example.org\"], [\"tel:+15550101\", \"sip:alice@ims.example.org\"] ]"),
                "subscriptions[0].implicitRegistrationSets[1][1]", "already in implicit registration set alice/0");
        rejects(demoWith("\"publicIdentities\": [\"sip:bob@ims.example.org\"]", "\"publicIdentities\": [\"sip:bobby@ims.example.org\"]"),
                "subscriptions[1].privateIdentities[0].publicIdentities[0]", "not defined");
        rejects(demoWith("\"type\": \"WILDCARDED_PSI\"", "\"type\": \"DISTINCT_PSI\""),
                "subscriptions[3].publicIdentities[1].type", "WILDCARDED_PSI or WILDCARDED_IMPU");
        rejects(demoWith("\"type\": \"DISTINCT_PSI\"", "\"type\": \"PSI\""),
                "subscriptions[3].publicIdentities[0].type", "unknown identity type PSI");
        rejects(demoWith("{ \"identity\": \"sip:bob@ims.example.org\"", "{ \"identity\": \"sip:alice@ims.example.org\""),
                "subscriptions[1].publicIdentities[0].identity", "already in subscription alice");
        rejects(demoWith("\"privateIdentities\": [],\n      \"publicIdentities\": [\n",
                        "\"privateIdentities\": [],\n      \"publicIdentities\": [\n"
                        + "        { \"identity\": \"sip:user@ims.example.org\", \"serviceProfile\": \"default\" },\n"),
                "subscriptions[3].publicIdentities[0].identity", "not listed by any private identity");
    }

    @Test
    void rejectsBadSchemesAndTriggers() throws Exception {
        rejects(demoWith("\"defaultScheme\": \"Digest-AKAv1-MD5\"", "\"defaultScheme\": \"NASS-Bundled\""),
                "subscriptions[2].privateIdentities[0].defaultScheme", "not one of the allowed schemes");
        String bobSchemes = "\"authSchemes\": [\"SIP Digest\", \"Digest-AKAv1-MD5\", \"Digest-AKAv2-MD5\"], "
                + "\"defaultScheme\": \"SIP Digest\",\n          \"publicIdentities\": [\"sip:bob";
        rejects(demoWith(bobSchemes, bobSchemes.replace("\"Digest-AKAv1-MD5\"", "\"Digest-AKAv3\"")),
                "subscriptions[1].privateIdentities[0].authSchemes[1]", "unknown scheme Digest-AKAv3");
        rejects(demoWith("{ \"groups\": [1], \"sessionCase\": 3 }", "{ \"groups\": [1], \"sessionCase\": 3, \"method\": \"BYE\" }"),
                "ifcs[0].triggerPoint.spts[2]", "exactly one of");
        rejects(demoWith("{ \"groups\": [1], \"sessionCase\": 3 }", "{ \"groups\": [1], \"sessionCase\": 9 }"),
                "ifcs[0].triggerPoint.spts[2].sessionCase", "0..4");
        rejects(demoWith("{ \"groups\": [0], \"method\": \"INVITE\" }", "{ \"groups\": [0], \"method\": \"INVITE\", \"registrationTypes\": [0] }"),
                "ifcs[0].triggerPoint.spts[0].registrationTypes", "REGISTER");
    }

    @Test
    void rejectsUnknownFieldsAndBadJson() throws Exception {
        rejects(demoWith("\"password\": \"bob\"", "\"pasword\": \"bob\""),
                "subscriptions[1].privateIdentities[0].pasword", "unknown field");
        rejects(demoWith("\"realm\": \"ims.example.org\",", "\"realm\": \"ims.example.org\", \"extra\": 1,"),
                "extra", "unknown field");
        rejects(demoWith("\"priority\": 10,", "\"priority\": \"ten\","), "ifcs[0].priority", "");
        assertThatThrownBy(() -> loader.readString("{ \"realm\": "))
                .isInstanceOf(SeedException.class).hasMessageContaining("line 1");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String json = demoWith("\"ifcs\": [\"orig-invite-as\"]", "\"ifcs\": [\"missing\"]")
                .replace("\"k\": \"6361726f6c2d616b612d736563726574\"", "\"k\": \"zz\"");
        assertThatThrownBy(() -> loader.readString(json))
                .isInstanceOfSatisfying(SeedException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void aPasswordNeedsARealm() throws Exception {
        rejects(demoWith("\"realm\": \"ims.example.org\",", ""),
                "subscriptions[0].privateIdentities[0].password", "needs a realm");
    }

    private static final String CLEARTEXT_SEED = """
            { "realm": "r.example",
              "serviceProfiles": [ { "id": "p" } ],
              "subscriptions": [ { "id": "s",
                "privateIdentities": [
                  { "impi": "m@r.example", "password": "md5-secret", "cleartextPassword": true,
                    "authSchemes": ["Digest-MD5", "SIP Digest"], "publicIdentities": ["sip:m@r.example"] } ],
                "publicIdentities": [ { "identity": "sip:m@r.example", "serviceProfile": "p" } ] } ] }
            """;

    @Test
    void aCleartextCapableIdentityNeedsTheKeyAndKeepsThePasswordOnlyEncrypted() {
        assertThatThrownBy(() -> loader.readString(CLEARTEXT_SEED))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("subscriptions[0].privateIdentities[0].cleartextPassword: ")
                .hasMessageContaining(SeedLoader.PASSWORD_KEY_SETTING);

        byte[] key = new byte[32];
        key[0] = 7;
        Keyring sealer = new Keyring(Map.of("k1", key), "k1");
        PrivateIdentity m = new SeedLoader(sealer).readString(CLEARTEXT_SEED).privateIdentities().get(0);
        assertThat(m.auth().cleartextPasswordAllowed()).isTrue();
        assertThat(m.auth().allowedSchemes()).containsExactlyInAnyOrder("Digest-MD5", "SIP Digest");
        assertThat(new String(m.auth().sealedPassword().ciphertext(), StandardCharsets.ISO_8859_1))
                .doesNotContain("md5-secret");
        assertThat(sealer.open("m@r.example", Keyring.Field.PASSWORD, m.auth().sealedPassword()))
                .isEqualTo("md5-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(m.toString()).doesNotContain("md5-secret");
    }

    @Test
    void digestMd5NeedsTheCleartextFlagAndTheHttpSchemeHasItsSpecSpelling() throws Exception {
        String aliceSchemes = "\"Digest-AKAv2-MD5\", \"HTTP_DIGEST_MD5\"";
        rejects(demoWith(aliceSchemes, "\"Digest-AKAv2-MD5\", \"Digest-MD5\""),
                "subscriptions[0].privateIdentities[0].authSchemes[3]", "cleartextPassword: true");
        rejects(demoWith(aliceSchemes, "\"Digest-AKAv2-MD5\", \"Digest-HTTP\""),
                "subscriptions[0].privateIdentities[0].authSchemes[3]", "unknown scheme Digest-HTTP");
        PrivateIdentity alice = loader.readString(demoWith(aliceSchemes, "\"Digest-AKAv2-MD5\", \"http_digest_md5\""))
                .privateIdentities().get(0);
        assertThat(alice.auth().allowedSchemes()).contains("HTTP_DIGEST_MD5");
        assertThat(SeedLoader.KNOWN_SCHEMES).contains("HTTP_DIGEST_MD5", "Digest-MD5").doesNotContain("Digest-HTTP");
    }

    @Test
    void theEarlyImsAddressMustBeAnIpAddressOrPrefix() throws Exception {
        for (String bad : List.of("192.0.2", "300.1.1.1", "alice.example.org", "2001:db8::/129", "2001:db8:::1")) {
            rejects(demoWith("\"ipAddress\": \"192.0.2.11\"", "\"ipAddress\": \"" + bad + "\""),
                    "subscriptions[0].privateIdentities[0].ipAddress", "IPv4 address");
        }
        for (String good : List.of("198.51.100.7", "2001:db8::1", "2001:db8:1::/48")) {
            assertThat(loader.readString(demoWith("\"ipAddress\": \"192.0.2.11\"", "\"ipAddress\": \"" + good + "\""))
                    .privateIdentities().get(0).auth().ipAddress()).isEqualTo(good);
        }
    }

    /** The loader above has no key: values are kept clear and open without one. */
    private static byte[] open(PrivateIdentity p, Keyring.Field field) {
        return Keyring.NONE.open(p.impi(), field,
                field == Keyring.Field.K ? p.auth().aka().k() : p.auth().aka().opc());
    }

    private static String ha1(PrivateIdentity p) {
        return Keyring.NONE.openText(p.impi(), Keyring.Field.HA1, p.auth().digest().ha1());
    }

    @Test
    void withAKeyEverySecretIsSealedUnderItAndOpensOnlyForItsIdentityAndField() throws Exception {
        byte[] key = new byte[32];
        key[5] = 9;
        Keyring keyring = new Keyring(Map.of("k1", key), "k1");
        SubscriberData demo = new SeedLoader(keyring).demo();
        PrivateIdentity alice = demo.privateIdentities().stream()
                .filter(p -> p.impi().equals("alice@ims.example.org")).findFirst().orElseThrow();
        Usim usim = demo.usims().get(0);
        assertThat(usim.aka().k().keyId()).isEqualTo("k1");
        assertThat(HEX.formatHex(usim.aka().k().ciphertext())).doesNotContain("465b5ce8b199b49faa5f0a2ee238a6bc");
        assertThat(HEX.formatHex(keyring.open(ALICE_IMSI, Keyring.Field.K, usim.aka().k())))
                .isEqualTo("465b5ce8b199b49faa5f0a2ee238a6bc");
        assertThat(HEX.formatHex(keyring.open(ALICE_IMSI, Keyring.Field.OPC, usim.aka().opc())))
                .isEqualTo("cd63cb71954a9f4e48a5994e37a02baf");
        assertThat(keyring.openText(alice.impi(), Keyring.Field.HA1, alice.auth().digest().ha1()))
                .isEqualTo(md5("alice@ims.example.org:ims.example.org:alice"));
        assertThatThrownBy(() -> keyring.open(ALICE_IMSI, Keyring.Field.OPC, usim.aka().k()))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
        // Sealed for the IMSI: the label of another identity does not open it.
        assertThatThrownBy(() -> keyring.open(alice.impi(), Keyring.Field.K, usim.aka().k()))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
    }
}
