package org.musig.gds;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/** Harness servers configured the way GDS needs them, and quick to shut down. */
final class GdsTestServers {

    private GdsTestServers() {
    }

    /** GdsEmbeddedExtensionFactory is not passed in: it must be found through META-INF/services. */
    static Neo4j start() {
        return start(UnaryOperator.identity());
    }

    static Neo4j start(UnaryOperator<Neo4jBuilder> customizer) {
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer() // no HTTP needed; Bolt and the embedded API are enough
                // GDS procedures use internal kernel APIs; sandboxed, they would not be callable.
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                // Bolt's Netty otherwise waits seconds on close.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1));
        return customizer.apply(builder).build();
    }
}
