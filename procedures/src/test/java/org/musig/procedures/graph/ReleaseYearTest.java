package org.musig.procedures.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReleaseYearTest {
    @Test
    void theYearIsReadFromFullPartialAndTypedDates() {
        assertThat(TrackFeatureReader.releaseYear("2019-06-14")).isEqualTo(2019);
        assertThat(TrackFeatureReader.releaseYear("2019-06")).isEqualTo(2019);
        assertThat(TrackFeatureReader.releaseYear(" 1975 ")).isEqualTo(1975);
        assertThat(TrackFeatureReader.releaseYear(1999L)).isEqualTo(1999);
        assertThat(TrackFeatureReader.releaseYear(LocalDate.of(2001, 2, 3))).isEqualTo(2001);
    }

    @Test
    void textWithoutALeadingYearAndPlaceholderYearsHaveNone() {
        assertThat(TrackFeatureReader.releaseYear("someday")).isNull();
        assertThat(TrackFeatureReader.releaseYear("20190614")).isNull(); // eight digits: not a year then a separator
        assertThat(TrackFeatureReader.releaseYear("0000-00-00")).isNull();
        assertThat(TrackFeatureReader.releaseYear(9999L)).isNull();
        assertThat(TrackFeatureReader.releaseYear("")).isNull();
        assertThat(TrackFeatureReader.releaseYear(2019.5)).isNull();
    }
}
