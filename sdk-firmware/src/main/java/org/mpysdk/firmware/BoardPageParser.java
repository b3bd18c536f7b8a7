package org.mpysdk.firmware;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a micropython.org board page. Files come from the links under {@code /resources/firmware/}
 * and are classified by their names (release or preview, variant, version), never by headings or
 * order, which have changed before. Headings only label sections; "(latest)" is recorded as a hint.
 */
final class BoardPageParser {
    private static final Logger LOG = LoggerFactory.getLogger(BoardPageParser.class);
    private static final Pattern LABELLED = Pattern.compile("^\\s*(Vendor|MCU)\\s*:\\s*(.+?)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHIP_ARG = Pattern.compile("--chip[ =]+(esp[0-9a-z]+)", Pattern.CASE_INSENSITIVE);
    // "write_flash -z 0x1000 FILE", "write_flash --flash_size=detect 0 FILE", "write-flash 0x2000 FILE"
    private static final Pattern WRITE_FLASH = Pattern.compile("write[_-]flash[^\\n]{0,100}?\\s(0x[0-9a-fA-F]{1,8}|0)\\s",
            Pattern.CASE_INSENSITIVE);

    private BoardPageParser() {
    }

    /**
     * @param html the page
     * @param pageUrl its URL, to resolve links
     * @param boardId the board the page is for (links to other boards' files are ignored)
     * @return what the page says
     * @throws CatalogFormatException when the page links to no firmware file of this board that parses
     */
    public static BoardPage parse(String html, URI pageUrl, String boardId) throws CatalogFormatException {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        Map<String, FirmwareFile> files = new LinkedHashMap<>();
        List<String> unparsed = new ArrayList<>();
        int links = 0;
        for (Element a : doc.select("a[href*=/resources/firmware/]")) {
            links++;
            String url = a.absUrl("href");
            FirmwareFileName name;
            URI uri;
            try {
                name = FirmwareFileName.fromUrl(URLDecoder.decode(url, StandardCharsets.UTF_8));
                uri = URI.create(url); // a name can parse while the link is no URI (a fuzz finding)
            } catch (CatalogFormatException | IllegalArgumentException e) {
                unparsed.add(a.attr("href"));
                continue;
            }
            if (!name.board().equalsIgnoreCase(boardId)) {
                LOG.debug("board page {} links to another board's file {}", pageUrl, name);
                continue;
            }
            files.putIfAbsent(name.fileName(), new FirmwareFile(name, uri, sectionOf(a), markedLatest(a)));
        }
        if (files.isEmpty()) {
            throw new CatalogFormatException("the board page " + pageUrl + " has " + links + " links under /resources/firmware/ "
                    + "and none is a firmware file of " + boardId + (unparsed.isEmpty() ? "" : " (unparsed: "
                    + unparsed.subList(0, Math.min(5, unparsed.size())) + ")")
                    + "; the site's layout may have changed or the board has no builds: update the SDK or report it");
        }
        if (!unparsed.isEmpty()) {
            LOG.info("board page {}: ignored {} links whose names do not parse, e.g. {}", pageUrl, unparsed.size(), unparsed.get(0));
        }
        String text = doc.body() == null ? "" : doc.body().wholeText();
        return new BoardPage(product(doc), labelled(doc, "Vendor"), mcu(doc, text), deployOffset(text),
                new ArrayList<>(files.values()));
    }

    private static String product(Document doc) {
        Element h1 = doc.selectFirst("h1");
        return h1 == null ? "" : h1.text().trim();
    }

    private static String labelled(Document doc, String label) {
        for (Element e : doc.select("p, li, div, span, dd, td")) {
            if (e.childrenSize() > 3) {
                continue; // only small elements: "Vendor: Espressif", "<strong>MCU:</strong> esp32"
            }
            Matcher m = LABELLED.matcher(e.text());
            if (m.matches() && m.group(1).equalsIgnoreCase(label)) {
                return m.group(2);
            }
        }
        return "";
    }

    private static String mcu(Document doc, String text) {
        String mcu = labelled(doc, "MCU");
        if (!mcu.isEmpty()) {
            return mcu.toLowerCase(Locale.ROOT);
        }
        Matcher m = CHIP_ARG.matcher(text);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static OptionalLong deployOffset(String text) {
        Matcher m = WRITE_FLASH.matcher(text);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        String v = m.group(1);
        return OptionalLong.of(v.equals("0") ? 0 : Long.parseLong(v.substring(2), 16));
    }

    private static String sectionOf(Element link) {
        // The nearest heading before the link names its build ("Firmware (Support for SPIRAM / WROVER)").
        for (Element e = link; e != null; e = e.previousElementSibling() != null ? e.previousElementSibling() : e.parent()) {
            if (e.tagName().matches("h[1-4]") && !e.text().matches("(?i)\\s*(releases|preview builds|nightly builds)\\s*")) {
                return e.text().trim();
            }
        }
        return "";
    }

    private static boolean markedLatest(Element link) {
        Element line = link.parent();
        for (int i = 0; i < 2 && line != null && !line.tagName().matches("li|p|div|tr"); i++) {
            line = line.parent();
        }
        return line != null && line.ownText().toLowerCase(Locale.ROOT).contains("(latest)")
                || link.text().toLowerCase(Locale.ROOT).contains("(latest)");
    }
}
