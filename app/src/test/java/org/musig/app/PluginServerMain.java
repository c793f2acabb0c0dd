package org.musig.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.server.CommunityBootstrapper;
import picocli.CommandLine;

/**
 * A plain Neo4j server for {@link PluginJarTest}, run in a child JVM whose classpath holds Neo4j and GDS
 * but none of MUSIG's classes: MUSIG comes only from the shaded plugin jar in {@code plugins/}, exactly as
 * on a stock server, with the settings docker-compose.yml gives (ComposeFileTest compares them) and the
 * password set the way the official image does it: {@code neo4j-admin dbms set-initial-password} before the
 * first start. Args: home directory, Bolt port, password, and optionally the unrestricted and allowlisted
 * procedures (defaults: docker-compose.yml's). Prints "READY" when it accepts connections.
 */
public final class PluginServerMain {
    private PluginServerMain() {
    }

    /** The server's settings; those also in docker-compose.yml have the same values there. */
    static Map<String, String> settings(Path home, int boltPort) {
        // Only GDS: MUSIG, loaded from plugins/ (where Neo4j checks what a procedure injects), runs sandboxed.
        return settings(home, boltPort, "gds.*", "musig.*,gds.*");
    }

    static Map<String, String> settings(Path home, int boltPort, String unrestricted, String allowlist) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.directories.data", home.resolve("data").toString());
        settings.put("server.directories.logs", home.resolve("logs").toString());
        settings.put("server.directories.run", home.resolve("run").toString());
        settings.put("server.directories.plugins", home.resolve("plugins").toString());
        settings.put("server.directories.import", home.resolve("import").toString());
        settings.put("dbms.security.auth_enabled", "true");
        settings.put("dbms.security.procedures.unrestricted", unrestricted);
        settings.put("dbms.security.procedures.allowlist", allowlist);
        settings.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
        settings.put("server.bolt.advertised_address", "127.0.0.1:" + boltPort);
        settings.put("server.http.enabled", "false");
        settings.put("server.https.enabled", "false");
        settings.put("server.memory.pagecache.size", "64m");
        settings.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        return settings;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        // What the image's entrypoint runs for NEO4J_AUTH=neo4j/<password>: it writes data/dbms/auth.ini,
        // which the system database reads when it is created. Its defaults put data under home/data, as here.
        int set = new CommandLine(new SetInitialPasswordCommand(new ExecutionContext(home, home.resolve("conf"))))
                .execute(args[2]);
        if (set != 0) {
            System.out.println("FAILED set-initial-password " + set);
            System.exit(1);
        }
        CommunityBootstrapper server = new CommunityBootstrapper();
        int bolt = Integer.parseInt(args[1]);
        int status =
                server.start(home, args.length > 4 ? settings(home, bolt, args[3], args[4]) : settings(home, bolt));
        if (status != 0) {
            System.out.println("FAILED " + status);
            System.exit(1);
        }
        System.out.println("READY");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        Thread.currentThread().join();
    }
}
