package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedDecimalTest {

    private static String format(double v, int decimals) {
        return FixedDecimal.append(new StringBuilder(), v, decimals).toString();
    }

    @Test
    void roundsToFixedDecimalsWithoutTrailingZerosOrExponents() {
        assertThat(format(0.5, 6)).isEqualTo("0.5");
        assertThat(format(0.1234567, 6)).isEqualTo("0.123457");
        assertThat(format(0.000012, 6)).isEqualTo("0.000012");
        assertThat(format(1e-9, 6)).isEqualTo("0");
        assertThat(format(-1e-9, 6)).isEqualTo("0");
        assertThat(format(-7.25012, 3)).isEqualTo("-7.25");
        assertThat(format(120.0, 3)).isEqualTo("120");
        assertThat(format(215043.0, 0)).isEqualTo("215043");
        assertThat(format(-0.0001, 5)).isEqualTo("-0.0001");
        assertThat(format(1.0, 6)).isEqualTo("1");
    }
}
