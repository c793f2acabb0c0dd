package org.musig.app.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A benchmark row's task weights as the paper writes them, e.g. "(0.7,0.1,0.2)"; empty for other methods. */
public final class TaskWeightsText {
    private TaskWeightsText() {
    }

    public static String of(Object taskWeights) {
        if (!(taskWeights instanceof List<?> list)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Object w : list) {
            parts.add(new BigDecimal(String.valueOf(w)).stripTrailingZeros().toPlainString());
        }
        return "(" + String.join(",", parts) + ")";
    }
}
