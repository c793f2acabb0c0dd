package org.musig.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} options (from a known set), {@code --flag}s and
 * positional arguments. Anything unknown is an error that names what is accepted.
 */
public final class Options {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> flagsGiven = new java.util.HashSet<>();

    private Options(String command) {
        this.command = command;
    }

    public static Options parse(String command, String[] args, Set<String> valued, Set<String> flags) {
        Options options = new Options(command);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    options.flagsGiven.add(name);
                } else if (valued.contains(name)) {
                    if (inline == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(command + ": option --" + name + " needs a value");
                        }
                        inline = args[++i];
                    }
                    options.values.put(name, inline);
                } else {
                    List<String> known = new ArrayList<>();
                    valued.forEach(v -> known.add("--" + v));
                    flags.forEach(f -> known.add("--" + f));
                    throw new UsageException(command + ": unknown option " + arg + "; known options: " + known);
                }
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    public boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public Path path(String name, Path defaultValue) {
        String value = values.get(name);
        return value == null ? defaultValue : Path.of(value);
    }

    public long number(String name, long defaultValue, long min, long max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max
                    + ", got " + parsed);
        }
        return parsed;
    }

    public double decimal(String name, double defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number, got '" + value + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }

    /** A wrong command line: printed with the command's usage, exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
