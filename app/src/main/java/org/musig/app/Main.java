package org.musig.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.musig.app.cli.BenchCommand;
import org.musig.app.cli.BenchmarkCommand;
import org.musig.app.cli.DemoCommand;
import org.musig.app.cli.GenerateCommand;
import org.musig.app.cli.LoadCommand;
import org.musig.app.cli.ReportCommand;
import org.musig.app.cli.ServeCommand;
import org.musig.app.cli.Subcommand;
import org.musig.app.cli.UsageException;
import org.musig.app.cli.VersionProvider;
import org.musig.app.cli.WholeNumbers;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code ./musig}: picocli parses the command line and calls the subcommand. */
public final class Main {
    private Main() {
    }

    /** The top level: only lists the commands (--help and --version are inherited by every subcommand). */
    @CommandLine.Command(name = "./musig", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class, usageHelpWidth = 110, sortOptions = false,
            synopsisSubcommandLabel = "COMMAND", optionListHeading = "%nOptions:%n",
            commandListHeading = "%nCommands:%n",
            parameterListHeading = "%nParameters:%n",
            description = "MUSIG for Neo4j: multi-task graph embeddings of music tracks. "
                    + "./musig COMMAND --help lists a command's options.",
            subcommands = {DemoCommand.class, ServeCommand.class, LoadCommand.class, GenerateCommand.class,
                    BenchCommand.class, BenchmarkCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
    static final class Musig implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // No command given: the list of commands, as a usage error.
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine commandLine = WholeNumbers.register(new CommandLine(Musig.class, printingTo(out)))
                .setOut(new PrintWriter(out, true))
                .setErr(errWriter)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof UsageException) {
                        errWriter.println(e.getMessage());
                        errWriter.println();
                        command.usage(errWriter);
                        return 2;
                    }
                    errWriter.println("musig " + commandPath(command) + " failed: " + rootMessage(e));
                    return 1;
                });
        int status = commandLine.execute(args);
        out.flush();
        errWriter.flush();
        return status;
    }

    /** Creates the commands, each printing to {@code out}. */
    private static IFactory printingTo(PrintStream out) {
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K created = CommandLine.defaultFactory().create(type);
                if (created instanceof Subcommand command) {
                    command.printTo(out);
                }
                return created;
            }
        };
    }

    /** "bench load" for ./musig bench load. */
    private static String commandPath(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }

    /** The innermost useful message (Neo4j wraps procedure errors a few times). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return message.equals(e.getMessage()) || e.getMessage() == null ? message : e.getMessage();
    }
}
