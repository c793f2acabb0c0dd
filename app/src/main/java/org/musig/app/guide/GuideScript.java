package org.musig.app.guide;

import java.util.ArrayList;
import java.util.List;

/**
 * cypher/guide.cypher read as a guide. The comment lines at the top, when a blank line ends them, are the
 * introduction; then each statement is a step, with the comment lines since the previous statement: the first
 * is the step's title, the others its text. A statement ends with ';' at a line end (as BrowserGuideTest,
 * which runs every statement, splits the file); '//' lines are comments.
 */
public record GuideScript(String title, List<String> introduction, List<Step> steps) {

    /** One slide: a title, its text (one entry per comment line) and the statement, without its ';'. */
    public record Step(String title, List<String> text, String statement) {}

    public static GuideScript parse(String script) {
        List<String> leading = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean atTop = true;
        for (String line : script.split("\\R", -1)) {
            String stripped = line.strip();
            boolean comment = stripped.startsWith("//");
            if (atTop && comment) {
                leading.add(commentText(stripped));
                continue;
            }
            if (atTop) {
                atTop = false;
                // Top comments directly above the first statement are its title and text, not an introduction.
                if (!stripped.isEmpty()) {
                    comments.addAll(leading);
                    leading.clear();
                }
            }
            if (comment) {
                comments.add(commentText(stripped));
            } else if (!stripped.isEmpty() || statement.length() > 0) {
                statement.append(line).append('\n');
                if (stripped.endsWith(";")) {
                    String text = statement.toString().strip();
                    text = text.substring(0, text.length() - 1).strip();
                    if (comments.isEmpty()) {
                        throw new IllegalArgumentException("Statement " + (steps.size() + 1)
                                + " of the guide has no comment line above it for its title: " + firstLine(text));
                    }
                    steps.add(new Step(comments.get(0), List.copyOf(comments.subList(1, comments.size())), text));
                    comments.clear();
                    statement.setLength(0);
                }
            }
        }
        if (statement.length() > 0) {
            throw new IllegalArgumentException("The guide ends inside a statement with no ';' at a line end: "
                    + firstLine(statement.toString().strip()));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("The guide has no statement (each ends with ';' at a line end)");
        }
        String title = leading.isEmpty() ? "MUSIG for Neo4j" : leading.get(0);
        List<String> introduction = leading.isEmpty() ? List.of() : List.copyOf(leading.subList(1, leading.size()));
        return new GuideScript(title, introduction, List.copyOf(steps));
    }

    private static String commentText(String strippedLine) {
        return strippedLine.substring(2).strip();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " ...";
    }
}
