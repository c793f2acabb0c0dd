package org.musig.app.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/** ./musig serve's /musig/guide: cypher/guide.cypher as Neo4j Browser slides, fetched over HTTP. */
class BrowserGuideServerTest {
    private static final Pattern SLIDE = Pattern.compile("<slide[^>]*>(.*?)</slide>", Pattern.DOTALL);
    private static final Pattern RUNNABLE =
            Pattern.compile("<pre[^>]*class=\"[^\"]*\\brunnable\\b[^\"]*\"[^>]*>(.*?)</pre>",
                    Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void servesOneSlidePerGuideStatementWithTheStatementEscapedAndAllowsItsOwnHost() throws Exception {
        List<String> statements = statements(Files.readString(
                Path.of(System.getProperty("musig.root", "..")).resolve("cypher/guide.cypher")));
        assertThat(statements).hasSize(11);
        ServerOptions options = new ServerOptions(dir.resolve("data"), dir.resolve("import"), freePort(), freePort(),
                true);
        try (EmbeddedServer server = EmbeddedServer.start(options)) {
            assertThat(server.guideUri()).isEqualTo("http://127.0.0.1:" + options.httpPort() + "/musig/guide");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.guideUri())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type.toLowerCase()).startsWith("text/html").contains("charset=utf-8"));
            String html = response.body();
            assertThat(html).contains("<article class=\"guide\">", "<carousel").doesNotContainIgnoringCase("<script");
            List<String> slides = matches(SLIDE, html);
            // An introduction, then one slide per statement, in the file's order.
            assertThat(slides).hasSize(statements.size() + 1);
            assertThat(slides.get(0)).contains("<h3>MUSIG for Neo4j: a walk-through</h3>");
            assertThat(matches(RUNNABLE, slides.get(0))).isEmpty();
            for (int i = 0; i < statements.size(); i++) {
                assertThat(matches(RUNNABLE, slides.get(i + 1))).as("slide %d", i + 1)
                        .containsExactly(escaped(statements.get(i)));
                assertThat(slides.get(i + 1)).contains("<h3>" + (i + 1) + ". ");
            }
            // Quotes are escaped: the statement text does not appear raw.
            assertThat(html).doesNotContain("musig.load.csv('spotify_songs.csv')")
                    .contains("musig.load.csv(&#39;spotify_songs.csv&#39;)");
            // Comment text keeps its `code` and is escaped around it.
            assertThat(slides.get(0)).contains("<code>./musig serve</code>");

            // The Browser reads the remote-guide allowlist from the server; the server's own host is on it.
            try (Driver driver = GraphDatabase.driver(server.boltUri(), server.authToken());
                 Session session = driver.session()) {
                String allowlist = session.run("CALL dbms.clientConfig() YIELD name, value "
                        + "WHERE name = 'browser.remote_content_hostname_whitelist' RETURN value")
                        .single().get("value").asString();
                assertThat(allowlist.split("\\s*,\\s*")).contains("127.0.0.1", "localhost");
            }
        }
    }

    /** What a browser shows for text: the HTML escapes, done independently of GuideHtml. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** Statements end with ';' at a line end; '//' lines are comments (as BrowserGuideTest splits the file). */
    private static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("//")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                result.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        return result;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
