package org.socialweave.connector.wechat.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads WeChat's push XML ({@code <xml><ToUserName>...</xml>}) into a flat map of leaf paths, e.g.
 * {@code Encrypt}, {@code MsgId}, {@code PublishEventInfo/publish_id}; the first occurrence of a
 * repeated path wins. DTDs and external entities are refused (XXE), so a hostile body cannot read
 * files or reach the network.
 */
final class WeChatXml {

  private WeChatXml() {}

  /**
   * @return the leaves under {@code <xml>}, text trimmed
   * @throws IllegalArgumentException when the body is not such a document
   */
  static Map<String, String> parse(byte[] body) {
    Document doc;
    try {
      doc = builder().parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("not XML: " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    if (root == null || !"xml".equals(root.getTagName())) {
      throw new IllegalArgumentException("the root element is not <xml>");
    }
    Map<String, String> leaves = new LinkedHashMap<>();
    collect(root, "", leaves);
    return leaves;
  }

  private static void collect(Element element, String prefix, Map<String, String> into) {
    boolean hasChildElements = false;
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        hasChildElements = true;
        String path = prefix.isEmpty() ? child.getTagName() : prefix + "/" + child.getTagName();
        collect(child, path, into);
      }
    }
    if (!hasChildElements && !prefix.isEmpty()) {
      into.putIfAbsent(prefix, element.getTextContent().trim());
    }
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no secure XML parser", e);
    }
  }
}
