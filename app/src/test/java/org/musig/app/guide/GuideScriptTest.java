package org.musig.app.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a guide script's comments and statements become slides, and the scripts it refuses. */
class GuideScriptTest {

    @Test
    void topCommentsEndedByABlankLineAreTheIntroductionAndEachStatementTakesTheCommentsAboveIt() {
        GuideScript guide = GuideScript.parse("""
                // A guide
                // It has `code` & more.

                // 1. First.
                // Its text,
                // on two lines.
                MATCH (n) WHERE n.x < 2
                RETURN n;
                // 2. Second.
                RETURN 'a' AS a;
                """);

        assertThat(guide.title()).isEqualTo("A guide");
        assertThat(guide.introduction()).containsExactly("It has `code` & more.");
        assertThat(guide.steps()).containsExactly(
                new GuideScript.Step("1. First.", List.of("Its text,", "on two lines."),
                        "MATCH (n) WHERE n.x < 2\nRETURN n"),
                new GuideScript.Step("2. Second.", List.of(), "RETURN 'a' AS a"));

        String html = GuideHtml.render(guide);
        assertThat(html).contains("<title>A guide</title>", "<p>It has <code>code</code> &amp; more.</p>",
                "<p>Its text, on two lines.</p>",
                "class=\"pre-scrollable code runnable\">MATCH (n) WHERE n.x &lt; 2\nRETURN n</pre>",
                ">RETURN &#39;a&#39; AS a</pre>");
    }

    @Test
    void topCommentsDirectlyAboveTheFirstStatementAreItsTitle() {
        GuideScript guide = GuideScript.parse("// 1. Only.\nRETURN 1;\n");
        assertThat(guide.introduction()).isEmpty();
        assertThat(guide.steps()).containsExactly(new GuideScript.Step("1. Only.", List.of(), "RETURN 1"));
    }

    @Test
    void refusesAStatementWithoutATitleAndAnUnfinishedStatement() {
        assertThatThrownBy(() -> GuideScript.parse("// Intro\n\n// 1. One.\nRETURN 1;\nRETURN 2;\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Statement 2 of the guide has no comment line above it for its title: RETURN 2");
        assertThatThrownBy(() -> GuideScript.parse("// 1. One.\nMATCH (n)\nRETURN n\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The guide ends inside a statement with no ';' at a line end: MATCH (n) ...");
        assertThatThrownBy(() -> GuideScript.parse("// Only comments\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no statement");
    }
}
