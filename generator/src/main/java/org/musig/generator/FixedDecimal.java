package org.musig.generator;

/**
 * Fast, locale-independent decimal formatting for the features CSV: rounds half-up (away from
 * zero for ties, via {@link Math#round}) to a fixed number of decimals and drops trailing zeros,
 * e.g. {@code 0.5 -> "0.5"}, {@code -7.25012 (3) -> "-7.25"}, {@code 1e-9 (6) -> "0"}. Never uses
 * exponent notation and allocates nothing but the digits it appends.
 */
final class FixedDecimal {

    private static final long[] POW10 = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private FixedDecimal() {
    }

    /** Appends {@code value} rounded to {@code decimals} (0..9) decimal places. */
    static StringBuilder append(StringBuilder sb, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        long scale = POW10[decimals];
        long scaled = Math.round(value * scale);
        if (scaled == 0) {
            return sb.append('0');
        }
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            int digits = decimals;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            sb.append('.');
            for (long p = POW10[digits - 1]; p > fraction; p /= 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb;
    }
}
