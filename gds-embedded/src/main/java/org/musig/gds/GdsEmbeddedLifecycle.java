package org.musig.gds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.neo4j.configuration.Config;
import org.neo4j.gds.LicenseState;
import org.neo4j.gds.LicensingBusinessFacade;
import org.neo4j.gds.SysInfoProcFacade;
import org.neo4j.gds.applications.modelcatalog.ModelRepository;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.logging.Log;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.ExporterBuildersProviderService;
import org.neo4j.gds.procedures.GraphDataScienceProcedures;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.kernel.api.QueryLanguage;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.api.procedure.ProcedureView;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.InternalLog;

/**
 * Builds the GDS core (components, memory tracking, catalog listeners) and registers every GDS
 * procedure and function with Neo4j.
 *
 * <p>Everything happens in {@link #start()}, not {@link #init()}: Neo4j starts its procedure
 * registry (which loads plugins from the plugins directory) before it starts global extensions, so
 * only in {@code start()} can we see whether the official GDS plugin already registered
 * {@code gds.version}; if it did, registering again would clash, so we do nothing.
 */
final class GdsEmbeddedLifecycle extends LifecycleAdapter {

    private final GdsEmbeddedExtensionFactory.Dependencies dependencies;
    private final GlobalProcedures globalProcedures;
    private final InternalLog userLog;

    /** GDS's own lifecycle (GC listener, catalog log); null while we have not built GDS. */
    private Lifecycle gdsLife;

    GdsEmbeddedLifecycle(GdsEmbeddedExtensionFactory.Dependencies dependencies) {
        this.dependencies = dependencies;
        this.globalProcedures = dependencies.globalProcedures();
        this.userLog = dependencies.logService().getUserLog(GdsEmbeddedExtensionFactory.class);
    }

    @Override
    public void start() throws Exception {
        if (gdsVersionRegistered(globalProcedures.getCurrentView())) {
            userLog.info("musig-gds-embedded: GDS is already registered (gds.version exists, e.g. the official "
                    + "GDS plugin is installed); registering nothing.");
            return;
        }
        long startNanos = System.nanoTime();
        int proceduresBefore = countGdsProcedures(globalProcedures.getCurrentView());
        int functionsBefore = countGdsFunctions(globalProcedures.getCurrentView());

        // Components first: procedure classes are compiled on registration and their @Context
        // fields (e.g. GraphDataScienceProcedures facade) must resolve to registered components.
        // If anything below throws, Neo4j calls stop() on this component, which stops gdsLife.
        gdsLife = buildGdsCore();
        registerSysInfoComponent();
        gdsLife.init();
        gdsLife.start();
        long coreNanos = System.nanoTime();

        GdsCallableScanner.GdsCallables callables =
                GdsCallableScanner.find(GraphDataScienceProcedures.class.getClassLoader());
        if (callables.procedureClasses().isEmpty()) {
            throw new IllegalStateException("musig-gds-embedded: no GDS procedure classes found on the classpath");
        }
        long findNanos = System.nanoTime();

        register(callables);
        long endNanos = System.nanoTime();

        // Counted as SHOW PROCEDURES / SHOW FUNCTIONS list them (internal aliases are hidden there).
        ProcedureView view = globalProcedures.getCurrentView();
        userLog.info(String.format(
                "musig-gds-embedded: registered %d GDS procedures and %d GDS functions from %d procedure classes, "
                        + "%d function classes and %d aggregation function classes (found via %s) in %d ms "
                        + "(GDS core %d ms, finding classes %d ms, Neo4j registration %d ms)",
                countGdsProcedures(view) - proceduresBefore,
                countGdsFunctions(view) - functionsBefore,
                callables.procedureClasses().size(),
                callables.functionClasses().size(),
                callables.aggregationFunctionClasses().size(),
                callables.source(),
                millis(startNanos, endNanos),
                millis(startNanos, coreNanos),
                millis(coreNanos, findNanos),
                millis(findNanos, endNanos)));
    }

    @Override
    public void stop() throws Exception {
        if (gdsLife != null) {
            gdsLife.stop();
        }
    }

    @Override
    public void shutdown() throws Exception {
        if (gdsLife != null) {
            gdsLife.shutdown();
            gdsLife = null;
        }
    }

    /**
     * OpenGDS wiring: native (transactional) writes, the edition's in-memory model catalog, no
     * metrics, no decorators of the algorithm, graph-catalog or model-catalog applications. Building it registers GDS's components with
     * {@code globalProcedures}; the returned lifecycle runs GDS's GC listener and catalog logging.
     */
    private Lifecycle buildGdsCore() {
        Config config = dependencies.config();
        Log log = new LogAccessor().getLog(dependencies.logService(), GdsEmbeddedExtensionFactory.class);
        ExporterBuildersProviderService exportBuilders =
                (databaseService, configuration) -> new NativeExportBuildersProvider();
        // Persisting models to disk (gds.model.store) is a GDS Enterprise feature.
        ModelRepository modelRepository = model -> {
            throw new UnsupportedOperationException("Storing models requires GDS Enterprise");
        };
        return OpenGraphDataScienceExtensionBuilder.create(
                log,
                globalProcedures,
                config,
                exportBuilders,
                new DefaultExportLocation(log, config),
                new FeatureTogglesRepository(),
                Metrics.DISABLED,
                dependencies.modelCatalog(),
                modelRepository,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()).getLeft().build();
    }

    /**
     * gds.license.state and gds.isLicensed inject a SysInfoProcFacade, which no published GDS jar
     * registers. Build it on the license state GDS's EditionFactory extension published.
     */
    private void registerSysInfoComponent() {
        LicenseState licenseState = dependencies.licenseState();
        SysInfoProcFacade facade = new SysInfoProcFacade(new LicensingBusinessFacade(() -> licenseState));
        globalProcedures.registerComponent(SysInfoProcFacade.class, context -> facade, true);
    }

    /** Registers every class; collects failures so one error message lists all of them. */
    private void register(GdsCallableScanner.GdsCallables callables) {
        List<String> failures = new ArrayList<>();
        for (Class<?> cls : callables.procedureClasses()) {
            try {
                globalProcedures.registerProcedure(cls);
            } catch (ProcedureException | RuntimeException e) {
                failures.add(cls.getName() + ": " + e.getMessage());
            }
        }
        for (Class<?> cls : callables.functionClasses()) {
            try {
                globalProcedures.registerFunction(cls);
            } catch (ProcedureException | RuntimeException e) {
                failures.add(cls.getName() + ": " + e.getMessage());
            }
        }
        for (Class<?> cls : callables.aggregationFunctionClasses()) {
            try {
                globalProcedures.registerAggregationFunction(cls);
            } catch (ProcedureException | RuntimeException e) {
                failures.add(cls.getName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            // Fail the DBMS start: a half-registered GDS is harder to diagnose than a clear error.
            throw new IllegalStateException("musig-gds-embedded: " + failures.size()
                    + " GDS classes could not be registered:\n  " + String.join("\n  ", failures));
        }
    }

    private static boolean gdsVersionRegistered(ProcedureView view) {
        return view.getAllNonAggregatingFunctions(QueryLanguage.CYPHER_5)
                .anyMatch(f -> isGdsVersion(f.name().toString()))
                || view.getAllProcedures(QueryLanguage.CYPHER_5).anyMatch(p -> isGdsVersion(p.name().toString()));
    }

    private static boolean isGdsVersion(String qualifiedName) {
        return "gds.version".equals(qualifiedName);
    }

    private static int countGdsProcedures(ProcedureView view) {
        return (int) view.getAllProcedures(QueryLanguage.CYPHER_5)
                .filter(p -> !p.internal() && p.name().toString().startsWith("gds."))
                .count();
    }

    private static int countGdsFunctions(ProcedureView view) {
        return (int) Stream.concat(
                view.getAllNonAggregatingFunctions(QueryLanguage.CYPHER_5),
                view.getAllAggregatingFunctions(QueryLanguage.CYPHER_5))
                .filter(f -> !f.internal() && f.name().toString().startsWith("gds."))
                .count();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
