package org.musig.app.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/**
 * {@code GET /musig/guide}: cypher/guide.cypher (packaged into the launcher jar) as a Neo4j Browser guide, for
 * {@code :play http://127.0.0.1:7474/musig/guide}. An unmanaged extension: EmbeddedServer mounts this package
 * at /musig, and Neo4j's Jersey (JAX-RS 2, javax.ws.rs) finds this class by scanning the package.
 */
@Path("/")
public class GuideResource {
    static final String SCRIPT = "guide.cypher";

    @GET
    @Path("guide")
    @Produces("text/html; charset=UTF-8")
    public String guide() {
        // A few kilobytes: rendering per request is cheaper than any caching logic.
        return GuideHtml.render(GuideScript.parse(script()));
    }

    static String script() {
        try (InputStream in = GuideResource.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the launcher jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCRIPT + " from the launcher jar", e);
        }
    }
}
