package org.musig.gds;

import org.neo4j.configuration.Config;
import org.neo4j.gds.LicenseState;
import org.neo4j.gds.core.model.ModelCatalog;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Registers Graph Data Science (GDS) in an embedded Neo4j or the neo4j-harness.
 *
 * <p>Why this exists: the GDS jars on Maven Central contain every procedure class but not the
 * extension that registers GDS's core component ({@code GraphDataScienceProcedures}) – that one
 * ships only inside the official plugin jar. Without it, registering a GDS procedure fails with
 * "field 'facade' has type ...GraphDataScienceProcedures which is not a known injectable
 * component". A real server with the official GDS plugin does not need this module.
 *
 * <p>Discovered through {@code META-INF/services/org.neo4j.kernel.extension.ExtensionFactory}, so
 * having this jar on the classpath is enough. The work happens in {@link GdsEmbeddedLifecycle}.
 */
public final class GdsEmbeddedExtensionFactory extends ExtensionFactory<GdsEmbeddedExtensionFactory.Dependencies> {

    /**
     * Resolved by Neo4j from the global dependency container, lazily (on each call). The last two
     * are published by GDS's own EditionFactory extension during its init, so they may only be read
     * from {@code start()} on.
     */
    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();

        /** GDS's edition-wide model catalog; GraphSAGE train and stream must share it. */
        ModelCatalog modelCatalog();

        /** The GDS license state (OpenGDS: unlicensed), shown by gds.license.state / gds.isLicensed. */
        LicenseState licenseState();
    }

    public GdsEmbeddedExtensionFactory() {
        // GLOBAL: GDS procedures are registered once per DBMS, not per database.
        super(ExtensionType.GLOBAL, "musig-gds-embedded");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        return new GdsEmbeddedLifecycle(dependencies);
    }
}
