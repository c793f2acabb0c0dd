package org.musig.app.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The neo4j user's password for a served data directory: generated at the first start with authentication,
 * set in the system database with Neo4j's own {@code ALTER USER}, and kept in {@code <data>/neo4j-password}
 * (owner-only) for later starts and for the user. The password is set while the server is not listening,
 * so nobody can log in with Neo4j's default password in between. Deleting the file resets the password at
 * the next start.
 */
final class ServerPassword {
    static final String FILE_NAME = "neo4j-password";
    static final String USER = "neo4j";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 24; // about 139 bits from an alphabet without look-alike characters

    private ServerPassword() {
    }

    static PasswordFile file(Path dataDir) {
        return new PasswordFile(dataDir.resolve(FILE_NAME));
    }

    /** The password in the data directory's file; when there is none, a new one, set in the database first. */
    static String ensure(ServerOptions options) {
        PasswordFile file = file(options.dataDir());
        return file.read().orElseGet(() -> {
            String password = generate();
            try (EmbeddedServer offline =
                    EmbeddedServer.start(ServerOptions.offline(options.dataDir(), options.importDir()))) {
                offline.managementService().database("system").executeTransactionally(
                        "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
            }
            // Written only once the database holds it, so the file never names a password that does not work.
            file.write(password);
            return password;
        });
    }

    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
