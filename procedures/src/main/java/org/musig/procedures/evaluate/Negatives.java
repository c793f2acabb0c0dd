package org.musig.procedures.evaluate;

import org.musig.common.config.Choice;
import org.musig.common.config.Setting;

/** Where the negatives of musig.evaluate and musig.benchmark are drawn from: see {@link SplitReader#negativePool}. */
public enum Negatives implements Choice {
    EXPOSURE, HELDOUT, UNIFORM;

    /** The {@code negatives} setting of musig.evaluate and musig.benchmark. */
    public static final Setting<Negatives> SETTING = Setting.choice("negatives", Negatives.class, EXPOSURE,
            "`'exposure'`: negatives drawn from the held-out memberships of the *other* test "
                    + "playlists, a track held out from three playlists three times as likely, so that negatives have the "
                    + "positives' exposure (positives are memberships): neither \"is this track cold?\" nor popularity alone "
                    + "can separate them, and popularity scores 0.5 in expectation. `'heldout'`: each held-out track of the "
                    + "other test playlists once (the default before 2026-12-06; popular tracks are then rarer among negatives "
                    + "than among positives, and popularity alone scored 0.56-0.57, measured 2026-12-06). `'uniform'`: every "
                    + "embedded track (the paper's draw)");
}
