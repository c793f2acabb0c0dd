package org.musig.app.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.musig.app.guide.GuideResource;

/**
 * Where the embedded server keeps its files and how it listens. Only 127.0.0.1 is ever bound. A server with
 * Bolt and HTTP ({@code network}) requires the neo4j user's password unless {@code auth} is false
 * ({@code ./musig serve --no-auth}): binding to 127.0.0.1 does not keep out the web pages the user has open
 * (see docs/security-server.md).
 */
public record ServerOptions(Path dataDir, Path importDir, int boltPort, int httpPort, boolean network, boolean auth) {
    static final String GUIDE_PACKAGE = GuideResource.class.getPackageName();
    static final String GUIDE_MOUNT = "/musig";

    /** A network server with authentication on: the default for anything that listens. */
    public ServerOptions(Path dataDir, Path importDir, int boltPort, int httpPort, boolean network) {
        this(dataDir, importDir, boltPort, httpPort, network, network);
    }

    public static ServerOptions offline(Path dataDir, Path importDir) {
        return new ServerOptions(dataDir, importDir, 0, 0, false, false);
    }

    /** The same server without authentication: an explicit choice ({@code --no-auth}). */
    public ServerOptions withoutAuth() {
        return new ServerOptions(dataDir, importDir, boltPort, httpPort, network, false);
    }

    /** Requests from a web page are allowed only from the server's own HTTP origin. */
    public String httpOrigin() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Neo4j settings (as in neo4j.conf) for this server. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("server.directories.data", dataDir.toAbsolutePath().toString());
        s.put("server.directories.logs", dataDir.resolve("logs").toAbsolutePath().toString());
        s.put("server.directories.run", dataDir.resolve("run").toAbsolutePath().toString());
        s.put("server.directories.plugins", dataDir.resolve("plugins").toAbsolutePath().toString());
        s.put("server.directories.import", importDir.toAbsolutePath().toString());
        // Without connectors nobody can log in; the embedded API used by batch commands needs no login.
        s.put("dbms.security.auth_enabled", Boolean.toString(network && auth));
        // GDS needs it. MUSIG does not: its procedures use public APIs only (the launcher registers them itself,
        // and Neo4j gives procedures registered that way full access anyway; on a server they are sandboxed).
        s.put("dbms.security.procedures.unrestricted", "gds.*");
        s.put("dbms.usage_report.enabled", "false");
        s.put("server.memory.pagecache.size", "2g");
        s.put("db.tx_log.rotation.retention_policy", "2 files");
        s.put("server.https.enabled", "false");
        // Without these, stopping waits ~10 s for Netty's quiet period.
        s.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        s.put("internal.dbms.bolt.netty_server_shutdown_timeout", "1s");
        s.put("server.bolt.enabled", Boolean.toString(network));
        s.put("server.http.enabled", Boolean.toString(network));
        if (network) {
            s.put("server.default_listen_address", "127.0.0.1");
            s.put("server.default_advertised_address", "127.0.0.1");
            s.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
            s.put("server.bolt.advertised_address", "127.0.0.1:" + boltPort);
            s.put("server.http.listen_address", "127.0.0.1:" + httpPort);
            s.put("server.http.advertised_address", "127.0.0.1:" + httpPort);
            // Only what the product serves over HTTP: the Browser (which then talks Bolt) and the guide
            // (an unmanaged extension). Nothing uses the HTTP Cypher APIs (transactional, Query API).
            s.put("server.http_enabled_modules", "BROWSER,UNMANAGED_EXTENSIONS");
            // Neo4j's CORS filter answers every request with this one value (default "*").
            s.put("dbms.security.http_access_control_allow_origin", httpOrigin());
            // The walk-through as Browser slides at /musig/guide (org.musig.app.guide.GuideResource); the
            // Browser plays a remote guide only from an allowed host, and this server is 127.0.0.1. The
            // Browser fetches it without credentials, so it is public like the Browser's own files.
            s.put("server.unmanaged_extension_classes", GUIDE_PACKAGE + "=" + GUIDE_MOUNT);
            s.put("browser.remote_content_hostname_whitelist", "guides.neo4j.com,localhost,127.0.0.1");
            s.put("dbms.security.http_auth_allowlist", "/,/browser.*," + GUIDE_MOUNT + "/guide");
        }
        return s;
    }
}
