package org.musig.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.musig.app.cli.BenchCommand;
import org.musig.app.cli.BenchmarkCommand;
import org.musig.app.cli.Command;
import org.musig.app.cli.DemoCommand;
import org.musig.app.cli.GenerateCommand;
import org.musig.app.cli.LoadCommand;
import org.musig.app.cli.Options;
import org.musig.app.cli.ReportCommand;
import org.musig.app.cli.ServeCommand;

/** Entry point of {@code ./musig}: dispatches to a subcommand. */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new DemoCommand(), new ServeCommand(), new LoadCommand(), new GenerateCommand(),
                new BenchCommand(), new BenchmarkCommand(), new ReportCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printCommands(out);
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("Unknown command '" + args[0] + "'.");
            printCommands(err);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out);
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(command.usage());
            return 2;
        } catch (Exception e) {
            err.println("musig " + command.name() + " failed: " + rootMessage(e));
            return 1;
        }
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

    private static void printCommands(PrintStream out) {
        out.println("Usage: ./musig COMMAND [options]   (./musig COMMAND --help for a command's options)");
        out.println();
        COMMANDS.values().forEach(c -> out.printf("  %-9s %s%n", c.name(), c.summary()));
    }
}
