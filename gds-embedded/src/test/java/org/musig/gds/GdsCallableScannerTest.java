package org.musig.gds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.gds.procedures.GraphDataScienceProcedures;

/**
 * The fast discovery (GDS's service files) must find exactly what the exhaustive one (reading every
 * GDS class file) finds. If a GDS upgrade stops shipping the service files, or they miss a class,
 * this fails before a server silently lacks procedures.
 */
class GdsCallableScannerTest {

    private static final ClassLoader GDS_LOADER = GraphDataScienceProcedures.class.getClassLoader();

    private static GdsCallableScanner.GdsCallables fromServiceFiles;
    private static GdsCallableScanner.GdsCallables fromClassFiles;
    private static long serviceFilesMillis;
    private static long classFilesMillis;

    @BeforeAll
    static void findBothWays() {
        long[] millis = new long[1];
        fromServiceFiles = timed(() -> GdsCallableScanner.fromServiceFiles(GDS_LOADER), millis);
        serviceFilesMillis = millis[0];
        fromClassFiles = timed(() -> GdsCallableScanner.scanClassFiles(GDS_LOADER), millis);
        classFilesMillis = millis[0];
        System.out.printf("GDS classes: service files %d ms, class-file scan %d ms; %d procedure classes, "
                + "%d function classes, %d aggregation function classes%n",
                serviceFilesMillis, classFilesMillis, fromServiceFiles.procedureClasses().size(),
                fromServiceFiles.functionClasses().size(), fromServiceFiles.aggregationFunctionClasses().size());
    }

    @Test
    void serviceFilesListTheSameProcedureClassesAsTheClassFileScan() {
        assertThat(names(fromServiceFiles.procedureClasses()))
                .isEqualTo(names(fromClassFiles.procedureClasses()))
                // GDS 2.13.9: 233 from proc's modules + VersionProc, SysInfoProc, LicenseStateProc (proc-sysinfo).
                .hasSizeGreaterThanOrEqualTo(236)
                .contains("org.neo4j.gds.catalog.GraphProjectProc", "org.neo4j.gds.VersionProc");
    }

    @Test
    void serviceFilesListTheSameFunctionClassesAsTheClassFileScan() {
        assertThat(names(fromServiceFiles.functionClasses()))
                .isEqualTo(names(fromClassFiles.functionClasses()))
                // GDS 2.13.9: 7 from proc's modules + VersionFunc and LicenseStateProc (gds.isLicensed).
                .hasSizeGreaterThanOrEqualTo(9)
                .contains("org.neo4j.gds.functions.VersionFunc");
        assertThat(names(fromServiceFiles.aggregationFunctionClasses()))
                .isEqualTo(names(fromClassFiles.aggregationFunctionClasses()));
    }

    @Test
    void findUsesTheCheapServiceFilesNotTheFullScan() {
        assertThat(GdsCallableScanner.find(GDS_LOADER).source()).isEqualTo(fromServiceFiles.source());
    }

    private static List<String> names(Collection<Class<?>> classes) {
        return classes.stream().map(Class::getName).sorted().toList();
    }

    private static <T> T timed(Supplier<T> action, long[] millis) {
        long start = System.nanoTime();
        T result = action.get();
        millis[0] = (System.nanoTime() - start) / 1_000_000;
        return result;
    }
}
