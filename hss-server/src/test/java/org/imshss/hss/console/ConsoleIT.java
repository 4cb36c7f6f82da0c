package org.imshss.hss.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operators' console in a real headless Chromium against a running HSS with the demo data: what an operator
 * sees after logging in, finding alice, watching her register over Cx, de-registering her, creating dave and
 * mistyping a key. Skipped only where Chromium is not installed; CI installs it.
 */
class ConsoleIT {

    private static final String TOKEN = "console-admin-token-0001";
    private static final String ALICE = "alice@ims.example.org";
    private static final String ALICE_SIP = "sip:alice@ims.example.org";
    private static final String ALICE_IMSI = "001010000000001";
    private static final String MME = "mme1.ims.example.org";
    /** Alice's USIM keys in the demo data: K and OP. */
    private static final List<String> ALICE_KEYS = List.of("465b5ce8b199b49faa5f0a2ee238a6bc",
            "cdc202d5123e20f62b6d676ac72cb318");
    private static final Map<String, String> MSISDNS = Map.of("dave", "15550104", "erin", "15550105",
            "frank", "15550106");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static DiameterTestPeer mme;
    private static Chromium browser;
    private static String console;

    @BeforeAll
    static void start() throws Exception {
        Path[] binaries = Chromium.installed().orElse(null);
        Assumptions.assumeTrue(binaries != null,
                "chromium and chromedriver are not on the PATH (Debian: apt-get install chromium chromium-driver)");
        hss = TestHss.startDemoWithRest(List.of(new ApiToken("operator", Role.ADMIN, TOKEN)));
        scscf = hss.peer("scscf1.ims.example.org");
        mme = DiameterTestPeer.connect(Application.S6A, MME, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
        URI rest = hss.node().restUri();
        console = rest.resolve("/console").toString();
        browser = Chromium.start(binaries);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (scscf != null) {
            scscf.close();
        }
        if (mme != null) {
            mme.close();
        }
        if (hss != null) {
            hss.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        for (DiameterTestPeer peer : List.of(scscf, mme)) {
            peer.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
            while (peer.nextReceived(0, TimeUnit.MILLISECONDS) != null) {
                // drop the requests earlier tests caused
            }
        }
    }

    /** A fresh page: the token of an earlier page is gone with it, so each test logs in. */
    private static void logIn() {
        browser.driver().get(console);
        browser.type("#token", TOKEN);
        browser.click("#login-submit");
        browser.find("#nav");
    }

    @Test
    void loginRefusesAnUnknownTokenAndKeepsTheGoodOneOutOfUrlAndStorage() {
        browser.driver().get(console);
        browser.screenshot(SCREENSHOTS.resolve("login.png"));
        browser.type("#token", "not-a-token");
        browser.click("#login-submit");
        assertThat(browser.textOf("#login-error", "Unknown token")).isEqualTo("Unknown token");
        assertThat(browser.find("#page-login").isDisplayed()).isTrue();

        browser.type("#token", TOKEN);
        browser.click("#login-submit");
        browser.find("#page-search");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TOKEN);
        Object kept = browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                + " + document.cookie + document.getElementById('token').value");
        assertThat(kept.toString()).doesNotContain(TOKEN);

        browser.click("#logout");
        browser.find("#page-login");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void findsAliceSeesHerRegisteredThenDeregistersHerWithAnRtr() throws Exception {
        assertThat(result(Cx.sar(scscf, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        logIn();
        browser.type("#search-text", "ali");
        browser.click("#search-submit");
        browser.click("#search-results tr[data-subscriber='alice'] a");

        assertThat(browser.textOf("#subscriber-title", "alice")).isEqualTo("Subscriber alice");
        String aliceRow = "#registrations tr[data-impu='" + ALICE_SIP + "']";
        assertThat(browser.textOf(aliceRow, "REGISTERED")).contains(ALICE_SIP, "REGISTERED", SCSCF1);
        assertThat(browser.textOf("#registrations tr[data-impu='tel:+15550101']", "REGISTERED")).contains(SCSCF1);
        assertThat(browser.textOf("#private-identities", ALICE)).contains("SIP Digest");
        browser.screenshot(SCREENSHOTS.resolve("subscriber.png"));

        browser.click(aliceRow + " button.deregister");
        assertThat(browser.textOf("#deregister-outcome", "ANSWERED"))
                .isEqualTo("RTR for " + ALICE_SIP + ": ANSWERED (the S-CSCF answered 2001)");
        Request rtr = scscf.nextReceived(10, TimeUnit.SECONDS);
        assertThat(rtr).as("the S-CSCF got an RTR").isNotNull();
        assertThat(rtr.getCommandCode()).isEqualTo(Command.RTR.code());
        assertThat(Avps.utf8(rtr.getAvps(), Avp.USER_NAME)).contains(ALICE);
        assertThat(browser.textOf(aliceRow, "NOT_REGISTERED")).doesNotContain(SCSCF1);
        assertThat(browser.driver().findElements(By.cssSelector(aliceRow + " button.deregister"))).isEmpty();
    }

    @Test
    void findsAliceByImsiSeesHerMmeThenDetachesHerWithAClr() throws Exception {
        logIn();
        new Select(browser.find("#search-kind")).selectByValue("imsi");
        browser.type("#search-text", ALICE_IMSI);
        browser.click("#search-submit");
        assertThat(browser.textOf("#search-results tr[data-subscriber='alice']", ALICE_IMSI))
                .isEqualTo("alice IMSI " + ALICE_IMSI + " (MSISDN 15550101)");
        browser.click("#search-results tr[data-subscriber='alice'] a");
        String usim = "#usims tr[data-imsi='" + ALICE_IMSI + "']";
        assertThat(browser.textOf(usim, "internet")).contains("15550101", "internet (context 1", "ims (context 2",
                "trusted and untrusted: ims, internet (default internet)");
        String registration = "#eps-registrations tr[data-imsi='" + ALICE_IMSI + "']";
        assertThat(browser.textOf(registration, ALICE_IMSI)).doesNotContain(MME);

        assertThat(Avps.result(ulr().getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        browser.click("#subscriber-refresh");
        assertThat(browser.textOf(registration, MME)).contains(MME + " (" + TestHss.REALM + ") PLMN 00101");
        browser.screenshot(SCREENSHOTS.resolve("eps.png"));

        browser.click(registration + " button.aaa-deregister");
        assertThat(browser.textOf("#eps-outcome", "NOT_SERVED"))
                .isEqualTo("AAA de-registration of " + ALICE_IMSI + ": NOT_SERVED (no node held it)");
        assertThat(browser.textOf(registration, MME)).as("the MME still serves her").contains(MME);

        browser.click(registration + " button.detach");
        assertThat(browser.textOf("#eps-outcome", "ANSWERED"))
                .isEqualTo("Detach of " + ALICE_IMSI + ": ANSWERED (answered 2001)");
        Request clr = mme.nextReceived(10, TimeUnit.SECONDS);
        assertThat(clr).as("the MME got a CLR").isNotNull();
        assertThat(clr.getCommandCode()).isEqualTo(Command.CLR.code());
        assertThat(Avps.utf8(clr.getAvps(), Avp.USER_NAME)).contains(ALICE_IMSI);
        assertThat(Avps.enumerated(clr.getAvps(), Avp.CANCELLATION_TYPE).getAsInt()).isEqualTo(2);
        assertThat(Avp.CANCELLATION_TYPE.enumValue("SUBSCRIPTION_WITHDRAWAL")).isEqualTo(2);

        browser.click("#nav a[data-page='service-data']");
        assertThat(browser.textOf("#apn-profiles tr[data-apn-profile='internet']", "internet")).contains("IPv4");
        assertNoKeyMaterial();
    }

    /**
     * The IMPI and IMSI searches are prefix searches listing what they find; alice's IMPI, whose AKA keys are her
     * USIM's, links to that USIM's row.
     */
    @Test
    void findsAliceByImpiAndImsiPrefixAndFollowsHerImpiToItsUsim() {
        logIn();
        new Select(browser.find("#search-kind")).selectByValue("impi");
        browser.type("#search-text", "ali");
        browser.click("#search-submit");
        assertThat(browser.textOf("#search-results tbody", "(USIM "))
                .isEqualTo("alice " + ALICE + " (USIM " + ALICE_IMSI + ")");

        new Select(browser.find("#search-kind")).selectByValue("impi");
        browser.type("#search-text", "00101");
        browser.click("#search-submit");
        assertThat(browser.textOf("#search-results tbody", "3gppnetwork.org")).isEqualTo("alice " + ALICE_IMSI
                + "@ims.mnc001.mcc001.3gppnetwork.org (USIM " + ALICE_IMSI + ")");

        new Select(browser.find("#search-kind")).selectByValue("imsi");
        browser.type("#search-text", "00101");
        browser.click("#search-submit");
        assertThat(browser.textOf("#search-results tbody", "IMSI"))
                .isEqualTo("alice IMSI " + ALICE_IMSI + " (MSISDN 15550101)");
        browser.screenshot(SCREENSHOTS.resolve("search.png"));
        browser.type("#search-text", "0010x");
        browser.click("#search-submit");
        assertThat(browser.textOf("#status", "digits")).isEqualTo("An IMSI prefix is up to 15 digits");

        browser.type("#search-text", "00101");
        browser.click("#search-submit");
        browser.click("#search-results tr[data-subscriber='alice'] a");
        String impi = "#private-identities tr[data-impi='" + ALICE + "']";
        assertThat(browser.textOf(impi, "USIM")).contains("SIP Digest, USIM " + ALICE_IMSI);
        assertThat(browser.driver().findElements(By.cssSelector("#usims tr.selected"))).isEmpty();
        browser.click(impi + " a.usim-link[data-imsi='" + ALICE_IMSI + "']");
        assertThat(browser.find("#usims tr.selected").getAttribute("data-imsi")).isEqualTo(ALICE_IMSI);
        assertThat(browser.driver().getCurrentUrl()).as("the page stays").endsWith("#/subscriber/alice");
    }

    /** An MME's initial attach (ULR-Flags 0x22) of alice's USIM over E-UTRAN in PLMN 001 01. */
    private static org.jdiameter.api.Answer ulr() throws Exception {
        return mme.send(Command.ULR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, ALICE_IMSI);
            Avps.addEnumerated(avps, Avp.RAT_TYPE, Avp.RAT_TYPE.enumValue("EUTRAN"));
            Avps.addUnsigned32(avps, Avp.ULR_FLAGS, 0x22);
            Avps.addOctets(avps, Avp.VISITED_PLMN_ID, S6a.PLMN_001_01);
        });
    }

    /**
     * Neither the page nor any API response it read holds a key: the responses are read again, with the token,
     * from the list of requests the page itself made.
     */
    private static void assertNoKeyMaterial() throws Exception {
        String dom = browser.script("return document.documentElement.outerHTML").toString().toLowerCase();
        assertThat(dom).contains(ALICE_IMSI).doesNotContain(ALICE_KEYS);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.initiatorType === 'fetch' && e.name.includes('/api/v1/')).map(e => e.name)");
        assertThat(fetched).anyMatch(u -> u.endsWith("/api/v1/subscribers/alice"))
                .anyMatch(u -> u.endsWith("/api/v1/eps-registrations/" + ALICE_IMSI))
                .anyMatch(u -> u.endsWith("/api/v1/apn-profiles"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String url : fetched.stream().distinct().toList()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body().toLowerCase()).as(url).doesNotContain(ALICE_KEYS)
                    .doesNotContain("\"k\"", "\"op\"", "\"opc\"");
        }
    }

    @Test
    void createsDaveWhomTheHssThenKnowsOverDiameter() throws Exception {
        logIn();
        browser.click("#nav a[data-page='editor']");
        fillNewSubscriber("dave", "000102030405060708090a0b0c0d0e0f");
        browser.screenshot(SCREENSHOTS.resolve("new-subscriber.png"));
        browser.click("#editor-save");

        assertThat(browser.textOf("#subscriber-title", "dave")).isEqualTo("Subscriber dave");
        assertThat(browser.textOf("#registrations tr[data-impu='sip:dave@ims.example.org']", "NOT_REGISTERED"))
                .contains("default");
        assertThat(browser.textOf("#private-identities", "dave@ims.example.org")).contains("SIP Digest, AKA");
        assertThat(result(Cx.uar(scscf, "dave@ims.example.org", "sip:dave@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(ResultCode.DIAMETER_FIRST_REGISTRATION.code()).isEqualTo(2001);

        browser.click("#nav a[data-page='audit']");
        assertThat(browser.textOf("#audit tbody", "dave")).contains("CREATE", "operator", "subscriber dave");

        browser.click("#nav a[data-page='search']");
        new Select(browser.find("#search-kind")).selectByValue("msisdn");
        browser.type("#search-text", "+15550104");
        browser.click("#search-submit");
        assertThat(browser.textOf("#search-results tr[data-subscriber='dave']", "MSISDN"))
                .isEqualTo("dave sip:dave@ims.example.org (MSISDN 15550104)");
    }

    @Test
    void editsAndDeletesASubscriberKeepingCredentialsLeftEmpty() throws Exception {
        logIn();
        browser.click("#nav a[data-page='editor']");
        fillNewSubscriber("frank", "000102030405060708090a0b0c0d0e0f");
        browser.click("#editor-save");
        browser.textOf("#subscriber-title", "frank");

        browser.click("#subscriber-edit");
        browser.textOf("#editor-title", "Edit subscriber frank");
        assertThat(browser.find("[data-path='privateIdentities[0].k']").getAttribute("value"))
                .as("credentials are never shown").isEmpty();
        browser.type("[data-path='publicIdentities[0].displayName']", "Frank the Second");
        browser.click("#editor-save");
        assertThat(browser.textOf("#registrations tr[data-impu='sip:frank@ims.example.org']", "Frank the Second"))
                .contains("NOT_REGISTERED");
        assertThat(browser.textOf("#private-identities", "frank@ims.example.org")).contains("SIP Digest, AKA");
        assertThat(result(Cx.uar(scscf, "frank@ims.example.org", "sip:frank@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);

        browser.click("#subscriber-delete");
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(browser.textOf("#status", "deleted")).isEqualTo("Subscriber frank deleted");
        browser.type("#search-text", "frank");
        browser.click("#search-submit");
        assertThat(browser.textOf("#status", "Nothing found")).isEqualTo("Nothing found");
        assertThat(result(Cx.uar(scscf, "frank@ims.example.org", "sip:frank@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    /** Alice has a line identifier and an address for NASS-Bundled and Early-IMS, which the form does not show. */
    @Test
    void anEditKeepsWhatTheFormDoesNotShow() {
        logIn();
        browser.driver().get(console + "#/edit/alice");
        browser.textOf("#editor-title", "Edit subscriber alice");
        browser.type("[data-path='publicIdentities[0].displayName']", "Alice Liddell");
        browser.click("#editor-save");
        assertThat(browser.textOf("#registrations tr[data-impu='" + ALICE_SIP + "']", "Alice Liddell"))
                .contains("default");
        assertThat(browser.textOf("#status", "saved")).isEqualTo("Subscriber alice saved");

        var auth = hss.node().store().privateIdentity(ALICE).orElseThrow().auth();
        assertThat(auth.lineIdentifier()).isEqualTo("alice-line-0001");
        assertThat(auth.ipAddress()).isEqualTo("192.0.2.11");
        assertThat(auth.allowedSchemes()).contains("NASS-Bundled", "Early-IMS-Security");
    }

    @Test
    void aFieldTheApiRefusesIsMarkedWhereItWasTyped() {
        logIn();
        browser.click("#nav a[data-page='editor']");
        fillNewSubscriber("erin", "not-hex");
        browser.click("#editor-save");

        WebElement error = browser.find(".field-error[data-error-for='privateIdentities[0].k']");
        assertThat(error.getText()).isEqualTo("must be 32 hex digits");
        WebElement field = browser.find("[data-path='privateIdentities[0].k']");
        assertThat(field.getAttribute("class")).contains("invalid");
        assertThat(browser.script("return arguments[0].previousElementSibling === arguments[1]", error, field))
                .isEqualTo(true);
        assertThat(browser.find("#editor-error").getText()).contains("400");
        browser.screenshot(SCREENSHOTS.resolve("field-error.png"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/new");
    }

    private static void fillNewSubscriber(String id, String k) {
        browser.textOf("#editor-title", "New subscriber");
        browser.type("#f-id", id);
        browser.type("[data-path='allowedVisitedNetworks']", HOME);
        browser.type("[data-path='privateIdentities[0].impi']", id + "@ims.example.org");
        browser.type("[data-path='privateIdentities[0].publicIdentities']", "sip:" + id + "@ims.example.org");
        browser.type("[data-path='privateIdentities[0].password']", id + "-secret");
        browser.type("[data-path='privateIdentities[0].k']", k);
        browser.type("[data-path='privateIdentities[0].op']", "cdc202d5123e20f62b6d676ac72cb318");
        browser.type("[data-path='implicitRegistrationSets[0]']", "sip:" + id + "@ims.example.org");
        browser.type("[data-path='publicIdentities[0].identity']", "sip:" + id + "@ims.example.org");
        browser.type("[data-path='publicIdentities[0].displayName']", id);
        browser.type("[data-path='publicIdentities[0].msisdn']", MSISDNS.get(id));
    }

    @Test
    void serviceDataClusterAndLiveMetrics() throws Exception {
        assertThat(result(Cx.uar(scscf, ALICE, ALICE_SIP, HOME))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        logIn();
        browser.click("#nav a[data-page='service-data']");
        assertThat(browser.textOf("#application-servers tr[data-as='as.ims.example.org']", "RepositoryData"))
                .contains("sip:as.ims.example.org:5070", "IMSUserState", "S-CSCFName");
        assertThat(browser.textOf("#service-profiles", "default")).contains("orig-invite-as");
        assertThat(browser.textOf("#scscfs", "sip:")).isNotBlank();
        browser.screenshot(SCREENSHOTS.resolve("service-data.png"));

        browser.click("#nav a[data-page='cluster']");
        assertThat(browser.textOf("#cluster-fields", "ACTIVE")).contains("State");
        assertThat(browser.textOf("#cluster-nodes tbody", "yes")).isNotBlank();
        browser.screenshot(SCREENSHOTS.resolve("cluster.png"));

        browser.click("#nav a[data-page='metrics']");
        assertThat(browser.textOf("#metrics-answers tr[data-command='UAR'][data-result='2001']", "2001"))
                .contains("UAR");
        assertThat(browser.textOf("#metrics-latency tr[data-command='UAR']", "UAR")).isNotBlank();
        // The rate needs two polls of the counters: the page polls again by itself.
        String rate = browser.until(d -> {
            String shown = d.findElement(By.cssSelector("#metrics-answers tr[data-command='UAR'] td:nth-child(4)"))
                    .getText();
            return shown.matches("\\d+\\.\\d") ? shown : null;
        });
        assertThat(Double.parseDouble(rate)).isNotNegative();
        browser.screenshot(SCREENSHOTS.resolve("metrics.png"));
    }

    @Test
    void theFilesNeedNoTokenAndForbidInlineScript() throws Exception {
        HttpResponse<String> page = fetch("/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/console.js\"></script>")
                .doesNotContain("<script>");
        assertThat(fetch("/console/console.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(fetch("/console/missing.js").statusCode()).isEqualTo(404);
        // refused by the console's file-name rule (404) or earlier, as an undecodable path (400)
        assertThat(fetch("/console/%2e%2e/openapi.json").statusCode()).isIn(400, 404);
        assertThat(fetch("/console/..%2F..%2Fpom.xml").statusCode()).isIn(400, 404);
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(console).resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
