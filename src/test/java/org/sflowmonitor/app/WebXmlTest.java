package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class WebXmlTest {

    private static Map<String, String> contextParams() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(Path.of("webapp/WEB-INF/web.xml").toFile());
        NodeList params = doc.getElementsByTagNameNS("*", "context-param");
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < params.getLength(); i++) {
            Element p = (Element) params.item(i);
            out.put(p.getElementsByTagNameNS("*", "param-name").item(0).getTextContent().trim(),
                    p.getElementsByTagNameNS("*", "param-value").item(0).getTextContent().trim());
        }
        return out;
    }

    @Test
    void webXmlDeclaresEverySettingWithItsDefault() throws Exception {
        Map<String, String> declared = contextParams();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            // inside Tomcat the data lives under catalina.base; the built-in default is for other hosts
            expected.put(s.key(), s == Setting.DATA_DIR ? "${catalina.base}/data/sflow-monitor" : s.defaultValue());
        }
        assertEquals(expected, declared);
    }

    @Test
    void everyWholeNumberDefaultInWebXmlIsWithinItsSettingsRange() throws Exception {
        Map<String, String> declared = contextParams();
        for (Setting s : Setting.values()) {
            if (s.isWholeNumber() && !s.defaultValue().isEmpty()) { // an empty default is derived (SettingsTest)
                assertDoesNotThrow(() -> s.parseWholeNumber(declared.get(s.key())), s.key());
            }
        }
    }
}
