package org.musig.generator;

import java.util.SplittableRandom;

/**
 * Draws the content of playlist {@code pid} around a theme, deterministically from (seed, pid).
 *
 * <p>A playlist picks a theme genre (weighted by the genre's share of tracks) and a main style of it
 * (weighted by the style's popularity mass), and a length from {@link PlaylistLengths}. Each slot is
 * first given a kind:
 * <ul>
 *   <li><b>new release</b>, only in the second half (positions {@code >= length / 2}, what an evaluation
 *       holds out), with probability {@link GeneratorConfig#newReleaseRate()}: a track of the new
 *       release of the artist of an earlier track (a few earlier tracks are tried for an artist that has
 *       one; else this becomes an artist slot),</li>
 *   <li><b>artist</b>, any slot but the first, with probability {@link GeneratorConfig#artistAffinity()}:
 *       a track by the artist of a uniformly chosen earlier track, from the same album with probability
 *       {@value #SAME_ALBUM_SHARE} when that is not a new release, else from the artist's older albums
 *       (uniform: an artist's tracks have similar popularity),</li>
 *   <li><b>theme</b> otherwise, filled, all draws popularity-weighted, from</li>
 * </ul>
 * <ul>
 *   <li>the main style with probability {@code p}, where {@code p} is uniform in [0.58, 0.72] per playlist
 *       (65% on average),</li>
 *   <li>another style of the theme genre with probability 0.20,</li>
 *   <li>the whole catalog otherwise (about 15%; such a draw can still hit the theme genre).</li>
 * </ul>
 * So artists co-occur beyond their style, and new releases sit late in playlists and in few of them.
 * Every theme slot first gets one unconditional draw (all slots at once, so that their memory accesses
 * overlap); then, in slot order, artist and new-release slots are drawn (they depend on the tracks
 * before them, retried up to {@value #MAX_TRIES} times, then falling back to the main style) and a
 * theme draw that repeats a track already in the playlist is redrawn (up to
 * {@value #MAX_TRIES} times per level, then the draw falls back to the wider level: style, genre,
 * catalog and finally a linear scan), so playlists never contain duplicates and always terminate. A draw from another style picks the
 * style first (redrawing the main style), which is the genre's popularity distribution restricted to
 * the other styles. Popularity-weighted draws use O(1) alias tables; duplicate, album and artist
 * bookkeeping uses small per-playlist hash sets, so composing costs O(length) per playlist and its
 * extra memory does not grow with the catalog.
 *
 * <p>Metadata: the name is {@code "<genre> mix <style number>"}; {@code modified_at} is a midnight
 * (UTC) between 2010-01-01 and 2017-11-01 skewed towards recent dates, as in the MPD;
 * {@code num_followers} is 1 for about 65% of playlists with a Pareto tail; {@code num_edits} grows
 * with the length. A composer is not thread-safe; use one per thread.
 */
final class PlaylistComposer {

    static final double MAIN_STYLE_SHARE_MIN = 0.58;
    static final double MAIN_STYLE_SHARE_SPAN = 0.14;
    static final double OTHER_STYLE_SHARE = 0.20;
    static final double SAME_ALBUM_SHARE = 0.5;
    static final int MAX_TRIES = 24;
    /** Earlier tracks tried for an artist with a new release. */
    static final int NEW_RELEASE_ARTIST_TRIES = 4;

    private static final long FIRST_DAY = 14_610L;   // 2010-01-01
    private static final long LAST_DAY = 17_471L;    // 2017-11-01
    private static final double FOLLOWER_TAIL = 1.5;
    private static final int MAX_FOLLOWERS = 1_000_000;

    /** Where a slot's first draw came from. */
    private static final byte MAIN = 0;
    private static final byte OTHER = 1;
    private static final byte ANY = 2;
    private static final byte ARTIST = 3;
    private static final byte NEW = 4;

    private final TrackCatalog catalog;
    private final PlaylistLengths lengths;
    private final long seed;
    private final double artistAffinity;
    private final double newReleaseRate;
    private final byte[] kinds = new byte[PlaylistLengths.MAX_LENGTH];
    private final int[] albumOf = new int[PlaylistLengths.MAX_LENGTH];
    private final int[] artistOf = new int[PlaylistLengths.MAX_LENGTH];
    private final StampedIntSet tracks = new StampedIntSet();
    private final StampedIntSet albums = new StampedIntSet();
    private final StampedIntSet artists = new StampedIntSet();

    PlaylistComposer(TrackCatalog catalog, PlaylistLengths lengths, GeneratorConfig config) {
        this.catalog = catalog;
        this.lengths = lengths;
        this.seed = config.seed();
        this.artistAffinity = config.artistAffinity();
        this.newReleaseRate = config.newReleaseRate();
    }

    /** Fills {@code out} with playlist {@code pid}. */
    void compose(int pid, ComposedPlaylist out) {
        SplittableRandom rnd = DeterministicRandom.stream(seed, DeterministicRandom.SALT_PLAYLIST, pid);
        tracks.clear();
        albums.clear();
        artists.clear();
        int genre = catalog.drawGenre(rnd);
        int style = catalog.drawStyle(genre, rnd);
        int length = Math.min(lengths.sample(rnd), catalog.trackCount());
        double mainShare = MAIN_STYLE_SHARE_MIN + MAIN_STYLE_SHARE_SPAN * rnd.nextDouble();
        double themeShare = mainShare + OTHER_STYLE_SHARE;

        // Pass 1: the kind of each slot, and one unconditional draw per theme slot. The draws do not
        // depend on each other, so their memory accesses overlap instead of waiting for one another.
        int[] slots = out.tracks;
        int half = length / 2;
        for (int i = 0; i < length; i++) {
            double k = rnd.nextDouble();
            if (i >= half && k < newReleaseRate) {
                kinds[i] = NEW;
                continue;
            }
            if (i > 0 && k >= 1.0 - artistAffinity) {
                kinds[i] = ARTIST;
                continue;
            }
            double u = rnd.nextDouble();
            if (u < mainShare) {
                kinds[i] = MAIN;
                slots[i] = catalog.drawFromStyle(style, rnd);
            } else if (u < themeShare) {
                kinds[i] = OTHER;
                slots[i] = otherStyleCandidate(genre, style, rnd);
            } else {
                kinds[i] = ANY;
                slots[i] = catalog.drawFromAll(rnd);
            }
        }
        // Pass 2: in slot order, artist and new-release slots are drawn from the tracks before them, and
        // a theme track already taken is redrawn from the slot's level.
        for (int i = 0; i < length; i++) {
            if (kinds[i] == NEW || kinds[i] == ARTIST) {
                int track = kinds[i] == NEW ? newRelease(slots, i, genre, style, rnd)
                        : byArtist(slots, i, genre, style, rnd);
                tracks.add(track);
                slots[i] = track;
            } else if (!tracks.add(slots[i])) {
                int track = kinds[i] == MAIN ? fromStyle(genre, style, rnd)
                        : kinds[i] == OTHER ? fromOtherStyle(genre, style, rnd) : fromAll(rnd);
                tracks.add(track);
                slots[i] = track;
            }
        }
        // Pass 3: statistics, in loops of independent loads (this also brings the tracks' catalog
        // records into cache for the writer).
        long duration = 0;
        int[] albumOf = this.albumOf;
        for (int i = 0; i < length; i++) {
            duration += catalog.durationMs(slots[i]);
            albumOf[i] = catalog.albumOf(slots[i]);
        }
        int[] artistOf = this.artistOf;
        for (int i = 0; i < length; i++) {
            artistOf[i] = catalog.artistOfAlbum(albumOf[i]);
        }
        for (int i = 0; i < length; i++) {
            albums.add(albumOf[i]);
            artists.add(artistOf[i]);
        }

        out.pid = pid;
        out.genre = genre;
        out.style = style;
        out.name = catalog.genreName(genre) + " mix " + catalog.styleNumberInGenre(style);
        out.length = length;
        out.numAlbums = albums.size();
        out.numArtists = artists.size();
        out.durationMs = duration;
        long day = FIRST_DAY + (long) ((LAST_DAY - FIRST_DAY) * StrictMath.sqrt(rnd.nextDouble()));
        out.modifiedAt = day * 86_400L;
        double followers = StrictMath.pow(1.0 - rnd.nextDouble(), -1.0 / FOLLOWER_TAIL);
        out.numFollowers = (int) Math.min(MAX_FOLLOWERS, Math.floor(followers));
        out.numEdits = 1 + (int) (-StrictMath.log(1.0 - rnd.nextDouble()) * (4.0 + length / 5.0));
    }

    /** A track of the new release of the artist of an earlier slot, else an artist draw. */
    private int newRelease(int[] slots, int slot, int genre, int style, SplittableRandom rnd) {
        for (int attempt = 0; attempt < NEW_RELEASE_ARTIST_TRIES; attempt++) {
            int artist = catalog.artistOf(slots[rnd.nextInt(slot)]);
            if (!catalog.hasNewRelease(artist)) {
                continue;
            }
            for (int draw = 0; draw < MAX_TRIES; draw++) {
                int t = catalog.drawNewRelease(artist, rnd);
                if (!tracks.contains(t)) {
                    return t;
                }
            }
        }
        return byArtist(slots, slot, genre, style, rnd);
    }

    /** A track by the artist of an earlier slot (maybe from the same album), else a main-style draw. */
    private int byArtist(int[] slots, int slot, int genre, int style, SplittableRandom rnd) {
        int source = slots[rnd.nextInt(slot)];
        int album = catalog.albumOf(source);
        int artist = catalog.artistOfAlbum(album);
        boolean sameAlbum = rnd.nextDouble() < SAME_ALBUM_SHARE && !catalog.isNewRelease(source);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int t = sameAlbum ? catalog.drawFromAlbum(album, rnd) : catalog.drawFromBackCatalogue(artist, rnd);
            if (!tracks.contains(t)) {
                return t;
            }
        }
        return fromStyle(genre, style, rnd);
    }

    private int fromStyle(int genre, int style, SplittableRandom rnd) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int t = catalog.drawFromStyle(style, rnd);
            if (!tracks.contains(t)) {
                return t;
            }
        }
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int t = catalog.drawFromGenre(genre, rnd);
            if (!tracks.contains(t)) {
                return t;
            }
        }
        return fromAll(rnd);
    }

    /** A draw from the genre's styles other than the main one, not checked against the playlist. */
    private int otherStyleCandidate(int genre, int style, SplittableRandom rnd) {
        boolean single = catalog.stylesInGenre(genre) == 1;
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int other = catalog.drawStyle(genre, rnd);
            if (other != style || single) {
                return catalog.drawFromStyle(other, rnd);
            }
        }
        return catalog.drawFromAll(rnd);
    }

    private int fromOtherStyle(int genre, int style, SplittableRandom rnd) {
        boolean single = catalog.stylesInGenre(genre) == 1;
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int other = catalog.drawStyle(genre, rnd);
            if (other == style && !single) {
                continue;
            }
            int t = catalog.drawFromStyle(other, rnd);
            if (!tracks.contains(t)) {
                return t;
            }
        }
        return fromAll(rnd);
    }

    private int fromAll(SplittableRandom rnd) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int t = catalog.drawFromAll(rnd);
            if (!tracks.contains(t)) {
                return t;
            }
        }
        int n = catalog.trackCount();
        int t = rnd.nextInt(n);
        while (tracks.contains(t)) {
            t = t + 1 == n ? 0 : t + 1;
        }
        return t;
    }
}
