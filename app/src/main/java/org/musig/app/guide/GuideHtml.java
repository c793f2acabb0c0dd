package org.musig.app.guide;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guide as the HTML slides Neo4j Browser shows for {@code :play <url>}: an article holding a carousel of
 * slides, each statement in a {@code pre.runnable} that puts it in the editor when clicked. Every piece of
 * text is escaped; `backticked` words in comments become code. No scripts (the Browser strips them anyway).
 */
public final class GuideHtml {
    private static final Pattern BACKTICKS = Pattern.compile("`([^`]+)`");

    private GuideHtml() {
    }

    public static String render(GuideScript guide) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(guide.title())).append("</title>\n</head>\n<body>\n")
                .append("<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n");
        slide(html, guide.title(), guide.introduction(), null);
        for (GuideScript.Step step : guide.steps()) {
            slide(html, step.title(), step.text(), step.statement());
        }
        return html.append("</carousel>\n</article>\n</body>\n</html>\n").toString();
    }

    private static void slide(StringBuilder html, String title, List<String> text, String statement) {
        html.append("<slide class=\"row-fluid\">\n<div class=\"col-sm-12\">\n<h3>").append(prose(title))
                .append("</h3>\n");
        if (!text.isEmpty()) {
            html.append("<p>").append(prose(String.join(" ", text))).append("</p>\n");
        }
        if (statement != null) {
            html.append("<figure>\n<pre mode=\"cypher\" class=\"pre-scrollable code runnable\">")
                    .append(escape(statement)).append("</pre>\n</figure>\n");
        }
        html.append("</div>\n</slide>\n");
    }

    /** Escaped comment text, `backticked` parts as code. */
    private static String prose(String text) {
        Matcher code = BACKTICKS.matcher(escape(text));
        return code.replaceAll(match -> "<code>" + Matcher.quoteReplacement(match.group(1)) + "</code>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
