package org.imshss.hss.userdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imshss.hss.userdata.Fixtures.ALICE_IMPI;
import static org.imshss.hss.userdata.Fixtures.ALICE_SIP;
import static org.imshss.hss.userdata.Fixtures.ALICE_TEL;
import static org.imshss.hss.userdata.Fixtures.AS;
import static org.imshss.hss.userdata.Fixtures.aliceIfc;
import static org.imshss.hss.userdata.Fixtures.as;
import static org.imshss.hss.userdata.Fixtures.doc;
import static org.imshss.hss.userdata.Fixtures.docWithIfcs;
import static org.imshss.hss.userdata.Fixtures.identity;
import static org.imshss.hss.userdata.Fixtures.ifc;
import static org.imshss.hss.userdata.Fixtures.impu;
import static org.imshss.hss.userdata.Fixtures.profile;
import static org.imshss.hss.userdata.Fixtures.section;
import static org.imshss.hss.userdata.Fixtures.spt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imshss.hss.testing.UserDataXml;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServicePointTrigger.Method;
import org.imshss.provisioning.model.ServicePointTrigger.RequestUri;
import org.imshss.provisioning.model.ServicePointTrigger.SessionCase;
import org.imshss.provisioning.model.ServicePointTrigger.SessionDescription;
import org.imshss.provisioning.model.ServicePointTrigger.SipHeader;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.TriggerPoint;
import org.junit.jupiter.api.Test;

class CxUserDataWriterTest {

    private static final String SP = "/IMSSubscription/ServiceProfile";
    private static final String IFC = SP + "/InitialFilterCriteria";

    private final CxUserDataWriter writer = new CxUserDataWriter();

    private UserDataXml write(ImsSubscriptionDocument doc) {
        return UserDataXml.parseValid(writer.write(doc));
    }

    @Test
    void aliceLikeSetHasIdentitiesProfileAndCnfTrigger() {
        ServiceProfile profile = profile("sp-alice", List.of("ifc-alice"), List.of(), 0);
        ImsSubscriptionDocument doc = new ImsSubscriptionDocument(ALICE_IMPI, List.of(section(profile,
                List.of(impu(ALICE_SIP, "sp-alice"), impu(ALICE_TEL, "sp-alice")), List.of(aliceIfc()))));

        String text = writer.write(doc);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>");
        UserDataXml xml = UserDataXml.parseValid(text);

        assertThat(xml.children("/IMSSubscription")).containsExactly("PrivateID", "ServiceProfile");
        assertThat(xml.text("/IMSSubscription/PrivateID")).isEqualTo(ALICE_IMPI);
        assertThat(xml.children(SP)).containsExactly(
                "PublicIdentity", "PublicIdentity", "CoreNetworkServicesAuthorization", "InitialFilterCriteria");
        assertThat(xml.texts(SP + "/PublicIdentity/Identity")).containsExactly(ALICE_SIP, ALICE_TEL);
        assertThat(xml.children(SP + "/PublicIdentity[1]")).containsExactly("Identity", "Extension");
        assertThat(xml.children(SP + "/PublicIdentity[1]/Extension")).containsExactly("IdentityType");
        assertThat(xml.texts(SP + "/PublicIdentity/Extension/IdentityType")).containsExactly("0", "0");
        assertThat(xml.text(SP + "/CoreNetworkServicesAuthorization/SubscribedMediaProfileId")).isEqualTo("0");

        assertThat(xml.children(IFC)).containsExactly("Priority", "TriggerPoint", "ApplicationServer");
        assertThat(xml.text(IFC + "/Priority")).isEqualTo("10");
        assertThat(xml.children(IFC + "/TriggerPoint")).containsExactly("ConditionTypeCNF", "SPT", "SPT", "SPT");
        assertThat(xml.text(IFC + "/TriggerPoint/ConditionTypeCNF")).isEqualTo("1");
        assertThat(xml.children(IFC + "/TriggerPoint/SPT[1]")).containsExactly("ConditionNegated", "Group", "Method");
        assertThat(xml.text(IFC + "/TriggerPoint/SPT[1]/ConditionNegated")).isEqualTo("0");
        assertThat(xml.text(IFC + "/TriggerPoint/SPT[1]/Group")).isEqualTo("0");
        assertThat(xml.text(IFC + "/TriggerPoint/SPT[1]/Method")).isEqualTo("INVITE");
        assertThat(xml.children(IFC + "/TriggerPoint/SPT[2]")).containsExactly("ConditionNegated", "Group", "SessionCase");
        assertThat(xml.texts(IFC + "/TriggerPoint/SPT[position() > 1]/Group")).containsExactly("1", "1");
        assertThat(xml.texts(IFC + "/TriggerPoint/SPT/SessionCase")).containsExactly("0", "3");
        assertThat(xml.children(IFC + "/ApplicationServer")).containsExactly("ServerName", "DefaultHandling");
        assertThat(xml.text(IFC + "/ApplicationServer/ServerName")).isEqualTo(AS);
        assertThat(xml.text(IFC + "/ApplicationServer/DefaultHandling")).isEqualTo("0");
    }

    @Test
    void utf8BytesAreTheStringEncoded() {
        ImsSubscriptionDocument doc = docWithIfcs(aliceIfc());
        assertThat(writer.writeUtf8(doc)).isEqualTo(writer.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void barringIndicationOnlyForBarredIdentities() {
        PublicIdentity barred = identity(ALICE_SIP, IdentityType.PUBLIC_USER_IDENTITY, "s", "sp-alice", true, null, null);
        UserDataXml xml = write(doc(List.of(barred, impu(ALICE_TEL, "sp-alice")), List.of()));

        assertThat(xml.children(SP + "/PublicIdentity[1]")).containsExactly("BarringIndication", "Identity", "Extension");
        assertThat(xml.text(SP + "/PublicIdentity[1]/BarringIndication")).isEqualTo("1");
        assertThat(xml.children(SP + "/PublicIdentity[2]")).containsExactly("Identity", "Extension");
        assertThat(xml.children(SP)).containsExactly("PublicIdentity", "PublicIdentity");
    }

    @Test
    void displayNameAndAliasGroupGoInTheNestedExtension() {
        PublicIdentity named = identity(ALICE_SIP, IdentityType.PUBLIC_USER_IDENTITY, "s", "sp-alice", false,
                "Ålice Liddell \uD83D\uDE00", "alias-1");
        PublicIdentity plain = identity(ALICE_TEL, IdentityType.PUBLIC_USER_IDENTITY, "s", "sp-alice", false, "Bob", null);
        UserDataXml xml = write(doc(List.of(named, plain), List.of()));

        String ext = SP + "/PublicIdentity[1]/Extension";
        assertThat(xml.children(ext)).containsExactly("IdentityType", "Extension");
        assertThat(xml.children(ext + "/Extension")).containsExactly("DisplayName", "AliasIdentityGroupID");
        assertThat(xml.text(ext + "/Extension/DisplayName")).isEqualTo("Ålice Liddell \uD83D\uDE00");
        assertThat(xml.text(ext + "/Extension/AliasIdentityGroupID")).isEqualTo("alias-1");
        assertThat(xml.children(SP + "/PublicIdentity[2]/Extension/Extension")).containsExactly("DisplayName");
    }

    @Test
    void twoServiceProfilesEachWithTheirIdentitiesAndIfcs() {
        InitialFilterCriteria second = ifc("ifc-2", 5, null, as("sip:voicemail.ims.example.org"), null);
        ServiceProfile p1 = profile("sp-1", List.of("ifc-alice"), List.of(), null);
        ServiceProfile p2 = profile("sp-2", List.of("ifc-2"), List.of(), 7);
        ImsSubscriptionDocument doc = new ImsSubscriptionDocument(ALICE_IMPI, List.of(
                section(p1, List.of(impu(ALICE_SIP, "sp-1")), List.of(aliceIfc())),
                section(p2, List.of(impu(ALICE_TEL, "sp-2"), impu("sip:+15551230001@ims.example.org", "sp-2")),
                        List.of(second))));
        UserDataXml xml = write(doc);

        assertThat(xml.children("/IMSSubscription")).containsExactly("PrivateID", "ServiceProfile", "ServiceProfile");
        assertThat(xml.texts(SP + "[1]/PublicIdentity/Identity")).containsExactly(ALICE_SIP);
        assertThat(xml.texts(SP + "[2]/PublicIdentity/Identity"))
                .containsExactly(ALICE_TEL, "sip:+15551230001@ims.example.org");
        assertThat(xml.children(SP + "[1]")).containsExactly("PublicIdentity", "InitialFilterCriteria");
        assertThat(xml.children(SP + "[2]"))
                .containsExactly("PublicIdentity", "PublicIdentity", "CoreNetworkServicesAuthorization", "InitialFilterCriteria");
        assertThat(xml.text(SP + "[2]/InitialFilterCriteria/ApplicationServer/ServerName"))
                .isEqualTo("sip:voicemail.ims.example.org");
        assertThat(xml.text(SP + "[2]/CoreNetworkServicesAuthorization/SubscribedMediaProfileId")).isEqualTo("7");
    }

    @Test
    void everyConditionTypeNegationAndMultipleGroups() {
        TriggerPoint tp = new TriggerPoint(false, List.of(
                spt(true, List.of(0), new RequestUri("sip:.*@conf\\.ims\\.example\\.org")),
                spt(false, List.of(0, 1, 2), new Method("MESSAGE", List.of())),
                spt(false, List.of(1), new SipHeader("Accept-Contact", ".*\\+g\\.3gpp\\.icsi-ref.*")),
                spt(true, List.of(1), new SipHeader("P-Asserted-Service", null)),
                spt(false, List.of(2), new SessionCase(2)),
                spt(false, List.of(2), new SessionDescription("m", "audio")),
                spt(false, List.of(3), new SessionDescription("b", null))));
        UserDataXml xml = write(docWithIfcs(ifc("ifc-all", 1, tp, as(AS), null)));

        String t = IFC + "/TriggerPoint";
        assertThat(xml.text(t + "/ConditionTypeCNF")).isEqualTo("0");
        assertThat(xml.count(t + "/SPT")).isEqualTo(7);
        assertThat(xml.children(t + "/SPT[1]")).containsExactly("ConditionNegated", "Group", "RequestURI");
        assertThat(xml.text(t + "/SPT[1]/ConditionNegated")).isEqualTo("1");
        assertThat(xml.text(t + "/SPT[1]/RequestURI")).isEqualTo("sip:.*@conf\\.ims\\.example\\.org");
        assertThat(xml.children(t + "/SPT[2]")).containsExactly("ConditionNegated", "Group", "Group", "Group", "Method");
        assertThat(xml.texts(t + "/SPT[2]/Group")).containsExactly("0", "1", "2");
        assertThat(xml.children(t + "/SPT[3]")).containsExactly("ConditionNegated", "Group", "SIPHeader");
        assertThat(xml.children(t + "/SPT[3]/SIPHeader")).containsExactly("Header", "Content");
        assertThat(xml.text(t + "/SPT[3]/SIPHeader/Header")).isEqualTo("Accept-Contact");
        assertThat(xml.text(t + "/SPT[3]/SIPHeader/Content")).isEqualTo(".*\\+g\\.3gpp\\.icsi-ref.*");
        assertThat(xml.text(t + "/SPT[4]/ConditionNegated")).isEqualTo("1");
        assertThat(xml.children(t + "/SPT[4]/SIPHeader")).containsExactly("Header");
        assertThat(xml.children(t + "/SPT[5]")).containsExactly("ConditionNegated", "Group", "SessionCase");
        assertThat(xml.text(t + "/SPT[5]/SessionCase")).isEqualTo("2");
        assertThat(xml.children(t + "/SPT[6]/SessionDescription")).containsExactly("Line", "Content");
        assertThat(xml.text(t + "/SPT[6]/SessionDescription/Line")).isEqualTo("m");
        assertThat(xml.text(t + "/SPT[6]/SessionDescription/Content")).isEqualTo("audio");
        assertThat(xml.children(t + "/SPT[7]/SessionDescription")).containsExactly("Line");
    }

    @Test
    void registerMethodCarriesRegistrationTypesInTheSptExtension() {
        TriggerPoint tp = new TriggerPoint(false, List.of(
                spt(false, List.of(0), new Method("REGISTER", List.of(2, 0, 2))),
                spt(false, List.of(1), new Method("register", List.of(1))),
                spt(false, List.of(2), new Method("REGISTER", List.of(0, 1, 2))),
                spt(false, List.of(3), new Method("INVITE", List.of(0)))));
        UserDataXml xml = write(docWithIfcs(ifc("ifc-reg", 1, tp, as(AS), 0)));

        String t = IFC + "/TriggerPoint";
        assertThat(xml.children(t + "/SPT[1]")).containsExactly("ConditionNegated", "Group", "Method", "Extension");
        assertThat(xml.children(t + "/SPT[1]/Extension")).containsExactly("RegistrationType", "RegistrationType");
        assertThat(xml.texts(t + "/SPT[1]/Extension/RegistrationType")).containsExactly("0", "2");
        assertThat(xml.texts(t + "/SPT[2]/Extension/RegistrationType")).containsExactly("1");
        // All three types match every REGISTER, as no RegistrationType does; the schema allows at most two.
        assertThat(xml.children(t + "/SPT[3]")).containsExactly("ConditionNegated", "Group", "Method");
        assertThat(xml.children(t + "/SPT[4]")).containsExactly("ConditionNegated", "Group", "Method");
    }

    @Test
    void distinctPsiHasIdentityType1() {
        PublicIdentity psi = identity("sip:conference@ims.example.org", IdentityType.DISTINCT_PSI, "s", "sp-alice");
        UserDataXml xml = write(doc(List.of(psi), List.of()));

        assertThat(xml.children(SP + "/PublicIdentity/Extension")).containsExactly("IdentityType");
        assertThat(xml.text(SP + "/PublicIdentity/Extension/IdentityType")).isEqualTo("1");
    }

    @Test
    void wildcardedPsiCarriesTheWildcardInIdentityAndWildcardedPsi() {
        String wildcard = "sip:chat-!.*!@ims.example.org";
        PublicIdentity psi = identity(wildcard, IdentityType.WILDCARDED_PSI, "s", "sp-alice");
        UserDataXml xml = write(doc(List.of(psi), List.of()));

        assertThat(xml.text(SP + "/PublicIdentity/Identity")).isEqualTo(wildcard);
        assertThat(xml.children(SP + "/PublicIdentity/Extension")).containsExactly("IdentityType", "WildcardedPSI");
        assertThat(xml.text(SP + "/PublicIdentity/Extension/IdentityType")).isEqualTo("2");
        assertThat(xml.text(SP + "/PublicIdentity/Extension/WildcardedPSI")).isEqualTo(wildcard);
    }

    @Test
    void wildcardedImpuHasNoIdentityTypeBecauseRel7StopsAt2() {
        String wildcard = "sip:user-!.*!@ims.example.org";
        PublicIdentity plain = identity(wildcard, IdentityType.WILDCARDED_IMPU, "s", "sp-alice");
        PublicIdentity named = identity("tel:+1555!.*!", IdentityType.WILDCARDED_IMPU, "s", "sp-alice", true, "Desk", null);
        UserDataXml xml = write(doc(List.of(plain, named), List.of()));

        assertThat(xml.children(SP + "/PublicIdentity[1]")).containsExactly("Identity");
        assertThat(xml.text(SP + "/PublicIdentity[1]/Identity")).isEqualTo(wildcard);
        assertThat(xml.children(SP + "/PublicIdentity[2]")).containsExactly("BarringIndication", "Identity", "Extension");
        assertThat(xml.children(SP + "/PublicIdentity[2]/Extension")).containsExactly("Extension");
        assertThat(xml.text(SP + "/PublicIdentity[2]/Extension/Extension/DisplayName")).isEqualTo("Desk");
        assertThat(xml.count("//IdentityType")).isZero();
    }

    @Test
    void sharedIfcSetIdsGoInTheServiceProfileExtensionAfterTheIfcs() {
        ServiceProfile profile = profile("sp-alice", List.of("ifc-alice"), List.of(3, 7), null);
        UserDataXml xml = write(new ImsSubscriptionDocument(ALICE_IMPI,
                List.of(section(profile, List.of(impu(ALICE_SIP, "sp-alice")), List.of(aliceIfc())))));

        assertThat(xml.children(SP)).containsExactly("PublicIdentity", "InitialFilterCriteria", "Extension");
        assertThat(xml.children(SP + "/Extension")).containsExactly("SharedIFCSetID", "SharedIFCSetID");
        assertThat(xml.texts(SP + "/Extension/SharedIFCSetID")).containsExactly("3", "7");
    }

    @Test
    void ifcWithoutTriggerPointIsUnconditional() {
        UserDataXml xml = write(docWithIfcs(ifc("ifc-any", 0, null, as(AS), null)));

        assertThat(xml.children(IFC)).containsExactly("Priority", "ApplicationServer");
        assertThat(xml.text(IFC + "/Priority")).isEqualTo("0");
    }

    @Test
    void profilePartIndicatorComesLast() {
        UserDataXml xml = write(docWithIfcs(
                ifc("ifc-reg", 1, null, as(AS), InitialFilterCriteria.PROFILE_PART_REGISTERED),
                ifc("ifc-unreg", 2, null, as(AS), InitialFilterCriteria.PROFILE_PART_UNREGISTERED)));

        assertThat(xml.children(IFC + "[1]")).containsExactly("Priority", "ApplicationServer", "ProfilePartIndicator");
        assertThat(xml.texts(IFC + "/ProfilePartIndicator")).containsExactly("0", "1");
    }

    @Test
    void applicationServerServiceInfoAndRegisterInclusionMarkers() {
        ApplicationServer full = new ApplicationServer(AS, ApplicationServer.SESSION_TERMINATED, "mmtel", true, true);
        ApplicationServer requestOnly = new ApplicationServer(AS, ApplicationServer.SESSION_CONTINUED, null, true, false);
        UserDataXml xml = write(docWithIfcs(ifc("a", 1, null, full, null), ifc("b", 2, null, requestOnly, null)));

        String as1 = IFC + "[1]/ApplicationServer";
        assertThat(xml.children(as1)).containsExactly("ServerName", "DefaultHandling", "ServiceInfo", "Extension");
        assertThat(xml.text(as1 + "/DefaultHandling")).isEqualTo("1");
        assertThat(xml.text(as1 + "/ServiceInfo")).isEqualTo("mmtel");
        assertThat(xml.children(as1 + "/Extension")).containsExactly("IncludeRegisterRequest", "IncludeRegisterResponse");
        assertThat(xml.children(IFC + "[2]/ApplicationServer/Extension")).containsExactly("IncludeRegisterRequest");
    }

    @Test
    void textIsEscapedAndSurvivesParsing() {
        String serviceInfo = "<ims-3gpp><a b=\"x\">&amp; ]]> tail</a></ims-3gpp>\r\n\tline2";
        String content = "^\"?Alice & <Bob>\"?.*$";
        TriggerPoint tp = new TriggerPoint(false, List.of(
                spt(false, List.of(0), new SipHeader("From", content))));
        ApplicationServer as = new ApplicationServer(AS, 0, serviceInfo, false, false);
        PublicIdentity named = identity(ALICE_SIP, IdentityType.PUBLIC_USER_IDENTITY, "s", "sp-alice", false,
                "Tom & Jerry <TJ>", null);
        String text = writer.write(doc(List.of(named), List.of(ifc("esc", 1, tp, as, null))));
        UserDataXml xml = UserDataXml.parseValid(text);

        assertThat(text).contains("&amp;amp;").contains("]]&gt;").contains("&#13;");
        assertThat(xml.text(IFC + "/ApplicationServer/ServiceInfo")).isEqualTo(serviceInfo);
        assertThat(xml.text(IFC + "/TriggerPoint/SPT/SIPHeader/Content")).isEqualTo(content);
        assertThat(xml.text(SP + "/PublicIdentity/Extension/Extension/DisplayName")).isEqualTo("Tom & Jerry <TJ>");
    }

    @Test
    void charactersXml10ForbidsAreRejected() {
        for (String bad : List.of("a\u0001b", "a\u001Fb", "a\uFFFEb", "a\uFFFF", "a\uD83Db", "a\uDE00b", "x\uD83D")) {
            ApplicationServer as = new ApplicationServer(AS, 0, bad, false, false);
            assertThatThrownBy(() -> writer.write(docWithIfcs(ifc("i", 1, null, as, null))))
                    .isInstanceOf(UserDataException.class)
                    .hasMessageContaining("ServiceInfo")
                    .hasMessageContaining("not allowed in XML 1.0");
        }
    }

    @Test
    void originatingCdivCannotBeExpressedInRel7() {
        TriggerPoint tp = new TriggerPoint(true, List.of(spt(false, List.of(0), new SessionCase(4))));
        assertThatThrownBy(() -> writer.write(docWithIfcs(ifc("cdiv", 1, tp, as(AS), null))))
                .isInstanceOf(UserDataException.class)
                .hasMessageContaining("cdiv")
                .hasMessageContaining("SessionCase 4");
    }

    @Test
    void valuesOutsideTheSchemaValueSpaceAreRejected() {
        ServicePointTrigger invite = spt(false, List.of(0), new Method("INVITE", List.of()));
        List<ImsSubscriptionDocument> invalid = List.of(
                docWithIfcs(ifc("neg-priority", -1, null, as(AS), null)),
                docWithIfcs(ifc("bad-handling", 1, null, new ApplicationServer(AS, 2, null, false, false), null)),
                docWithIfcs(ifc("bad-part", 1, null, as(AS), 2)),
                docWithIfcs(ifc("no-as", 1, null, null, null)),
                docWithIfcs(ifc("no-server", 1, null, as(null), null)),
                docWithIfcs(ifc("no-spt", 1, new TriggerPoint(true, List.of()), as(AS), null)),
                docWithIfcs(ifc("neg-group", 1, new TriggerPoint(true,
                        List.of(spt(false, List.of(-1), new Method("INVITE", List.of())))), as(AS), null)),
                docWithIfcs(ifc("no-group", 1, new TriggerPoint(true,
                        List.of(spt(false, List.of(), new Method("INVITE", List.of())))), as(AS), null)),
                docWithIfcs(ifc("no-condition", 1, new TriggerPoint(true,
                        List.of(invite, spt(false, List.of(1), null))), as(AS), null)),
                docWithIfcs(ifc("reg-type", 1, new TriggerPoint(true,
                        List.of(spt(false, List.of(0), new Method("REGISTER", List.of(3))))), as(AS), null)),
                new ImsSubscriptionDocument(ALICE_IMPI, List.of()),
                new ImsSubscriptionDocument(null, docWithIfcs().sections()),
                new ImsSubscriptionDocument(ALICE_IMPI, List.of(section(profile("p", List.of(), List.of(), null),
                        List.of(), List.of()))),
                new ImsSubscriptionDocument(ALICE_IMPI, List.of(section(profile("p", List.of(), List.of(), -1),
                        List.of(impu(ALICE_SIP, "p")), List.of()))),
                new ImsSubscriptionDocument(ALICE_IMPI, List.of(section(profile("p", List.of(), List.of(-5), null),
                        List.of(impu(ALICE_SIP, "p")), List.of()))),
                doc(List.of(impu("", "sp-alice")), List.of()));
        for (ImsSubscriptionDocument doc : invalid) {
            assertThatThrownBy(() -> writer.write(doc)).as(doc.toString()).isInstanceOf(UserDataException.class);
        }
    }

    @Test
    void anyUriValuesKamailiosLibxml2RejectsAreRefused() {
        assertThatThrownBy(() -> writer.write(docWithIfcs(ifc("v6", 1, null, as("sip:[2001:db8::1]:5060"), null))))
                .isInstanceOf(UserDataException.class).hasMessageContaining("ServerName");
        PublicIdentity bracket = identity("sip:chat-![0-9]+!@ims.example.org", IdentityType.WILDCARDED_PSI, "s", "sp");
        assertThatThrownBy(() -> writer.write(doc(List.of(bracket), List.of())))
                .isInstanceOf(UserDataException.class).hasMessageContaining("Identity");
        for (String bad : List.of("sip:a%zz@x", "sip:a%4", "sip:a#b#c")) {
            assertThatThrownBy(() -> writer.write(doc(List.of(impu(bad, "sp")), List.of())))
                    .as(bad).isInstanceOf(UserDataException.class);
        }
        UserDataXml xml = write(doc(List.of(impu("sip:%61lice@ims.example.org", "sp")), List.of()));
        assertThat(xml.text(SP + "/PublicIdentity/Identity")).isEqualTo("sip:%61lice@ims.example.org");
    }

    @Test
    void noCoreNetworkServicesAuthorizationWithoutMediaProfile() {
        UserDataXml xml = write(docWithIfcs(aliceIfc()));
        assertThat(xml.count(SP + "/CoreNetworkServicesAuthorization")).isZero();
    }
}
