package org.imshss.hss.sh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the parts of a PUR's Sh-Data the HSS updates: RepositoryData, PSIActivation and DSAI (TS 29.328
 * 7.6.1, 7.6.9, 7.6.11). DTDs and external entities are refused. Thread-safe.
 */
final class ShDataParser {

    /** One RepositoryData element; {@code serviceData} null when the element has no ServiceData (a deletion). */
    record Repository(String serviceIndication, int sequenceNumber, String serviceData) implements Serializable {
    }

    /** One DSAI element of a PUR: the tag and whether its DSAI-Value is ACTIVE (0) rather than INACTIVE (1). */
    record DsaiUpdate(String tag, boolean active) {
    }

    /** The document does not say what the HSS needs: DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED. */
    static final class NotRecognized extends Exception {
        private static final long serialVersionUID = 1L;

        NotRecognized(String message) {
            super(message);
        }
    }

    private static final int MAX_SEQUENCE_NUMBER = 65_535;

    private final DocumentBuilderFactory factory;
    private final TransformerFactory transformers;

    ShDataParser() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser without secure processing", e);
        }
        transformers = TransformerFactory.newInstance();
        transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    }

    List<Repository> repositoryData(String xml) throws NotRecognized {
        Element root = parse(xml);
        List<Repository> found = new ArrayList<>();
        for (Element data : children(root, "RepositoryData")) {
            String serviceIndication = text(single(data, "ServiceIndication"));
            String sequence = text(single(data, "SequenceNumber"));
            int sequenceNumber;
            try {
                sequenceNumber = Integer.parseInt(sequence.trim());
            } catch (NumberFormatException e) {
                throw new NotRecognized("SequenceNumber " + sequence + " is not a number");
            }
            if (sequenceNumber < 0 || sequenceNumber > MAX_SEQUENCE_NUMBER) {
                throw new NotRecognized("SequenceNumber " + sequenceNumber + " is outside 0..65535");
            }
            List<Element> serviceData = children(data, "ServiceData");
            if (serviceData.size() > 1) {
                throw new NotRecognized("more than one ServiceData");
            }
            found.add(new Repository(serviceIndication, sequenceNumber,
                    serviceData.isEmpty() ? null : content(serviceData.get(0))));
        }
        if (found.isEmpty()) {
            throw new NotRecognized("no RepositoryData");
        }
        return found;
    }

    /** Sh-IMS-Data/Extension/PSIActivation: 0 inactive, 1 active (TS 29.328 7.6.9). */
    boolean psiActivation(String xml) throws NotRecognized {
        Element root = parse(xml);
        Element imsData = single(root, "Sh-IMS-Data");
        Element extension = single(imsData, "Extension");
        String value = text(single(extension, "PSIActivation")).trim();
        return switch (value) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new NotRecognized("PSIActivation " + value + " is not 0 or 1");
        };
    }

    /** Sh-IMS-Data/Extension/Extension/DSAI, one or more (TS 29.328 7.6.11, Annex D tShIMSDataExtension2). */
    List<DsaiUpdate> dsai(String xml) throws NotRecognized {
        Element root = parse(xml);
        Element extension = single(single(single(root, "Sh-IMS-Data"), "Extension"), "Extension");
        List<DsaiUpdate> found = new ArrayList<>();
        for (Element dsai : children(extension, "DSAI")) {
            String tag = text(single(dsai, "DSAI-Tag"));
            String value = text(single(dsai, "DSAI-Value")).trim();
            boolean active = switch (value) {
                case "0" -> true;
                case "1" -> false;
                default -> throw new NotRecognized("DSAI-Value " + value + " is not 0 or 1");
            };
            found.add(new DsaiUpdate(tag, active));
        }
        if (found.isEmpty()) {
            throw new NotRecognized("no DSAI");
        }
        return found;
    }

    private Element parse(String xml) throws NotRecognized {
        Document document;
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException e) {
            throw new NotRecognized("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = document.getDocumentElement();
        if (!"Sh-Data".equals(root.getLocalName())) {
            throw new NotRecognized("root element is " + root.getLocalName() + ", not Sh-Data");
        }
        return root;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element single(Element parent, String name) throws NotRecognized {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new NotRecognized(parent.getLocalName() + " needs exactly one " + name);
        }
        return found.get(0);
    }

    private static String text(Element element) {
        return element.getTextContent();
    }

    /**
     * The content of ServiceData as XML text. tServiceData holds elements (xs:any), so text outside them is
     * refused: it would make the stored data invalid Sh-Data when read back.
     */
    private String content(Element serviceData) throws NotRecognized {
        StringBuilder sb = new StringBuilder();
        try {
            Transformer transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            for (Node child = serviceData.getFirstChild(); child != null; child = child.getNextSibling()) {
                switch (child.getNodeType()) {
                    case Node.ELEMENT_NODE, Node.COMMENT_NODE -> {
                        StringWriter out = new StringWriter();
                        transformer.transform(new DOMSource(child), new StreamResult(out));
                        sb.append(out);
                    }
                    case Node.TEXT_NODE -> {
                        if (!child.getTextContent().isBlank()) {
                            throw new NotRecognized("ServiceData holds text outside an element");
                        }
                    }
                    default -> throw new NotRecognized("ServiceData holds an unsupported node");
                }
            }
        } catch (TransformerException e) {
            throw new NotRecognized("ServiceData cannot be serialized: " + e.getMessage());
        }
        return sb.toString();
    }
}
