package org.musig.common.config;

import java.util.Locale;

/**
 * An enum whose constants are the values of a {@link Setting#choice} setting. Users write the constant's name in
 * lower case ('relu', 'weighted'); that text is also what configuration maps, stored models and messages hold.
 */
public interface Choice {

    /** The constant's name as users write it. */
    default String text() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }
}
