package org.musig.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;

/** {@code ./musig serve}: a local Neo4j server (Bolt + HTTP) with GDS and MUSIG, until SIGTERM/SIGINT. */
public final class ServeCommand implements Command {
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
                Usage: ./musig serve [--data DIR] [--import DIR] [--bolt-port 7687] [--http-port 7474]

                Starts Neo4j 5.26 in this process with GDS and the MUSIG procedures registered, listening on
                127.0.0.1 only, with authentication disabled (a single-user local server: do not expose it).
                Database files live under --data (default ./data); loaders read from --import (default
                <data>/import). Runs in the foreground; Ctrl-C or SIGTERM shuts the database down cleanly.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("serve", args, Set.of("data", "import", "bolt-port", "http-port"), Set.of());
        Path data = options.path("data", Paths.defaultData());
        ServerOptions serverOptions = new ServerOptions(data, Paths.importDir(options, data),
                (int) options.number("bolt-port", 7687, 1, 65535), (int) options.number("http-port", 7474, 1, 65535),
                true);
        EmbeddedServer server = EmbeddedServer.start(serverOptions);
        out.println("MUSIG for Neo4j is ready.");
        out.println("  Bolt:    " + server.boltUri() + "   (no authentication)");
        out.println("  HTTP:    " + server.httpUri());
        out.println("  Browser: " + server.httpUri() + "browser/   (connect with no authentication)");
        out.println("  Guide:   :play " + server.guideUri() + "   (run it in the Browser: the walk-through as slides)");
        out.println("  Data:    " + data.toAbsolutePath());
        out.println("  Import:  " + serverOptions.importDir().toAbsolutePath());
        out.println("Press Ctrl-C (or send SIGTERM) to stop.");
        out.flush();
        // The server installs its own SIGTERM/SIGINT handlers and a shutdown hook that stops the
        // database cleanly; this thread only has to stay alive until then.
        while (server.isRunning()) {
            Thread.sleep(1000);
        }
        return 0;
    }
}
