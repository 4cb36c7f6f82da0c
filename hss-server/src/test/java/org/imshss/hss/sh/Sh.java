package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.hss.HssNode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.seed.SeedLoader;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Sh requests as an AS sends them, readers for the answers, and the Sh-Data schema check. */
final class Sh {

    static final String AS1 = "as1.ims.example.org";
    static final String AS1_NAME = "sip:as1.ims.example.org";
    static final String AS2 = "as2.ims.example.org";
    /** The AS the iFC "sh-other" points at. */
    static final String OTHER_AS = "other-as.ims.example.org";
    static final String OTHER_AS_NAME = "sip:other-as.ims.example.org";
    static final String DAVE = "sip:dave@ims.example.org";
    static final String DAVE_TEL = "tel:+15550200";
    static final String DAVE_WORK = "sip:dave.work@ims.example.org";
    static final String PSI = "sip:psi-sh@ims.example.org";
    static final String ROOM_WILDCARD = "sip:room-!.*!@sh.ims.example.org";

    private static final Schema SCHEMA = schema();

    private Sh() {
    }

    private static Schema schema() {
        try {
            URL xsd = Sh.class.getResource("/sh/ShDataSubset.xsd");
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the Sh test subscribers and application servers into a running HSS. */
    static void seed(TestHss hss) throws Exception {
        seed(hss.node());
    }

    static void seed(HssNode node) throws Exception {
        try (InputStream in = Sh.class.getResourceAsStream("/sh/sh-test-seed.json")) {
            node.store().load(new SeedLoader().read(in, "sh-test-seed.json"));
        }
    }

    static int ref(String name) {
        return Avp.DATA_REFERENCE.enumValue(name);
    }

    static void userIdentity(AvpSet avps, String identity) {
        AvpSet user = Avps.addGrouped(avps, Avp.USER_IDENTITY);
        Avps.addUtf8(user, Avp.PUBLIC_IDENTITY, identity);
    }

    static void msisdnIdentity(AvpSet avps, String digits) {
        AvpSet user = Avps.addGrouped(avps, Avp.USER_IDENTITY);
        Avps.addOctets(user, Avp.MSISDN, UserIdentity.encodeTbcd(digits));
    }

    static Answer udr(DiameterTestPeer as, String identity, String serverName, List<String> serviceIndications,
            List<String> identitySets, String... references) throws Exception {
        return as.send(Command.UDR, avps -> {
            userIdentity(avps, identity);
            if (serverName != null) {
                Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
            }
            for (String si : serviceIndications) {
                Avps.addOctets(avps, Avp.SERVICE_INDICATION, si.getBytes(StandardCharsets.UTF_8));
            }
            for (String reference : references) {
                Avps.addEnumerated(avps, Avp.DATA_REFERENCE, ref(reference));
            }
            for (String set : identitySets) {
                Avps.addEnumerated(avps, Avp.IDENTITY_SET, Avp.IDENTITY_SET.enumValue(set));
            }
        });
    }

    static Answer udr(DiameterTestPeer as, String identity, String... references) throws Exception {
        return udr(as, identity, AS1_NAME, List.of(), List.of(), references);
    }

    static Answer pur(DiameterTestPeer as, String identity, String reference, String shData) throws Exception {
        return as.send(Command.PUR, avps -> {
            userIdentity(avps, identity);
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, ref(reference));
            Avps.addOctets(avps, Avp.USER_DATA_SH, shData.getBytes(StandardCharsets.UTF_8));
        });
    }

    static Answer purRepository(DiameterTestPeer as, String identity, String serviceIndication, int sequence,
            String serviceData) throws Exception {
        return pur(as, identity, "RepositoryData", repositoryXml(serviceIndication, sequence, serviceData));
    }

    static String repositoryXml(String serviceIndication, int sequence, String serviceData) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData><ServiceIndication>"
                + serviceIndication + "</ServiceIndication><SequenceNumber>" + sequence + "</SequenceNumber>"
                + (serviceData == null ? "" : "<ServiceData>" + serviceData + "</ServiceData>")
                + "</RepositoryData></Sh-Data>";
    }

    /** An SNR subscribing ({@code subscribe}) or unsubscribing. */
    static Answer snr(DiameterTestPeer as, String identity, boolean subscribe, List<String> serviceIndications,
            Instant expiry, boolean oneTime, boolean sendData, String... references) throws Exception {
        return snr(as, identity, AS1_NAME, List.of(), List.of(), subscribe, serviceIndications, expiry, oneTime,
                sendData, references);
    }

    /** An SNR naming the AS, the DSAI-Tags and the Identity-Sets. */
    static Answer snr(DiameterTestPeer as, String identity, String serverName, List<String> dsaiTags,
            List<String> identitySets, boolean subscribe, List<String> serviceIndications, Instant expiry,
            boolean oneTime, boolean sendData, String... references) throws Exception {
        return as.send(Command.SNR, avps -> {
            userIdentity(avps, identity);
            for (String si : serviceIndications) {
                Avps.addOctets(avps, Avp.SERVICE_INDICATION, si.getBytes(StandardCharsets.UTF_8));
            }
            if (sendData) {
                Avps.addEnumerated(avps, Avp.SEND_DATA_INDICATION, 1);
            }
            if (serverName != null) {
                Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
            }
            Avps.addEnumerated(avps, Avp.SUBS_REQ_TYPE, Avp.SUBS_REQ_TYPE.enumValue(subscribe ? "Subscribe" : "Unsubscribe"));
            for (String reference : references) {
                Avps.addEnumerated(avps, Avp.DATA_REFERENCE, ref(reference));
            }
            if (expiry != null) {
                Avps.addTime(avps, Avp.EXPIRY_TIME, expiry);
            }
            if (oneTime) {
                Avps.addEnumerated(avps, Avp.ONE_TIME_NOTIFICATION, 0);
            }
            for (String tag : dsaiTags) {
                Avps.addOctets(avps, Avp.DSAI_TAG, tag.getBytes(StandardCharsets.UTF_8));
            }
            for (String set : identitySets) {
                Avps.addEnumerated(avps, Avp.IDENTITY_SET, Avp.IDENTITY_SET.enumValue(set));
            }
        });
    }

    /** A UDR for DSAI naming the AS and the tags. */
    static Answer udrDsai(DiameterTestPeer as, String identity, String serverName, String... tags) throws Exception {
        return as.send(Command.UDR, avps -> {
            userIdentity(avps, identity);
            if (serverName != null) {
                Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
            }
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, ref("DSAI"));
            for (String tag : tags) {
                Avps.addOctets(avps, Avp.DSAI_TAG, tag.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Sh-Data setting DSAI-Values: tag, value, tag, value... (0 ACTIVE, 1 INACTIVE). */
    static String dsaiXml(Object... tagsAndValues) {
        StringBuilder sb = new StringBuilder("<Sh-Data><Sh-IMS-Data><Extension><Extension>");
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            sb.append("<DSAI><DSAI-Tag>").append(tagsAndValues[i]).append("</DSAI-Tag><DSAI-Value>")
                    .append(tagsAndValues[i + 1]).append("</DSAI-Value></DSAI>");
        }
        return sb.append("</Extension></Extension></Sh-IMS-Data></Sh-Data>").toString();
    }

    /** The next request the peer received, which must be a PNR. */
    static Request nextPnr(DiameterTestPeer peer) throws InterruptedException {
        Request request = peer.nextReceived(2, TimeUnit.SECONDS);
        assertThat(request).as("PNR").isNotNull();
        assertThat(request.getCommandCode()).isEqualTo(Command.PNR.code());
        return request;
    }

    /** Forgets what the peer received so far. */
    static void drain(DiameterTestPeer peer) throws InterruptedException {
        while (peer.nextReceived(50, TimeUnit.MILLISECONDS) != null) {
            // leftovers of an earlier step
        }
    }

    static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    static Optional<String> userData(AvpSet avps) {
        return Avps.utf8(avps, Avp.USER_DATA_SH);
    }

    /** The User-Data of an answer or request, checked against the Sh-Data schema subset. */
    static Document shData(AvpSet avps) throws Exception {
        String xml = userData(avps).orElseThrow(() -> new AssertionError("no User-Data"));
        SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String xpath(Document document, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, document);
    }

    static List<String> xpathAll(Document document, String expression) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, document,
                XPathConstants.NODESET);
        String[] values = new String[nodes.getLength()];
        for (int i = 0; i < values.length; i++) {
            values[i] = nodes.item(i).getTextContent();
        }
        return List.of(values);
    }

    static void assertResult(Answer answer, ResultCode expected) {
        assertThat(result(answer)).isEqualTo(expected);
    }
}
