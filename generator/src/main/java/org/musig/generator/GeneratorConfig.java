package org.musig.generator;

/**
 * Parameters of one synthetic data set. Immutable; the canonical constructor validates and throws
 * {@link IllegalArgumentException} whose message starts with the name of the offending field.
 *
 * <p>Start from {@link #defaults()} or {@link #builder()}; every builder field defaults to the value in
 * {@link #defaults()}. See {@link SyntheticPlaylistGenerator} for how the defaults were chosen.
 *
 * @param playlists          number of playlists, pids {@code 0..playlists-1}
 * @param tracks             catalog size M (every track gets a row in {@code track_features.csv})
 * @param genres             number of planted genres G
 * @param meanPlaylistLength target mean number of tracks per playlist (lengths are in 5..250)
 * @param playlistsPerSlice  playlists per {@code mpd.slice.*.json} file (the real MPD uses 1000)
 * @param seed               master seed; identical parameters and seed give byte-identical files
 * @param withAcoustic       whether {@code track_features.csv} carries the 8-d acoustic embedding
 * @param popularityExponent Zipf exponent s of the within-genre popularity weights {@code 1/rank^s}
 * @param popularityOffset   offset q of the popularity weights {@code (rank + q)^-s}, as a multiple of the
 *                           mean genre size {@code tracks / genres}
 * @param artistAffinity     share of a playlist's tracks (after its first) drawn from an artist already in
 *                           it: half from the same album as the chosen earlier track, half from the
 *                           artist's other albums
 * @param newReleaseShare    share of the artists with two or more albums whose latest album is a new
 *                           release: dated 2017, never drawn by popularity, only by {@code newReleaseRate}
 * @param newReleaseRate     share of the slots in a playlist's second half that take a new release by an
 *                           artist already in the playlist
 * @param overwrite          whether to replace existing generator output in the target directory
 * @param threads            worker threads writing slices in parallel; does not change the output
 */
public record GeneratorConfig(
                              int playlists,
                              int tracks,
                              int genres,
                              double meanPlaylistLength,
                              int playlistsPerSlice,
                              long seed,
                              boolean withAcoustic,
                              double popularityExponent,
                              double popularityOffset,
                              double artistAffinity,
                              double newReleaseShare,
                              double newReleaseRate,
                              boolean overwrite,
                              int threads) {

    public static final int DEFAULT_PLAYLISTS = 95_000;
    public static final int DEFAULT_TRACKS = 1_000_000;
    public static final int DEFAULT_GENRES = 50;
    public static final double DEFAULT_MEAN_PLAYLIST_LENGTH = 66.0;
    public static final int DEFAULT_PLAYLISTS_PER_SLICE = 1000;
    public static final long DEFAULT_SEED = 20211107L;
    public static final double DEFAULT_POPULARITY_EXPONENT = 4.0;
    public static final double DEFAULT_POPULARITY_OFFSET = 0.45;
    public static final double DEFAULT_ARTIST_AFFINITY = 0.25;
    public static final double DEFAULT_NEW_RELEASE_SHARE = 0.8;
    public static final double DEFAULT_NEW_RELEASE_RATE = 0.05;

    /** Smallest catalog accepted: a playlist may hold up to 250 distinct tracks. */
    public static final int MIN_TRACKS = 500;
    /** Every genre needs room for a few styles and albums. */
    public static final int MIN_TRACKS_PER_GENRE = 10;
    public static final int MAX_TRACKS = 50_000_000;
    public static final double MIN_MEAN_PLAYLIST_LENGTH = 6.0;
    public static final double MAX_MEAN_PLAYLIST_LENGTH = 200.0;
    public static final double MAX_POPULARITY_EXPONENT = 10.0;
    public static final double MAX_POPULARITY_OFFSET = 100.0;
    public static final int MAX_THREADS = 256;

    public GeneratorConfig {
        if (playlists < 1) {
            throw new IllegalArgumentException("playlists must be >= 1, got " + playlists);
        }
        if (genres < 1) {
            throw new IllegalArgumentException("genres must be >= 1, got " + genres);
        }
        if (tracks < MIN_TRACKS || tracks > MAX_TRACKS) {
            throw new IllegalArgumentException("tracks must be in [" + MIN_TRACKS + ", " + MAX_TRACKS
                    + "], got " + tracks);
        }
        if ((long) tracks < (long) MIN_TRACKS_PER_GENRE * genres) {
            throw new IllegalArgumentException("tracks must be >= " + MIN_TRACKS_PER_GENRE
                    + " * genres = " + ((long) MIN_TRACKS_PER_GENRE * genres) + ", got " + tracks);
        }
        if (!(meanPlaylistLength >= MIN_MEAN_PLAYLIST_LENGTH && meanPlaylistLength <= MAX_MEAN_PLAYLIST_LENGTH)) {
            throw new IllegalArgumentException("meanPlaylistLength must be in [" + MIN_MEAN_PLAYLIST_LENGTH
                    + ", " + MAX_MEAN_PLAYLIST_LENGTH + "], got " + meanPlaylistLength);
        }
        if (playlistsPerSlice < 1) {
            throw new IllegalArgumentException("playlistsPerSlice must be >= 1, got " + playlistsPerSlice);
        }
        if (!(popularityExponent >= 0.0 && popularityExponent <= MAX_POPULARITY_EXPONENT)) {
            throw new IllegalArgumentException("popularityExponent must be in [0, " + MAX_POPULARITY_EXPONENT
                    + "], got " + popularityExponent);
        }
        if (!(popularityOffset >= 0.0 && popularityOffset <= MAX_POPULARITY_OFFSET)) {
            throw new IllegalArgumentException("popularityOffset must be in [0, " + MAX_POPULARITY_OFFSET
                    + "], got " + popularityOffset);
        }
        if (!(artistAffinity >= 0.0 && artistAffinity < 1.0)) {
            throw new IllegalArgumentException("artistAffinity must be in [0, 1), got " + artistAffinity);
        }
        if (!(newReleaseShare >= 0.0 && newReleaseShare <= 1.0)) {
            throw new IllegalArgumentException("newReleaseShare must be in [0, 1], got " + newReleaseShare);
        }
        if (!(newReleaseRate >= 0.0 && newReleaseRate + artistAffinity < 1.0)) {
            throw new IllegalArgumentException("newReleaseRate must be >= 0 with newReleaseRate + artistAffinity < 1"
                    + " (some slots must follow the theme), got " + newReleaseRate);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
    }

    /**
     * The defaults: 95,000 playlists over 1,000,000 tracks in 50 genres, mean length 66, popularity
     * {@code (rank + 9000)^-4} inside each genre, a quarter of the tracks drawn by artist affinity, new
     * releases for 80% of the artists with several albums taking 5% of the second-half slots, one thread.
     */
    public static GeneratorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .playlists(playlists)
                .tracks(tracks)
                .genres(genres)
                .meanPlaylistLength(meanPlaylistLength)
                .playlistsPerSlice(playlistsPerSlice)
                .seed(seed)
                .withAcoustic(withAcoustic)
                .popularityExponent(popularityExponent)
                .popularityOffset(popularityOffset)
                .artistAffinity(artistAffinity)
                .newReleaseShare(newReleaseShare)
                .newReleaseRate(newReleaseRate)
                .overwrite(overwrite)
                .threads(threads);
    }

    /** Number of slice files the configuration produces. */
    public int sliceCount() {
        return (int) (((long) playlists + playlistsPerSlice - 1) / playlistsPerSlice);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int playlists = DEFAULT_PLAYLISTS;
        private int tracks = DEFAULT_TRACKS;
        private int genres = DEFAULT_GENRES;
        private double meanPlaylistLength = DEFAULT_MEAN_PLAYLIST_LENGTH;
        private int playlistsPerSlice = DEFAULT_PLAYLISTS_PER_SLICE;
        private long seed = DEFAULT_SEED;
        private boolean withAcoustic = true;
        private double popularityExponent = DEFAULT_POPULARITY_EXPONENT;
        private double popularityOffset = DEFAULT_POPULARITY_OFFSET;
        private double artistAffinity = DEFAULT_ARTIST_AFFINITY;
        private double newReleaseShare = DEFAULT_NEW_RELEASE_SHARE;
        private double newReleaseRate = DEFAULT_NEW_RELEASE_RATE;
        private boolean overwrite = false;
        private int threads = 1;

        private Builder() {
        }

        public Builder playlists(int value) {
            this.playlists = value;
            return this;
        }

        public Builder tracks(int value) {
            this.tracks = value;
            return this;
        }

        public Builder genres(int value) {
            this.genres = value;
            return this;
        }

        public Builder meanPlaylistLength(double value) {
            this.meanPlaylistLength = value;
            return this;
        }

        public Builder playlistsPerSlice(int value) {
            this.playlistsPerSlice = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder withAcoustic(boolean value) {
            this.withAcoustic = value;
            return this;
        }

        public Builder popularityExponent(double value) {
            this.popularityExponent = value;
            return this;
        }

        public Builder popularityOffset(double value) {
            this.popularityOffset = value;
            return this;
        }

        public Builder artistAffinity(double value) {
            this.artistAffinity = value;
            return this;
        }

        public Builder newReleaseShare(double value) {
            this.newReleaseShare = value;
            return this;
        }

        public Builder newReleaseRate(double value) {
            this.newReleaseRate = value;
            return this;
        }

        public Builder overwrite(boolean value) {
            this.overwrite = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(playlists, tracks, genres, meanPlaylistLength, playlistsPerSlice,
                    seed, withAcoustic, popularityExponent, popularityOffset, artistAffinity, newReleaseShare,
                    newReleaseRate, overwrite, threads);
        }
    }
}
