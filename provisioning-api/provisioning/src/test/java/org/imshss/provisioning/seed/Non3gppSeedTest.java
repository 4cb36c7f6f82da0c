package org.imshss.provisioning.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.SubscriberData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The non-3GPP access part of a USIM in the seed format (TS 29.273 8.2.3.1): converted to the Context-Identifiers
 * of its EPS subscription, read back as written, each error named by its JSON path.
 */
class Non3gppSeedTest {

    private final SeedLoader loader = new SeedLoader();

    private static String document(String non3gpp, String eps) {
        return """
                { "realm": "r.example",
                  "serviceProfiles": [ { "id": "p" } ],
                  "apnProfiles": [
                    { "id": "internet", "serviceSelection": "internet", "pdnType": "IPv4", "qci": 9,
                      "arp": { "priorityLevel": 8 } },
                    { "id": "ims", "serviceSelection": "ims", "pdnType": "IPv4v6", "qci": 5,
                      "arp": { "priorityLevel": 1 } },
                    { "id": "mms", "serviceSelection": "mms", "pdnType": "IPv4", "qci": 8,
                      "arp": { "priorityLevel": 9 } } ],
                  "subscriptions": [ { "id": "s",
                    "usims": [ { "imsi": "001010123456789", "k": "465b5ce8b199b49faa5f0a2ee238a6bc",
                                 "op": "cdc202d5123e20f62b6d676ac72cb318", "amf": "8000"%s%s } ],
                    "privateIdentities": [ { "impi": "u@r.example", "password": "pw",
                                             "publicIdentities": ["sip:u@r.example"] } ],
                    "publicIdentities": [ { "identity": "sip:u@r.example", "serviceProfile": "p" } ] } ] }
                """.formatted(eps == null ? "" : ", \"eps\": " + eps,
                non3gpp == null ? "" : ", \"non3gpp\": " + non3gpp);
    }

    private static final String EPS = """
            { "msisdn": "15550101", "ueAmbr": { "uplink": 1000, "downlink": 2000 }, "defaultApn": "internet",
              "apns": [ { "apnProfile": "internet", "contextIdentifier": 3 },
                        { "apnProfile": "ims", "contextIdentifier": 5 },
                        { "apnProfile": "mms", "contextIdentifier": 9 } ] }""";

    private static String document(String non3gpp) {
        return document(non3gpp, EPS);
    }

    @Test
    void convertsToTheContextIdentifiersOfTheEpsSubscription() throws Exception {
        SubscriberData data = loader.readString(document("""
                { "ipAccessAllowed": true, "apnsEnabled": false, "apns": ["ims", "internet"], "defaultApn": "ims",
                  "trustedAccessAllowed": false, "untrustedAccessAllowed": true,
                  "ratTypesNotAllowed": ["HRPD", "EHRPD"] }"""));

        assertThat(data.usims().get(0).non3gpp()).isEqualTo(
                new Non3gppSubscription(true, false, List.of(5, 3), 5, false, true, List.of("HRPD", "EHRPD")));
    }

    @Test
    void absentFlagsAllowAndTheDefaultIsTheEpsDefaultWhenListed() throws Exception {
        Usim listed = loader.readString(document("{ \"apns\": [\"ims\", \"internet\"] }")).usims().get(0);
        Usim notListed = loader.readString(document("{ \"apns\": [\"mms\", \"ims\"] }")).usims().get(0);

        assertThat(listed.non3gpp()).isEqualTo(new Non3gppSubscription(true, true, List.of(5, 3), 3, true, true,
                List.of()));
        assertThat(notListed.non3gpp().defaultContextIdentifier()).isEqualTo(9);
    }

    @Test
    void barredAccessAndNoneAtAll() throws Exception {
        Usim barred = loader.readString(document("{ \"ipAccessAllowed\": false }")).usims().get(0);
        Usim none = loader.readString(document(null)).usims().get(0);

        assertThat(barred.non3gpp()).isEqualTo(new Non3gppSubscription(false, true, List.of(), 0, true, true,
                List.of()));
        assertThat(none.non3gpp()).isNull();
    }

    @Test
    void readsBackAsWritten() throws Exception {
        SeedDocument.Non3gpp written = new SeedDocument.Non3gpp(true, true, List.of("ims", "internet"), "internet",
                true, false, List.of("WLAN"));
        Usim usim = loader.readString(document("""
                { "ipAccessAllowed": true, "apnsEnabled": true, "apns": ["ims", "internet"],
                  "defaultApn": "internet", "trustedAccessAllowed": true, "untrustedAccessAllowed": false,
                  "ratTypesNotAllowed": ["WLAN"] }""")).usims().get(0);

        SeedDocument.Usim read = WrittenForms.usim(usim);

        assertThat(read.non3gpp()).isEqualTo(written);
        assertThat(read.k()).isNull();
        assertThat(read.opc()).isNull();
    }

    @Test
    void readsBackWithoutAnEpsSubscription() throws Exception {
        Usim usim = loader.readString(document("{ \"ipAccessAllowed\": false }", null)).usims().get(0);

        assertThat(WrittenForms.usim(usim).non3gpp()).isEqualTo(
                new SeedDocument.Non3gpp(false, true, List.of(), null, true, true, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{ \"apns\": [\"voip\"] }|apns[0]|APN profile voip is not among eps.apns",
        "{ \"apns\": [\"ims\", \"ims\"] }|apns[1]|APN profile ims is listed twice",
        "{ \"apns\": [null] }|apns[0]|required",
        "{ \"apns\": [\"ims\"], \"defaultApn\": \"internet\" }|defaultApn|APN profile internet is not among apns",
        "{ \"defaultApn\": \"ims\" }|defaultApn|APN profile ims is not among apns",
        "{ \"ratTypesNotAllowed\": [\"WIFI\"] }|ratTypesNotAllowed[0]|must be one of [",
        "{ \"ratTypesNotAllowed\": [\"WLAN\", \"wlan\"] }|ratTypesNotAllowed[1]|must be one of [",
        "{ \"ratTypesNotAllowed\": [\"HRPD\", \"HRPD\"] }|ratTypesNotAllowed[1]|RAT type HRPD is listed twice",
        "{ \"ratTypesNotAllowed\": [null] }|ratTypesNotAllowed[0]|must be one of ["
    })
    void namesEachErrorByItsPath(String non3gpp, String field, String text) {
        assertProblem(document(non3gpp), "subscriptions[0].usims[0].non3gpp." + field, text);
    }

    @Test
    void anApnNeedsAnEpsSubscription() {
        assertProblem(document("{ \"apns\": [\"ims\"] }", null), "subscriptions[0].usims[0].non3gpp.apns[0]",
                "APN profile ims is not among eps.apns");
    }

    @Test
    void everyRatTypeOfTheDictionaryIsAccepted() throws Exception {
        Usim usim = loader.readString(document("""
                { "ratTypesNotAllowed": ["WLAN", "VIRTUAL", "UTRAN", "GERAN", "GAN", "HSPA_EVOLUTION", "EUTRAN",
                  "EUTRAN-NB-IoT", "NG-RAN", "LTE-M", "CDMA2000_1X", "HRPD", "UMB", "EHRPD"] }""")).usims().get(0);

        assertThat(usim.non3gpp().ratTypesNotAllowed()).hasSize(14).contains("EUTRAN-NB-IoT", "WLAN");
    }

    private void assertProblem(String json, String expectedPath, String expectedText) {
        assertThatThrownBy(() -> loader.readString(json))
                .isInstanceOf(SeedException.class)
                .satisfies(e -> assertThat(((SeedException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith(expectedPath + ": ").contains(expectedText)));
    }
}
