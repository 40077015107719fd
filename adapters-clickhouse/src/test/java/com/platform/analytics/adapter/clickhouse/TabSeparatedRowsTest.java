package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedRowsTest {
    @Test
    void splitsRowsAndFieldsAndUnescapes() {
        assertThat(TabSeparatedRows.parse("2026-03-01\tpc\t3\n2026-03-02\t\t1.50\n")).containsExactly(
                List.of("2026-03-01", "pc", "3"), List.of("2026-03-02", "", "1.50"));
        assertThat(TabSeparatedRows.parse("a\\tb\\nc\\\\d\\'e\n")).containsExactly(List.of("a\tb\nc\\d'e"));
        assertThat(TabSeparatedRows.parse("")).isEmpty();
    }
}
