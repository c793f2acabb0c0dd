package org.musig.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * One subcommand of {@code ./musig}. picocli fills the annotated fields from the command line (and
 * generates {@code --help} from them); {@link #run} then does the work, printing to the launcher's stdout,
 * which tests replace.
 */
public abstract class Subcommand implements Callable<Integer> {
    private PrintStream out = System.out;

    /** Where {@link #run} prints: set by the launcher before picocli calls the command. */
    public void printTo(PrintStream out) {
        this.out = out;
    }

    @Override
    public final Integer call() throws Exception {
        return run(out);
    }

    /** @return the process exit status */
    protected abstract int run(PrintStream out) throws Exception;
}
