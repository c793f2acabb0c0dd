package org.musig.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    enum Colour implements Choice { RED, DARK_BLUE }

    private static final Setting<Integer> SIZE = Setting.integer("size", 10, 1, 100, "how many");
    private static final Setting<Colour> COLOUR = Setting.choice("colour", Colour.class, Colour.RED,
            "`'red'` or `'dark_blue'`");
    private static final Setting<List<String>> NAMES = Setting.stringList("names", List.of("a"), "some names")
            .check(names -> names.isEmpty() ? "configuration key 'names' must not be empty" : null);
    private static final Setting<Long> LIMIT = Setting.longInteger("limit", Long.MAX_VALUE, 1, Long.MAX_VALUE, "a cap")
            .shownAs("none");
    private static final Settings SETTINGS = Settings.of("musig.test", SIZE, COLOUR, NAMES, LIMIT);

    record Shape(int size, Colour colour, List<String> names, long limit) {
    }

    @Test
    void parsesTypedValuesAndEchoesThemInTheDeclaredOrderAsPlainValues() {
        Settings.Values values = SETTINGS.parse(Map.of("colour", "Dark_Blue", "size", 3));
        assertThat(values.get(SIZE)).isEqualTo(3);
        assertThat(values.get(COLOUR)).isEqualTo(Colour.DARK_BLUE);
        assertThat(values.get(NAMES)).containsExactly("a");
        assertThat(values.echo()).containsExactly(Map.entry("size", 3), Map.entry("colour", "dark_blue"),
                Map.entry("names", List.of("a")), Map.entry("limit", Long.MAX_VALUE));
        assertThat(SETTINGS.parse(values.echo()).echo()).isEqualTo(values.echo());
    }

    @Test
    void errorsNameTheOwnerTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> SETTINGS.parse(Map.of("colour", "green")))
                .hasMessage("musig.test: configuration key 'colour' must be one of [red, dark_blue], got 'green'");
        assertThatThrownBy(() -> SETTINGS.parse(Map.of("sise", 3)))
                .hasMessage(
                        "musig.test: unknown configuration key(s) [sise]; valid keys are [colour, limit, names, size]");
        assertThatThrownBy(() -> SETTINGS.parse(Map.of("size", "3")))
                .hasMessageContaining("musig.test: configuration key 'size' must be an integer, got String '3'");
        assertThatThrownBy(() -> SETTINGS.parse(Map.of("names", List.of())))
                .hasMessage("musig.test: configuration key 'names' must not be empty");
        assertThatThrownBy(() -> SETTINGS.ownedBy("musig.other").parse(Map.of("size", 0)))
                .hasMessage("musig.other: configuration key 'size' must be between 1 and 100, got 0");
        assertThatThrownBy(() -> SETTINGS.only(SIZE).parse(Map.of("colour", "red")))
                .hasMessageContaining("unknown configuration key(s) [colour]; valid keys are [size]");
    }

    @Test
    void rendersTheDocumentationTable() {
        assertThat(SETTINGS.markdownTable()).isEqualTo("""
                | key | default | meaning |
                |---|---|---|
                | `size` | `10` | how many |
                | `colour` | `'red'` | `'red'` or `'dark_blue'` |
                | `names` | `['a']` | some names |
                | `limit` | none | a cap |
                """);
        assertThat(Setting.number("rate", 1e-4, 0, 1, "x").shownDefault()).isEqualTo("`1e-4`");
        assertThat(Setting.number("rate", 0.25, 0, 1, "x").shownDefault()).isEqualTo("`0.25`");
        assertThat(Setting.numberMap("w", Map.of("a", 1.0), 0, 1, "x").shownDefault()).isEqualTo("`{a: 1}`");
    }

    @Test
    void aPaperValueIsShownInTheTableAndAnyOtherValueIsListedAsADeparture() {
        Setting<Colour> colour = Setting.choice("colour", Colour.class, Colour.DARK_BLUE, "`'red'` or `'dark_blue'`")
                .paperValue(Colour.RED);
        Setting<Double> rate = Setting.number("rate", 0.5, 0, 1, "a share").paperValue(0.0);
        Settings settings = Settings.of("musig.test", SIZE, colour, rate);
        assertThat(settings.markdownTable()).contains("| `colour` | `'dark_blue'` | `'red'` or `'dark_blue'` (the "
                + "paper's model: `'red'`) |", "| `rate` | `0.5` | a share (the paper's model: `0`) |",
                "| `size` | `10` | how many |");
        // The defaults here depart; the paper's values given explicitly, and settings without one, do not.
        assertThat(settings.parse(Map.of()).departuresFromPaper()).containsExactly("colour", "rate");
        assertThat(settings.parse(Map.of("colour", "RED", "rate", 0, "size", 99)).departuresFromPaper()).isEmpty();
        assertThat(settings.parse(Map.of("colour", "red", "rate", 0.25)).departuresFromPaper())
                .containsExactly("rate");
    }

    @Test
    void declarationsThatTheDocumentationCouldNotShowAreRefused() {
        assertThatThrownBy(() -> Setting.choice("colour", Colour.class, Colour.RED, "`'red'` or blue"))
                .hasMessageContaining("must name the choice `'dark_blue'`");
        assertThatThrownBy(() -> Setting.integer("size", 1, 0, 2, "")).hasMessageContaining("one non-blank line");
        assertThatThrownBy(() -> Setting.integer("size", 1, 0, 2, "a | b")).hasMessageContaining("without '|'");
        assertThatThrownBy(() -> Settings.of("musig.test", SIZE, SIZE)).hasMessageContaining("'size' declared twice");
    }

    @Test
    void aRecordIsBuiltFromItsSettingsByNameAndTurnedBackIntoAMap() {
        RecordSettings<Shape> shapes = RecordSettings.of(Shape.class, SETTINGS);
        Shape shape = shapes.parse(Map.of("limit", 7));
        assertThat(shape).isEqualTo(new Shape(10, Colour.RED, List.of("a"), 7));
        assertThat(shapes.toMap(shape)).containsExactly(Map.entry("size", 10), Map.entry("colour", "red"),
                Map.entry("names", List.of("a")), Map.entry("limit", 7L));
    }

    record Mismatched(int size, String colour, List<String> names, long limit) {
    }

    record Incomplete(int size) {
    }

    @Test
    void aRecordThatDoesNotMatchItsSettingsIsRefusedAtOnce() {
        assertThatThrownBy(() -> RecordSettings.of(Mismatched.class, SETTINGS))
                .hasMessageContaining("Mismatched.colour is a String but its setting gives a Colour");
        assertThatThrownBy(() -> RecordSettings.of(Incomplete.class, SETTINGS))
                .hasMessageContaining("components [size] are not its settings [colour, limit, names, size]");
    }
}
