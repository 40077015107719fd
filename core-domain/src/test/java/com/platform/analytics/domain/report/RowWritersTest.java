package com.platform.analytics.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowWritersTest {
    private static final List<ReportColumn> COLUMNS = List.of(new ReportColumn("game, id", "String"),
            new ReportColumn("revenue", "Decimal(18, 2)"), new ReportColumn("ratio", "Float64"));

    private static String write(OutputFormat format, List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportRowWriter w = format.writer(out)) {
            w.header(COLUMNS);
            for (List<String> row : rows) {
                w.row(row);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvQuotesFieldsWithCommaQuoteOrLineBreakAndDoublesQuotes() throws IOException {
        String csv = write(OutputFormat.CSV, List.of(
                List.of("plain", "10.50", "0.5"),
                List.of("a,b", "say \"hi\"", "line\nbreak"),
                Arrays.asList("cr\rhere", null, ""),
                List.of("Ёлка ☃", " spaces ", "'single'")));
        assertThat(csv).isEqualTo("\"game, id\",revenue,ratio\r\n"
                + "plain,10.50,0.5\r\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\"\r\n"
                + "\"cr\rhere\",,\r\n"
                + "Ёлка ☃, spaces ,'single'\r\n");
    }

    @Test
    void jsonLinesWriteNumbersOfNumericColumnsAsNumbersAndTheRestAsStrings() throws IOException {
        String jsonl = write(OutputFormat.JSON, List.of(
                List.of("g\"1\n", "10.50", "nan"),
                Arrays.asList("g2", null, "-1.5e-7")));
        assertThat(jsonl).isEqualTo("{\"game, id\":\"g\\\"1\\n\",\"revenue\":10.50,\"ratio\":\"nan\"}\n"
                + "{\"game, id\":\"g2\",\"revenue\":null,\"ratio\":-1.5e-7}\n");
    }
}
