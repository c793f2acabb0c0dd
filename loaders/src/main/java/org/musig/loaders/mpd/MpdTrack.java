package org.musig.loaders.mpd;

import org.musig.loaders.TrackRecord;

/** A track entry of an MPD playlist with its position ({@code pos}). */
public record MpdTrack(TrackRecord track, int position) {
}
