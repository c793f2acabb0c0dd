package org.musig.loaders.csv;

import java.util.List;
import java.util.Map;
import org.musig.common.config.ConfigMap;

/**
 * The CSV-specific part of a loader's configuration: column mapping, delimiter, acoustic columns, and whether each
 * file is one playlist named by its file (an Exportify export: one CSV per playlist, no playlist column).
 */
record CsvSettings(Map<String, List<String>> columns, char delimiter, List<String> acousticColumns,
                   boolean playlistFromFileName) {

    static CsvSettings read(ConfigMap config) {
        String delimiter = config.getString("delimiter", ",");
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("configuration key 'delimiter' must be a single character, got '"
                    + delimiter + "'");
        }
        return new CsvSettings(config.getStringsMap("columns"), delimiter.charAt(0),
                config.getStringList("acousticColumns", List.of()), config.getBoolean("playlistFromFileName", false));
    }
}
