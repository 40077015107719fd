package com.platform.analytics.domain.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MetricValuesQueryTest {

    private static MetricValuesQuery parse(String from, String to, String granularity, String tz, String dimensions,
            List<String> filters) {
        return MetricValuesQuery.parse("dau", from, to, granularity, tz, dimensions, filters);
    }

    /** Asserts the call fails with INVALID_QUERY_PARAMETERS naming {@code parameter}; returns the detail. */
    private static String failsNaming(String parameter, Executable call) {
        AnalyticsException e = catchThrowableOfType(() -> {
            try {
                call.execute();
            } catch (RuntimeException | Error x) {
                throw x;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }, AnalyticsException.class);
        assertThat(e).as("an AnalyticsException about %s", parameter).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
        assertThat(e.parameter()).contains(parameter);
        return e.detail();
    }

    @Test
    void parsesWithDefaults() {
        MetricValuesQuery q = parse("2026-03-01", "2026-03-31", null, null, null, null);
        assertThat(q.metricName()).isEqualTo("dau");
        assertThat(q.from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(q.to()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(q.granularity()).isEqualTo(Granularity.DAY);
        assertThat(q.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(q.dimensions()).isEmpty();
        assertThat(q.filters()).isEmpty();

        MetricValuesQuery blanks = parse(" 2026-03-01 ", "2026-03-01", " ", "", "  ", List.of());
        assertThat(blanks.granularity()).isEqualTo(Granularity.DAY);
        assertThat(blanks.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(blanks.from()).isEqualTo(blanks.to());
    }

    @Test
    void parsesEveryParameter() {
        MetricValuesQuery q = parse("2026-01-01", "2026-06-30", "Week", "Europe/Moscow", "platform, game_id",
                List.of("country:RU", "gameId:g-1"));
        assertThat(q.granularity()).isEqualTo(Granularity.WEEK);
        assertThat(q.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(q.dimensions()).containsExactly(Dimension.PLATFORM, Dimension.GAME_ID);
        assertThat(q.filters()).containsOnlyKeys(Dimension.COUNTRY, Dimension.GAME_ID);
        assertThat(q.filters().get(Dimension.COUNTRY)).containsExactly("RU");
    }

    @Test
    void acceptsFieldAndColumnNamesOfDimensions() {
        MetricValuesQuery q = parse("2026-01-01", "2026-01-02", null, null,
                "game_id,developerId,item_type,CAMPAIGN_ID", List.of("developer_id:d-1", "itemType:dlc"));
        assertThat(q.dimensions()).containsExactly(Dimension.GAME_ID, Dimension.DEVELOPER_ID, Dimension.ITEM_TYPE,
                Dimension.CAMPAIGN_ID);
        assertThat(q.filters()).containsOnlyKeys(Dimension.DEVELOPER_ID, Dimension.ITEM_TYPE);
        assertThat(Dimension.parse("game_id")).isEqualTo(Dimension.GAME_ID);
        assertThat(Dimension.parse("gameId")).isEqualTo(Dimension.GAME_ID);
        assertThat(Dimension.parse("gameid")).isNull();
    }

    @Test
    void filtersOnOneDimensionCollectAlternativesInOrder() {
        MetricValuesQuery q = parse("2026-01-01", "2026-01-02", null, null, null,
                List.of("platform:windows", "country:RU", "platform:linux", "platform:windows", "gameId:a:b"));
        assertThat(q.filters().get(Dimension.PLATFORM)).containsExactly("windows", "linux");
        assertThat(q.filters().get(Dimension.COUNTRY)).isEqualTo(Set.of("RU"));
        // only the first colon separates: the value may itself contain colons
        assertThat(q.filters().get(Dimension.GAME_ID)).containsExactly("a:b");
        assertThat(q.filters().keySet()).containsExactly(Dimension.PLATFORM, Dimension.COUNTRY, Dimension.GAME_ID);
    }

    @Test
    void fromAndToAreRequired() {
        assertThat(failsNaming("from", () -> parse(null, "2026-01-02", null, null, null, null))).contains("required");
        assertThat(failsNaming("from", () -> parse(" ", "2026-01-02", null, null, null, null))).contains("required");
        assertThat(failsNaming("to", () -> parse("2026-01-01", null, null, null, null, null))).contains("required");
    }

    @Test
    void fromAndToMustBeIsoDates() {
        assertThat(failsNaming("from", () -> parse("2026-1-5", "2026-01-10", null, null, null, null)))
                .contains("2026-1-5");
        failsNaming("from", () -> parse("2026-02-30", "2026-03-10", null, null, null, null));
        failsNaming("from", () -> parse("01.03.2026", "2026-03-10", null, null, null, null));
        assertThat(failsNaming("to", () -> parse("2026-01-01", "tomorrow", null, null, null, null))).contains("tomorrow");
        failsNaming("to", () -> parse("2026-01-01", "2026-01-01T00:00:00Z", null, null, null, null));
    }

    @Test
    void toMustNotBeBeforeFrom() {
        assertThat(failsNaming("to", () -> parse("2026-03-02", "2026-03-01", null, null, null, null)))
                .contains("before");
    }

    @Test
    void theRangeIsLimited() {
        LocalDate from = LocalDate.of(2020, 1, 1);
        MetricValuesQuery widest = parse(from.toString(), from.plusDays(MetricValuesQuery.MAX_DAYS).toString(),
                "total", null, null, null);
        assertThat(widest.to()).isEqualTo(from.plusDays(MetricValuesQuery.MAX_DAYS));
        assertThat(failsNaming("to", () -> parse(from.toString(),
                from.plusDays(MetricValuesQuery.MAX_DAYS + 1L).toString(), "total", null, null, null)))
                .contains(String.valueOf(MetricValuesQuery.MAX_DAYS));
    }

    @Test
    void granularityMustBeKnown() {
        assertThat(failsNaming("granularity", () -> parse("2026-01-01", "2026-01-02", "hour", null, null, null)))
                .contains("hour");
    }

    @Test
    void tzMustBeAZone() {
        assertThat(failsNaming("tz", () -> parse("2026-01-01", "2026-01-02", null, "Mars/Olympus", null, null)))
                .contains("Mars/Olympus");
        failsNaming("tz", () -> parse("2026-01-01", "2026-01-02", null, "+25:00", null, null));
    }

    @Test
    void dimensionsMustBeKnownAndNamedOnce() {
        assertThat(failsNaming("dimensions", () -> parse("2026-01-01", "2026-01-02", null, null, "platform,os", null)))
                .contains("'os'").contains("gameId");
        assertThat(failsNaming("dimensions",
                () -> parse("2026-01-01", "2026-01-02", null, null, "gameId,platform,game_id", null)))
                .contains("twice");
        failsNaming("dimensions", () -> parse("2026-01-01", "2026-01-02", null, null, "platform,,country", null));
    }

    @Test
    void filtersMustBeDimensionColonValue() {
        for (String bad : List.of("platform", "platform:", ":windows", "")) {
            assertThat(failsNaming("filter", () -> parse("2026-01-01", "2026-01-02", null, null, null, List.of(bad))))
                    .as(bad).contains("<dimension>:<value>");
        }
        assertThat(failsNaming("filter",
                () -> parse("2026-01-01", "2026-01-02", null, null, null, List.of("os:linux"))))
                .contains("'os'").contains("platform");
    }

    @Test
    void checksParametersInOrderSoTheFirstProblemIsNamed() {
        failsNaming("from", () -> parse("bad", "bad", "bad", "bad", "bad", List.of("bad")));
        failsNaming("granularity", () -> parse("2026-01-01", "2026-01-02", "bad", "bad", "bad", List.of("bad")));
    }

    @org.junit.jupiter.api.Test
    void onlyZonesEveryEngineKnowsAreAccepted() {
        for (String ok : List.of("Europe/Moscow", "UTC", "America/Argentina/Buenos_Aires", "+03:00", "-12:00", "+14:00")) {
            org.assertj.core.api.Assertions.assertThat(MetricValuesQuery.parse("dau", "2026-03-01", "2026-03-02", null, ok, null, List.of()).zone())
                    .as(ok).isNotNull();
        }
        for (String bad : List.of("SystemV/AST4", "EST", "+05:30", "-13:00", "+18:00")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricValuesQuery.parse("dau", "2026-03-01", "2026-03-02", null, bad, null, List.of()))
                    .as(bad).isInstanceOf(com.platform.analytics.domain.error.AnalyticsException.class)
                    .hasMessageContaining("tz must be");
        }
    }
}
