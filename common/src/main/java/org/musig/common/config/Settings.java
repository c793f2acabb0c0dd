package org.musig.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings one procedure accepts, in the order its documentation lists them. {@link #parse} reads a user's map
 * with them (unknown keys are refused with the valid ones listed), {@link Values#echo} gives the effective
 * configuration and {@link #markdownTable} the documentation's table, so neither can drift from what is parsed.
 */
public final class Settings {
    private final String owner;
    private final List<Setting<?>> settings;

    private Settings(String owner, List<Setting<?>> settings) {
        this.owner = owner;
        this.settings = List.copyOf(settings);
        Set<String> keys = new HashSet<>();
        for (Setting<?> setting : this.settings) {
            if (!keys.add(setting.key())) {
                throw new IllegalArgumentException(owner + ": setting '" + setting.key() + "' declared twice");
            }
        }
    }

    /** @param owner what the settings are for, used in messages (e.g. "musig.train") */
    public static Settings of(String owner, Setting<?>... settings) {
        return new Settings(owner, Arrays.asList(settings));
    }

    /** These settings followed by {@code more}'s, under this owner. */
    public Settings plus(Settings more) {
        List<Setting<?>> all = new ArrayList<>(settings);
        all.addAll(more.settings);
        return new Settings(owner, all);
    }

    /** The same settings for another owner (procedures that share their settings name themselves in messages). */
    public Settings ownedBy(String newOwner) {
        return new Settings(newOwner, settings);
    }

    /** Only the given settings, in this list's order (a procedure that accepts a subset of a shared list). */
    public Settings only(Setting<?>... subset) {
        List<Setting<?>> wanted = Arrays.asList(subset);
        if (!settings.containsAll(wanted)) {
            throw new IllegalArgumentException(owner + ": not all of " + wanted + " are among " + settings);
        }
        return new Settings(owner, settings.stream().filter(wanted::contains).toList());
    }

    public String owner() {
        return owner;
    }

    public List<Setting<?>> list() {
        return settings;
    }

    public List<String> keys() {
        return settings.stream().map(Setting::key).toList();
    }

    /** Reads and validates a user's map (null means empty); every problem is an IllegalArgumentException. */
    public Values parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(owner, raw, keys());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            values.put(setting.key(), setting.read(config));
        }
        return new Values(this, values);
    }

    /**
     * The documentation's table: a {@code | key | default | meaning |} row per setting, one line each, ending with a
     * line break.
     */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Setting<?> setting : settings) {
            table.append("| `").append(setting.key()).append("` | ").append(setting.shownDefault()).append(" | ")
                    .append(setting.doc()).append(" |\n");
        }
        return table.toString();
    }

    /** The values parsed from one user's map, every setting's included (defaults for what the user left out). */
    public static final class Values {
        private final Settings settings;
        private final Map<String, Object> values;

        private Values(Settings settings, Map<String, Object> values) {
            this.settings = settings;
            this.values = values;
        }

        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> setting) {
            return (T) value(setting.key());
        }

        /** The value of a key of these settings (for code that binds settings by name). */
        Object value(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(
                        settings.owner + ": no setting '" + key + "' among " + settings.keys());
            }
            return values.get(key);
        }

        /**
         * The keys, in the declared order, whose value is not the one the paper's model takes (see
         * {@link Setting#paperValue}); empty for a configuration of the published method.
         */
        public List<String> departuresFromPaper() {
            return settings.settings.stream().filter(s -> s.departsFromPaper(values.get(s.key())))
                    .map(Setting::key).toList();
        }

        /** The effective configuration, in the declared order, in the form {@link Settings#parse} accepts back. */
        public Map<String, Object> echo() {
            Map<String, Object> echo = new LinkedHashMap<>();
            values.forEach((key, value) -> echo.put(key, Setting.plain(value)));
            return echo;
        }
    }
}
