package org.musig.app.server;

import org.musig.procedures.MusigProcedureClasses;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * Registers the MUSIG procedures in the launcher's embedded server. A real server finds them by
 * scanning the plugin jar in its plugins directory instead; this jar is never deployed there.
 */
public final class MusigProceduresExtensionFactory
        extends ExtensionFactory<MusigProceduresExtensionFactory.Dependencies> {

    public interface Dependencies {
        GlobalProcedures globalProcedures();
    }

    public MusigProceduresExtensionFactory() {
        super(ExtensionType.GLOBAL, "musig-embedded-procedures");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        return new LifecycleAdapter() {
            @Override
            public void init() throws Exception {
                GlobalProcedures procedures = dependencies.globalProcedures();
                for (Class<?> cls : MusigProcedureClasses.PROCEDURES) {
                    procedures.registerProcedure(cls);
                }
                for (Class<?> cls : MusigProcedureClasses.FUNCTIONS) {
                    procedures.registerFunction(cls);
                }
            }
        };
    }
}
