package org.musig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.app.server.EmbeddedServer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * {@code ./musig serve} as a web page or a stray client meets it: a password is required on Bolt, on Bolt
 * over WebSocket and on HTTP, other origins get no CORS permission, and {@code --no-auth} is an explicit,
 * announced choice.
 */
class ServeSecurityTest {
    private static final String FOREIGN_ORIGIN = "http://evil.example";

    @TempDir
    static Path dir;
    private static EmbeddedServer server;
    private static String banner;
    private static int boltPort;
    private static int httpPort;

    @BeforeAll
    static void serve() throws IOException {
        boltPort = freePort();
        httpPort = freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server = new ServeCommand().start(new String[] {"--data", dir.resolve("data").toString(), "--bolt-port",
                String.valueOf(boltPort), "--http-port", String.valueOf(httpPort)},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        banner = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theBannerPrintsTheGeneratedPasswordWhichIsKeptOwnerOnlyInTheDataDirectory() throws IOException {
        Path file = dir.resolve("data").resolve("neo4j-password");
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(banner).contains("User:     neo4j", "Password: " + password, file.toAbsolutePath().toString())
                .doesNotContain("WARNING");
    }

    @Test
    void aDriverWithTheWrongPasswordIsRefusedAndOneWithTheGeneratedPasswordWorks() {
        for (var wrong : new org.neo4j.driver.AuthToken[] {AuthTokens.none(), AuthTokens.basic("neo4j", "neo4j"),
                AuthTokens.basic("neo4j", server.password().orElseThrow() + "x")}) {
            try (Driver driver = GraphDatabase.driver(server.boltUri(), wrong)) {
                assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
        }
        try (Driver driver =
                GraphDatabase.driver(server.boltUri(), AuthTokens.basic("neo4j", server.password().orElseThrow()));
             Session session = driver.session()) {
            assertThat(session.run("SHOW PROCEDURES YIELD name WHERE name = 'musig.train' RETURN name").single()
                    .get(0).asString()).isEqualTo("musig.train");
        }
    }

    @Test
    void httpAsksForCredentialsBeyondTheBrowserAndTheGuideAndDoesNotServeCypherAtAll() throws Exception {
        // The unmanaged extension's mount is guarded; only the guide itself is public (the Browser fetches it).
        assertThat(send(HttpRequest.newBuilder(URI.create(server.httpUri() + "musig/other"))
                .header("Origin", FOREIGN_ORIGIN)).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(server.guideUri())).header("Origin", FOREIGN_ORIGIN))
                .statusCode()).isEqualTo(200);
        // Only the Browser and the guide are served over HTTP (server.http_enabled_modules): the transactional
        // Cypher endpoint is not there, with or without the password.
        String basic = Base64.getEncoder().encodeToString(("neo4j:" + server.password().orElseThrow())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder commit = HttpRequest.newBuilder(URI.create(server.httpUri() + "db/neo4j/tx/commit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers
                        .ofString("{\"statements\":[{\"statement\":\"MATCH (n) DETACH DELETE n\"}]}"));
        assertThat(send(commit.copy().header("Origin", FOREIGN_ORIGIN)).statusCode()).isEqualTo(404);
        assertThat(send(commit.copy().header("Authorization", "Basic " + basic)).statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestFromAForeignOriginGetsNoPermissiveCorsHeader() throws Exception {
        for (String path : new String[] {"", "browser/", "musig/guide", "musig/other"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.httpUri() + path))
                    .header("Origin", FOREIGN_ORIGIN).header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.headers().allValues("Access-Control-Allow-Origin")).as(path)
                    .containsExactly("http://127.0.0.1:" + httpPort);
        }
    }

    @Test
    void aWebSocketBoltHandshakeWithoutCredentialsCannotRunAQuery() throws Exception {
        try (BoltOverWebSocket bolt = BoltOverWebSocket.open(boltPort, FOREIGN_ORIGIN)) {
            bolt.hello("scheme", "none");
            BoltOverWebSocket.Message hello = bolt.next();
            assertThat(hello.signature()).isEqualTo(BoltOverWebSocket.FAILURE);
            assertThat(hello.text()).contains("Unauthorized");
            bolt.runAndPull("RETURN 1");
            assertThat(bolt.next().signature()).isIn(BoltOverWebSocket.CLOSED, BoltOverWebSocket.IGNORED,
                    BoltOverWebSocket.FAILURE);
        }
    }

    @Test
    void thePasswordIsReusedOnRestartAndANewOneIsSetWhenItsFileIsDeleted(@TempDir Path own) throws Exception {
        String[] args = {"--data", own.toString(), "--bolt-port", String.valueOf(freePort()), "--http-port",
                String.valueOf(freePort())};
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String first;
        try (EmbeddedServer s = new ServeCommand().start(args, quiet)) {
            first = s.password().orElseThrow();
        }
        try (EmbeddedServer s = new ServeCommand().start(args, quiet)) {
            assertThat(s.password()).contains(first);
            assertLogsIn(s, first);
        }
        Files.delete(own.resolve("neo4j-password"));
        try (EmbeddedServer s = new ServeCommand().start(args, quiet)) {
            assertThat(s.password()).isPresent().get().isNotEqualTo(first);
            assertLogsIn(s, s.password().orElseThrow());
            try (Driver old = GraphDatabase.driver(s.boltUri(), AuthTokens.basic("neo4j", first))) {
                assertThatThrownBy(old::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
        }
    }

    @Test
    void noAuthIsAnExplicitOptionThatServesWithoutAPasswordAndWarns(@TempDir Path own) throws Exception {
        int bolt = freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EmbeddedServer s = new ServeCommand().start(new String[] {"--data", own.toString(), "--bolt-port",
                String.valueOf(bolt), "--http-port", String.valueOf(freePort()), "--no-auth"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(ServeCommand.NO_AUTH_WARNING)
                    .contains("no authentication").doesNotContain("Password:");
            assertThat(own.resolve("neo4j-password")).doesNotExist();
            try (Driver driver = GraphDatabase.driver(s.boltUri(), AuthTokens.none())) {
                driver.verifyConnectivity();
            }
            // The same WebSocket client as above runs a query here: what the password is all that stops.
            try (BoltOverWebSocket ws = BoltOverWebSocket.open(bolt, FOREIGN_ORIGIN)) {
                ws.hello("scheme", "none");
                assertThat(ws.next().signature()).isEqualTo(BoltOverWebSocket.SUCCESS);
                ws.runAndPull("RETURN 1");
                assertThat(ws.next().signature()).isEqualTo(BoltOverWebSocket.SUCCESS);
                assertThat(ws.next().signature()).isEqualTo(BoltOverWebSocket.RECORD);
            }
        }
    }

    private static void assertLogsIn(EmbeddedServer s, String password) {
        try (Driver driver = GraphDatabase.driver(s.boltUri(), AuthTokens.basic("neo4j", password))) {
            driver.verifyConnectivity();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
