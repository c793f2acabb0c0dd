package org.musig.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * int and long options read as whole numbers that may group digits with underscores ({@code 2_300_000}),
 * with an error that says what was expected (picocli's own says "is not an int").
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /** Registers the converters on {@code commandLine} and its subcommands (call it after adding them). */
    public static CommandLine register(CommandLine commandLine) {
        ITypeConverter<Long> toLong = WholeNumbers::parse;
        ITypeConverter<Integer> toInt = value -> {
            long parsed = parse(value);
            if (parsed != (int) parsed) {
                throw new TypeConversionException("must be between " + Integer.MIN_VALUE + " and "
                        + Integer.MAX_VALUE + ", got " + value);
            }
            return (int) parsed;
        };
        return commandLine.registerConverter(Long.class, toLong).registerConverter(long.class, toLong)
                .registerConverter(Integer.class, toInt).registerConverter(int.class, toInt);
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number, got '" + value + "'");
        }
    }
}
