package com.platform.analytics.domain.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ZonesTest {
    @Test
    void missingIsUtcAndRegionsAndWholeHourOffsetsAreAccepted() {
        assertThat(Zones.parse(null)).contains(ZoneId.of("UTC"));
        assertThat(Zones.parse(" ")).contains(ZoneId.of("UTC"));
        assertThat(Zones.parse("Europe/Moscow")).contains(ZoneId.of("Europe/Moscow"));
        assertThat(Zones.parse("+03:00")).contains(ZoneOffset.ofHours(3));
        assertThat(Zones.parse("-12:00")).isPresent();
        assertThat(Zones.parse("+14:00")).isPresent();
        assertThat(Zones.parse("UTC+3")).isPresent();
        assertThat(Zones.parse("Etc/GMT-3")).isPresent();
    }

    @Test
    void zonesAWarehouseMightNotKnowAreRefused() {
        assertThat(Zones.parse("Mars/Olympus")).isEmpty();
        assertThat(Zones.parse("EST")).isEmpty();
        assertThat(Zones.parse("SystemV/EST5")).isEmpty();
        assertThat(Zones.parse("+05:30")).as("not a whole hour").isEmpty();
        assertThat(Zones.parse("+15:00")).isEmpty();
        assertThat(Zones.parse("'; DROP TABLE events; --")).isEmpty();
    }
}
