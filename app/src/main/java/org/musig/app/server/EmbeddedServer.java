package org.musig.app.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.musig.loaders.Schema;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.server.CommunityBootstrapper;

/**
 * A Neo4j server in this process, started the way {@code neo4j console} starts one (so Bolt, HTTP,
 * logging and clean shutdown on SIGTERM/SIGINT behave as on a real server), with GDS and the MUSIG
 * procedures registered by extension factories on the classpath. A server that listens requires the neo4j
 * user's password (see {@link ServerPassword}) unless its options say otherwise. The launcher owns its
 * database, so it makes MUSIG's one schema step itself when the server starts (the uniqueness constraints of
 * {@code musig.schema.create()}, which the loads need): its users load without it, as before.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final ServerOptions options;
    private final CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
    private final String password;

    private EmbeddedServer(ServerOptions options, String password) {
        this.options = options;
        this.password = password;
    }

    public static EmbeddedServer start(ServerOptions options) {
        try {
            Files.createDirectories(options.dataDir());
            Files.createDirectories(options.importDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + options.dataDir() + " or " + options.importDir(), e);
        }
        boolean auth = options.network() && options.auth();
        EmbeddedServer server = new EmbeddedServer(options, auth ? ServerPassword.ensure(options) : null);
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(options.settings());
        if (!options.network()) {
            settings.put("server.logs.user.config", fileOnlyUserLogConfig(options).toString());
        }
        int status = server.bootstrapper.start(options.dataDir().toAbsolutePath(), settings);
        if (status != 0) {
            throw new IllegalStateException("Neo4j did not start (status " + status + "); see "
                    + options.dataDir().resolve("logs/neo4j.log") + ". Is another MUSIG server using "
                    + options.dataDir() + " or the same ports?");
        }
        try {
            Schema.ensure(server.database());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Batch commands (no Bolt/HTTP) keep the user log in logs/neo4j.log only: on the console it would bury
     * their own output under server and GDS progress lines. The config is written next to the logs.
     */
    private static java.nio.file.Path fileOnlyUserLogConfig(ServerOptions options) {
        java.nio.file.Path target =
                options.dataDir().resolve("run").resolve("file-only-user-logs.xml").toAbsolutePath();
        try (var in = EmbeddedServer.class.getResourceAsStream("file-only-user-logs.xml")) {
            if (in == null) {
                throw new IllegalStateException("file-only-user-logs.xml is missing from the launcher jar");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    public DatabaseManagementService managementService() {
        return bootstrapper.getDatabaseManagementService();
    }

    public GraphDatabaseService database() {
        return managementService().database("neo4j");
    }

    public ServerOptions options() {
        return options;
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + options.boltPort();
    }

    public String httpUri() {
        return "http://127.0.0.1:" + options.httpPort() + "/";
    }

    /** The walk-through as Neo4j Browser slides: {@code :play} this URL in the Browser. */
    public String guideUri() {
        return httpUri() + ServerOptions.GUIDE_MOUNT.substring(1) + "/guide";
    }

    /** The neo4j user's password, when this server requires one. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Where the password is kept: {@code <data>/neo4j-password}, readable by its owner only. */
    public Path passwordFile() {
        return ServerPassword.file(options.dataDir()).path();
    }

    /** What a driver needs to log in to this server. */
    public AuthToken authToken() {
        return password == null ? AuthTokens.none() : AuthTokens.basic(ServerPassword.USER, password);
    }

    public boolean isRunning() {
        return bootstrapper.isRunning();
    }

    @Override
    public void close() {
        bootstrapper.stop();
    }
}
