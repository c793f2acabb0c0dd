package org.musig.gds;

import org.neo4j.procedure.UserFunction;

/**
 * Stands in for the official GDS plugin jar in {@link GdsAlreadyRegisteredTest}: the test packs this
 * class into a jar in the server's plugins directory, where Neo4j loads it the way it loads the real
 * plugin (before global extensions start).
 */
public class FakeOfficialGdsPlugin {

    static final String VERSION = "fake-official-plugin";

    @UserFunction("gds.version")
    public String version() {
        return VERSION;
    }
}
