package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/** The launcher's server (what ./musig serve runs), used the way apps use it: over Bolt and HTTP. */
class EmbeddedServerTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesMusigAndGdsOverBoltAndHttpAndKeepsDataAndModelsAcrossRestarts() throws Exception {
        Path data = dir.resolve("data");
        Path importDir = dir.resolve("import");
        Files.createDirectories(importDir);
        Files.writeString(importDir.resolve("songs.csv"),
                "track_id,track_name,playlist_id,playlist_name,energy\nspotify:track:T1,Song \"One\",p1,Mix,0.5\n"
                        + "T2,Song Two,p1,Mix,0.7\n");
        ServerOptions options = new ServerOptions(data, importDir, freePort(), freePort(), true);

        try (EmbeddedServer server = EmbeddedServer.start(options);
             Driver driver = GraphDatabase.driver(server.boltUri(), server.authToken());
             Session session = driver.session()) {
            Record load = session.run("CALL musig.load.csv($path)", Map.of("path", "songs.csv")).single();
            assertThat(load.get("memberships").asLong()).isEqualTo(2L);
            assertThat(session.run("MATCH (t:Track {id: 'T1'}) RETURN t.name AS name").single().get("name").asString())
                    .isEqualTo("Song \"One\"");
            assertThat(session.run("RETURN gds.version() AS v").single().get("v").asString()).startsWith("2.13");
            session.run("CALL musig.graph.build({minWeight: 1})").consume();
            Record trained = session.run("CALL musig.train({epochs: 1, embeddingDimension: 8, sampleSizes: [2], "
                    + "batchSize: 4}) YIELD modelName, notices RETURN modelName, notices").single();
            assertThat(trained.get("modelName").asString()).isEqualTo("musig");

            HttpResponse<String> discovery = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.httpUri())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.body()).contains("bolt://127.0.0.1:" + options.boltPort());
            // Neo4j Browser is served from the launcher's classpath.
            HttpResponse<String> browser = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.httpUri() + "browser/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(browser.statusCode()).isEqualTo(200);
            assertThat(browser.body()).containsIgnoringCase("<title>Neo4j Browser</title>");
        }

        try (EmbeddedServer again = EmbeddedServer.start(ServerOptions.offline(data, importDir))) {
            long tracks = again.database().executeTransactionally("MATCH (t:Track) RETURN count(t) AS n", Map.of(),
                    r -> (Long) r.next().get("n"));
            assertThat(tracks).isEqualTo(2L);
            // The model is stored in the database: it is listed and applied after the restart, with no graph in memory.
            long written = again.database().executeTransactionally(
                    "CALL musig.embed.write({modelName: 'musig'}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten",
                    Map.of(), r -> (Long) r.next().get("nodePropertiesWritten"));
            assertThat(written).isEqualTo(2L);
        }
    }
}
