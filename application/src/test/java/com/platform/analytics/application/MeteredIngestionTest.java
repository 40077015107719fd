package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.port.out.OperationalMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredIngestionTest {
    @Test
    void eachRequestsOutcomesAreCountedUnderItsChannel() {
        List<String> recorded = new ArrayList<>();
        OperationalMetrics metrics = new OperationalMetrics() {
            @Override
            public void eventsIngested(String channel, long accepted, long rejected, long duplicates) {
                recorded.add(channel + " " + accepted + " " + rejected + " " + duplicates);
            }
        };
        IngestionResult result = new IngestionResult(3, 1, List.of(new Rejection(4, RejectionCode.MALFORMED_JSON, "x", null)));
        MeteredIngestion grpc = new MeteredIngestion((format, body) -> result, "grpc", metrics);

        assertThat(grpc.ingest(BodyFormat.BATCH, "[]")).isSameAs(result);
        assertThat(recorded).containsExactly("grpc 3 1 1");
    }
}
