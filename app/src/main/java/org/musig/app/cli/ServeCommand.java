package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;

/** {@code ./musig serve}: a local Neo4j server (Bolt + HTTP) with GDS and MUSIG, until SIGTERM/SIGINT. */
public final class ServeCommand implements Command {
    static final String NO_AUTH_WARNING = "WARNING: authentication is OFF (--no-auth). Any program on this machine, "
            + "and any web page open in your browser, can read, change or delete this database over Bolt.";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run an embedded Neo4j server (Bolt + HTTP) with GDS and the MUSIG procedures";
    }

    @Override
    public String usage() {
        return """
                Usage: ./musig serve [--data DIR] [--import DIR] [--bolt-port 7687] [--http-port 7474] [--no-auth]

                Starts Neo4j 5.26 in this process with GDS and the MUSIG procedures registered, listening on
                127.0.0.1 only. Authentication is on: user neo4j, with a random password generated at the
                first start and kept in <data>/neo4j-password (readable by you only); the ready message prints
                it. Delete that file to have a new one generated at the next start. --no-auth turns
                authentication off, which lets any web page open in your browser use the database.
                Database files live under --data (default ./data); loaders read from --import (default
                <data>/import). Runs in the foreground; Ctrl-C or SIGTERM shuts the database down cleanly.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        EmbeddedServer server = start(args, out);
        // The server installs its own SIGTERM/SIGINT handlers and a shutdown hook that stops the
        // database cleanly; this thread only has to stay alive until then.
        while (server.isRunning()) {
            Thread.sleep(1000);
        }
        return 0;
    }

    /** Starts the server and prints the ready banner; the caller owns the server. */
    EmbeddedServer start(String[] args, PrintStream out) {
        Options options = Options.parse("serve", args, Set.of("data", "import", "bolt-port", "http-port"), Set.of("no-auth"));
        Path data = options.path("data", Paths.defaultData());
        ServerOptions serverOptions = new ServerOptions(data, Paths.importDir(options, data),
                (int) options.number("bolt-port", 7687, 1, 65535), (int) options.number("http-port", 7474, 1, 65535),
                true);
        if (options.flag("no-auth")) {
            serverOptions = serverOptions.withoutAuth();
        }
        EmbeddedServer server = EmbeddedServer.start(serverOptions);
        out.println("MUSIG for Neo4j is ready.");
        String login = server.password().isPresent() ? "user neo4j, the password below" : "no authentication";
        out.println("  Bolt:     " + server.boltUri() + "   (" + login + ")");
        out.println("  HTTP:     " + server.httpUri());
        out.println("  Browser:  " + server.httpUri() + "browser/   (connect with " + login + ")");
        out.println("  Guide:    :play " + server.guideUri() + "   (run it in the Browser: the walk-through as slides)");
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
