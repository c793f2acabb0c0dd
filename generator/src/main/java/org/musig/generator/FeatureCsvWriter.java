package org.musig.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code track_features.csv}: a header, then one row per catalog track in public track-number
 * order ({@link TrackCatalog#trackNumber(int)}):
 * {@code id}, the 13 Spotify-style audio features of {@link FeatureModel#COLUMNS}, {@code genre},
 * {@code release_date} (the album's, {@code YYYY-MM-DD}; the loaders read it as {@code Track.releaseDate})
 * and (optionally) {@code acoustic_0..acoustic_7}. Numbers are locale-independent: probabilities with up to
 * 6 decimals, loudness and tempo with up to 3, the acoustic embedding with up to 5 (6 significant
 * digits for its typical magnitude), integer columns as integers. Rows are built in one reused
 * {@link StringBuilder} and written through a 64 KiB buffered writer.
 */
final class FeatureCsvWriter {

    static final String FILE_NAME = "track_features.csv";

    private FeatureCsvWriter() {
    }

    /** The header line (without line break). */
    static String header(boolean withAcoustic) {
        StringBuilder sb = new StringBuilder("id");
        for (String column : FeatureModel.COLUMNS) {
            sb.append(',').append(column);
        }
        sb.append(",genre,release_date");
        if (withAcoustic) {
            for (int d = 0; d < FeatureModel.ACOUSTIC_DIMENSIONS; d++) {
                sb.append(",acoustic_").append(d);
            }
        }
        return sb.toString();
    }

    /** Writes the file; returns its size in bytes. */
    static long write(Path file, TrackCatalog catalog, boolean withAcoustic) throws IOException {
        FeatureModel model = catalog.featureModel();
        double[] audio = new double[FeatureModel.AUDIO_COLUMNS];
        double[] acoustic = withAcoustic ? new double[FeatureModel.ACOUSTIC_DIMENSIONS] : null;
        StringBuilder row = new StringBuilder(256);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            out.write(header(withAcoustic));
            out.write('\n');
            int[] trackOfNumber = new int[catalog.trackCount()];
            for (int t = 0; t < trackOfNumber.length; t++) {
                trackOfNumber[catalog.trackNumber(t)] = t;
            }
            for (int number = 0; number < trackOfNumber.length; number++) {
                int t = trackOfNumber[number];
                int genre = catalog.genreOf(t);
                model.features(number, genre, catalog.styleOf(t), audio, acoustic);
                row.setLength(0);
                row.append(catalog.trackId(t));
                for (int c = 0; c < FeatureModel.AUDIO_COLUMNS; c++) {
                    row.append(',');
                    FixedDecimal.append(row, audio[c], decimalsOf(c));
                }
                row.append(',').append(catalog.genreName(genre));
                row.append(',').append(catalog.releaseDate(catalog.albumOf(t)));
                if (acoustic != null) {
                    for (double v : acoustic) {
                        row.append(',');
                        FixedDecimal.append(row, v, 5);
                    }
                }
                row.append('\n');
                out.append(row);
            }
        }
        return Files.size(file);
    }

    private static int decimalsOf(int column) {
        switch (column) {
            case FeatureModel.KEY:
            case FeatureModel.MODE:
            case FeatureModel.DURATION_MS:
            case FeatureModel.TIME_SIGNATURE:
                return 0;
            case FeatureModel.LOUDNESS:
            case FeatureModel.TEMPO:
                return 3;
            default:
                return 6;
        }
    }
}
