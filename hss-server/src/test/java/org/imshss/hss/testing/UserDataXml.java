package org.imshss.hss.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Test helper: validates a User-Data document against the Rel-7 CxDataType schema and queries it with XPath. */
public final class UserDataXml {

    /** Compiled once; a {@link Schema} is immutable and thread-safe. */
    private static final Schema REL7 = loadSchema();

    private final Document document;

    private UserDataXml(Document document) {
        this.document = document;
    }

    private static Schema loadSchema() {
        URL xsd = UserDataXml.class.getResource("/xsd/CxDataType_Rel7.xsd");
        if (xsd == null) {
            throw new IllegalStateException("xsd/CxDataType_Rel7.xsd missing from test resources");
        }
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws (with the validator's message) unless the document is valid against the Rel-7 schema. */
    public static void assertValid(String xml) {
        try {
            REL7.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new AssertionError("not valid against CxDataType_Rel7.xsd: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** Validates, then parses. */
    public static UserDataXml parseValid(String xml) {
        assertValid(xml);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return new UserDataXml(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private NodeList nodes(String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** Text content of the single node the expression selects. */
    public String text(String xpath) {
        NodeList list = nodes(xpath);
        if (list.getLength() != 1) {
            throw new AssertionError(xpath + " selects " + list.getLength() + " nodes, expected 1");
        }
        return list.item(0).getTextContent();
    }

    public List<String> texts(String xpath) {
        NodeList list = nodes(xpath);
        List<String> result = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            result.add(list.item(i).getTextContent());
        }
        return result;
    }

    public int count(String xpath) {
        return nodes(xpath).getLength();
    }

    /** Names of the child elements of the single element selected, in document order. */
    public List<String> children(String xpath) {
        NodeList list = nodes(xpath);
        if (list.getLength() != 1) {
            throw new AssertionError(xpath + " selects " + list.getLength() + " nodes, expected 1");
        }
        List<String> names = new ArrayList<>();
        for (Node child = list.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                names.add(element.getTagName());
            }
        }
        return names;
    }
}
