package org.musig.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starting a server in a child JVM for tests that need a real process (a stock plugin directory, kill -9). */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code mainClass} with this JDK; stdout and stderr go to {@code output}. */
    static Process start(String classpath, String heap, Path output, String mainClass, String... args)
            throws IOException {
        List<String> command =
                new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + heap, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Waits until {@code output} contains {@code ready}; fails with the output's tail if the process dies first. */
    static void awaitOutput(Process process, Path output, String ready, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.exists(output) ? Files.readString(output) : "";
            if (text.contains(ready)) {
                return;
            }
            if (!process.isAlive() || text.contains("FAILED")) {
                throw new AssertionError("the child server did not start:\n" + tail(text));
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "the child server did not start within " + seconds + " s:\n" + tail(Files.readString(output)));
    }

    static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
