package org.musig.app.cli;

import java.io.PrintStream;

/** One subcommand of {@code ./musig}. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** Full help text (what {@code --help} prints). */
    String usage();

    /** @return the process exit status */
    int run(String[] args, PrintStream out) throws Exception;
}
