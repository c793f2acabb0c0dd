package org.musig.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read check (the server's LOAD privilege, in the procedures) sees only paths already confined to the
 * import directory, and can refuse them.
 */
class ImportDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void theReadCheckSeesTheRealPathOfEveryConfinedFileAndCanRefuseIt() throws Exception {
        Path root = Files.createDirectories(temp.resolve("import"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(root.resolve("songs.csv"), "x\n");
        Files.writeString(outside.resolve("secret.csv"), "x\n");
        List<Path> checked = new ArrayList<>();
        ImportDirectory dir = ImportDirectory.of(root, checked::add);

        assertThat(dir.resolve("songs.csv")).isEqualTo(root.toRealPath().resolve("songs.csv"));
        assertThatThrownBy(() -> dir.resolve("../" + outside.getFileName() + "/secret.csv"))
                .hasMessageContaining("outside the import directory");
        assertThatThrownBy(() -> dir.resolve(outside.resolve("secret.csv").toString()))
                .hasMessageContaining("outside the import directory");
        assertThat(checked).containsExactly(root.toRealPath().resolve("songs.csv"));

        ImportDirectory refusing = ImportDirectory.of(root, path -> {
            throw new LoadException("LOAD is not allowed");
        });
        assertThatThrownBy(() -> refusing.resolve("songs.csv")).hasMessage("LOAD is not allowed");
    }
}
