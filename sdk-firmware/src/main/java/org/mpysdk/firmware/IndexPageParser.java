package org.mpysdk.firmware;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the board cards ({@code a.board-card}, with {@code .board-product} and {@code .board-vendor})
 * of micropython.org's download index.
 */
final class IndexPageParser {
    private static final Pattern BOARD_HREF = Pattern.compile("(?:^|/)download/([A-Za-z0-9_-]{1,100})/?$");

    private IndexPageParser() {
    }

    /**
     * @param html the page
     * @param pageUrl the page's URL, to resolve relative links
     * @return the boards, in page order, without duplicates
     * @throws CatalogFormatException when the page has no board card that parses
     */
    public static List<BoardSummary> parse(String html, URI pageUrl) throws CatalogFormatException {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        List<Element> cards = doc.select("a.board-card[href]");
        Map<String, BoardSummary> boards = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        for (Element card : cards) {
            String href = card.attr("href");
            URI page;
            try {
                page = URI.create(card.absUrl("href"));
            } catch (IllegalArgumentException e) {
                rejected.add(href);
                continue;
            }
            Matcher m = BOARD_HREF.matcher(page.getPath() == null ? "" : page.getPath());
            if (!m.find()) {
                rejected.add(href);
                continue;
            }
            String id = m.group(1);
            boards.putIfAbsent(id, new BoardSummary(id, text(card, ".board-product"), text(card, ".board-vendor"), page));
        }
        if (boards.isEmpty()) {
            throw new CatalogFormatException("the download index " + pageUrl + " has " + cards.size()
                    + " board cards (a.board-card) and none links to a board page" + (rejected.isEmpty() ? "" : " " + rejected)
                    + "; the site's layout may have changed: update the SDK or report it");
        }
        return List.copyOf(boards.values());
    }

    private static String text(Element card, String selector) {
        Element e = card.selectFirst(selector);
        return e == null ? "" : e.text().trim();
    }
}
