package org.musig.app.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A benchmark row's knobs (the values its family's grid chose besides features and task weights), e.g.
 * "epochs 20" or "coldStartRate 0.5"; empty for rows without any.
 */
public final class KnobsText {
    private KnobsText() {
    }

    public static String of(Object knobs) {
        if (!(knobs instanceof Map<?, ?> map)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        map.forEach((key, value) -> parts.add(key + " " + (value instanceof Number n
                ? new BigDecimal(String.valueOf(n)).stripTrailingZeros().toPlainString() : value)));
        return String.join(", ", parts);
    }
}
