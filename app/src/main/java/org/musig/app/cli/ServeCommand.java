package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./musig serve}: a local Neo4j server (Bolt + HTTP) with GDS and MUSIG, until SIGTERM/SIGINT. */
@Command(name = "serve", description = {
        "Run an embedded Neo4j server (Bolt + HTTP) with GDS and the MUSIG procedures.",
        "",
        "Starts Neo4j 5.26 in this process with GDS and the MUSIG procedures registered, listening on 127.0.0.1 "
                + "only. Authentication is on: user neo4j, with a random password generated at the first start and "
                + "kept in <data>/neo4j-password (readable by you only); the ready message prints it. Delete that "
                + "file to have a new one generated at the next start. --no-auth turns authentication off, which "
                + "lets any web page open in your browser use the database. Database files live under --data "
                + "(default ./data); loaders read from --import (default <data>/import). Runs in the foreground; "
                + "Ctrl-C or SIGTERM shuts the database down cleanly."})
public final class ServeCommand extends Subcommand {
    static final String NO_AUTH_WARNING = "WARNING: authentication is OFF (--no-auth). Any program on this machine, "
            + "and any web page open in your browser, can read, change or delete this database over Bolt.";

    @Mixin
    private DataDir dataDir;
    @Mixin
    private ImportDir importDir;
    @Option(names = "--bolt-port", paramLabel = "PORT", description = "the Bolt port (default: ${DEFAULT-VALUE})")
    private int boltPort = 7687;
    @Option(names = "--http-port", paramLabel = "PORT", description = "the HTTP port (default: ${DEFAULT-VALUE})")
    private int httpPort = 7474;
    @Option(names = "--no-auth", description = "serve without authentication (any web page open in your browser "
            + "could then use the database)")
    private boolean noAuth;

    @Override
    protected int run(PrintStream out) throws Exception {
        EmbeddedServer server = start(out);
        // The server installs its own SIGTERM/SIGINT handlers and a shutdown hook that stops the
        // database cleanly; this thread only has to stay alive until then.
        while (server.isRunning()) {
            Thread.sleep(1000);
        }
        return 0;
    }

    /** Parses {@code args} as ./musig serve would, then starts the server (for tests); the caller owns it. */
    EmbeddedServer start(String[] args, PrintStream out) {
        WholeNumbers.register(new CommandLine(this)).parseArgs(args);
        return start(out);
    }

    /** Starts the server and prints the ready banner; the caller owns the server. */
    private EmbeddedServer start(PrintStream out) {
        Path data = dataDir.path();
        ServerOptions serverOptions = new ServerOptions(data, importDir.path(data),
                (int) UsageException.checkRange("serve", "--bolt-port", boltPort, 1, 65535),
                (int) UsageException.checkRange("serve", "--http-port", httpPort, 1, 65535), true);
        if (noAuth) {
            serverOptions = serverOptions.withoutAuth();
        }
        EmbeddedServer server = EmbeddedServer.start(serverOptions);
        out.println("MUSIG for Neo4j is ready.");
        String login = server.password().isPresent() ? "user neo4j, the password below" : "no authentication";
        out.println("  Bolt:     " + server.boltUri() + "   (" + login + ")");
        out.println("  HTTP:     " + server.httpUri());
        out.println("  Browser:  " + server.httpUri() + "browser/   (connect with " + login + ")");
        out.println(
                "  Guide:    :play " + server.guideUri() + "   (run it in the Browser: the walk-through as slides)");
        server.password().ifPresent(password -> {
            out.println("  User:     neo4j");
            out.println("  Password: " + password + "   (kept in " + server.passwordFile().toAbsolutePath()
                    + ", readable by you only)");
        });
        out.println("  Data:     " + data.toAbsolutePath());
        out.println("  Import:   " + serverOptions.importDir().toAbsolutePath());
        if (server.password().isEmpty()) {
            out.println(NO_AUTH_WARNING);
            if (out != System.err) {
                System.err.println(NO_AUTH_WARNING);
            }
        }
        out.println("Press Ctrl-C (or send SIGTERM) to stop.");
        out.flush();
        return server;
    }
}
