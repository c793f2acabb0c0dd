package org.musig.procedures;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * MUSIG's compiled procedure classes as a jar in a plugins directory, for test servers. Neo4j checks a
 * procedure's injected components against {@code dbms.security.procedures.unrestricted} only when it loads the
 * procedure from the plugins directory, as a real server does; a procedure registered by class (the harness's
 * {@code withProcedure}, {@code GlobalProcedures.registerProcedure}) always gets full access. So the test
 * servers load MUSIG from here, with only {@code gds.*} unrestricted: a procedure that asked for an internal
 * component would be registered as a stub that fails every call, and its tests would fail.
 *
 * <p>The classes are also on the test classpath, and Neo4j's plugin class loader asks its parent first, so
 * the procedures share their classes (and MUSIG's per-database state) with the extensions found there.
 */
public final class SandboxedPlugin {
    /** What test servers leave unrestricted: only GDS, which needs it. */
    public static final List<String> UNRESTRICTED = List.of("gds.*");

    private SandboxedPlugin() {
    }

    /** Creates {@code pluginsDir} holding the jar; returns it. */
    public static Path pluginsDirectory(Path pluginsDir) {
        try {
            Path classes = Path.of(MusigProcedureClasses.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Files.createDirectories(pluginsDir);
            try (OutputStream file = Files.newOutputStream(pluginsDir.resolve("musig-procedures-test.jar"));
                 JarOutputStream jar = new JarOutputStream(file);
                 Stream<Path> paths = Files.walk(classes)) {
                for (Path path : paths.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    Files.copy(path, jar);
                    jar.closeEntry();
                }
            }
            return pluginsDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
