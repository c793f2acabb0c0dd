package org.musig.loaders.csv;

import java.util.List;
import java.util.Map;
import org.musig.common.config.ConfigMap;

/** The CSV-specific part of a loader's configuration: column mapping, delimiter, acoustic columns. */
record CsvSettings(Map<String, String> columns, char delimiter, List<String> acousticColumns) {

    static CsvSettings read(ConfigMap config) {
        String delimiter = config.getString("delimiter", ",");
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("configuration key 'delimiter' must be a single character, got '"
                    + delimiter + "'");
        }
        return new CsvSettings(config.getStringMap("columns"), delimiter.charAt(0),
                config.getStringList("acousticColumns", List.of()));
    }
}
