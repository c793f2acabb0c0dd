package org.musig.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.server.CommunityBootstrapper;

/**
 * A plain Neo4j server for {@link PluginJarTest}, run in a child JVM whose classpath holds Neo4j and GDS
 * but none of MUSIG's classes: MUSIG comes only from the shaded plugin jar in {@code plugins/}, exactly as
 * on a stock server. Args: home directory, Bolt port. Prints "READY" when it accepts connections.
 */
public final class PluginServerMain {
    private PluginServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.directories.data", home.resolve("data").toString());
        settings.put("server.directories.logs", home.resolve("logs").toString());
        settings.put("server.directories.run", home.resolve("run").toString());
        settings.put("server.directories.plugins", home.resolve("plugins").toString());
        settings.put("server.directories.import", home.resolve("import").toString());
        settings.put("dbms.security.auth_enabled", "false");
        settings.put("dbms.security.procedures.unrestricted", "musig.*,gds.*");
        settings.put("server.bolt.listen_address", "127.0.0.1:" + args[1]);
        settings.put("server.bolt.advertised_address", "127.0.0.1:" + args[1]);
        settings.put("server.http.enabled", "false");
        settings.put("server.https.enabled", "false");
        settings.put("server.memory.pagecache.size", "64m");
        settings.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        CommunityBootstrapper server = new CommunityBootstrapper();
        int status = server.start(home, settings);
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
