package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.port.out.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ObjectStore} that every implementation passes: the embedded profile's directory and
 * the cluster profile's bucket must be interchangeable under the lake writer and the report store.
 *
 * <p>Not in the contract: a key that is also the start of another key followed by {@code /} ("a/b" beside
 * "a/b/c"). A bucket holds both, a directory cannot, and the lake layout never needs it.
 */
abstract class BaseObjectStoreTest {
    /** Larger than any multipart threshold the implementations' tests configure, not a multiple of a part. */
    static final int LARGE_OBJECT_SIZE = 12 * 1024 * 1024 + 12_345;

    static final String LAKE_KEY =
            "events/source=billing-service/type=com.platform.billing.invoice.paid.v1/date=2026-03-01/hour=05/"
                    + "part-00000-6f1c2a9e.jsonl.gz";

    protected ObjectStore store;

    /** A new store for one test that holds no object yet. */
    protected abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void getReturnsWhatPutWrote() {
        store.put("reports/r-1/result.json", bytes("{\"dau\":42}"));

        assertThat(store.get("reports/r-1/result.json")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"dau\":42}"));
    }

    @Test
    void anObjectStreamedInIsStreamedOutWhole() throws Exception {
        byte[] content = new byte[1_500_000];
        new java.util.Random(7).nextBytes(content);
        store.put("reports/report_instance_id=r-2/big.csv", new java.io.ByteArrayInputStream(content), content.length);

        try (java.io.InputStream in = store.open("reports/report_instance_id=r-2/big.csv").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.open("reports/report_instance_id=r-2/missing.csv")).isEmpty();
        assertThatThrownBy(() -> store.put("reports/short.csv", new java.io.ByteArrayInputStream(new byte[10]), 11))
                .as("a stream shorter than announced").isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("reports/short.csv")).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectOnlyAndTwiceIsOnce() {
        store.put("reports/report_instance_id=r-1/sales.csv", bytes("a,b\n"));
        store.put("reports/report_instance_id=r-1/sales.jsonl", bytes("{}"));
        store.put("reports/report_instance_id=r-10/sales.csv", bytes("c"));

        store.delete("reports/report_instance_id=r-1/sales.csv");
        store.delete("reports/report_instance_id=r-1/sales.csv");
        store.delete("reports/report_instance_id=r-1"); // a prefix of other keys, no object: nothing happens
        store.delete("never/written.csv");

        assertThat(store.get("reports/report_instance_id=r-1/sales.csv")).isEmpty();
        assertThat(store.list("reports/")).containsExactly("reports/report_instance_id=r-1/sales.jsonl",
                "reports/report_instance_id=r-10/sales.csv");
    }

    @Test
    void putReplacesAnExistingObject() {
        store.put("models/churn/model.onnx", bytes("first version, longer than the second"));
        store.put("models/churn/model.onnx", bytes("second"));

        assertThat(store.get("models/churn/model.onnx")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("second"));
        assertThat(store.list("models/")).containsExactly("models/churn/model.onnx");
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
        store.put("reports/r-1/result.json", bytes("x"));

        assertThat(store.get("reports/r-2/result.json")).isEmpty();
        assertThat(store.get("reports/r-1")).isEmpty();
        assertThat(store.get("nothing-here")).isEmpty();
    }

    @Test
    void listReturnsTheKeysUnderThePrefixInLexicalOrder() {
        List<String> keys = new ArrayList<>(List.of(
                "a/b=2/x", "a/b=10/x", "a/b=1/y", "a/b=1/x", "a-c/x", "ab/x", "b/x", "a/b=1.json"));
        Collections.shuffle(keys, new Random(7));
        keys.forEach(k -> store.put(k, bytes(k)));

        assertThat(store.list("a/")).containsExactly("a/b=1.json", "a/b=1/x", "a/b=1/y", "a/b=10/x", "a/b=2/x");
        assertThat(store.list("a/b=1/")).containsExactly("a/b=1/x", "a/b=1/y");
        // a prefix is a string prefix, not a directory: "a" matches a-c/ and ab/ too ('-' < '.' < '/' < 'b')
        assertThat(store.list("a")).containsExactly(
                "a-c/x", "a/b=1.json", "a/b=1/x", "a/b=1/y", "a/b=10/x", "a/b=2/x", "ab/x");
        assertThat(store.list("a/b=1")).containsExactly("a/b=1.json", "a/b=1/x", "a/b=1/y", "a/b=10/x");
        assertThat(store.list("")).hasSize(8).isSorted();
        assertThat(store.list("c/")).isEmpty();
    }

    @Test
    void keysInTheLakeLayoutKeepTheirEqualsSignsAndSlashes() {
        String otherHour = LAKE_KEY.replace("hour=05", "hour=06");
        String otherType = LAKE_KEY.replace("invoice.paid", "invoice.issued");
        store.put(otherHour, bytes("h6"));
        store.put(LAKE_KEY, bytes("h5"));
        store.put(otherType, bytes("issued"));

        assertThat(store.get(LAKE_KEY)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("h5")));
        assertThat(store.list("events/source=billing-service/type=com.platform.billing.invoice.paid.v1/"
                + "date=2026-03-01/")).containsExactly(LAKE_KEY, otherHour);
        assertThat(store.list("events/source=billing-service/")).containsExactly(otherType, LAKE_KEY, otherHour);
    }

    @Test
    void binaryContentComesBackByteForByte() {
        byte[] everyByte = new byte[256 * 4];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] random = randomBytes(200_000, 11);
        store.put("bin/every-byte", everyByte);
        store.put("bin/random", random);
        store.put("bin/empty", new byte[0]);

        assertThat(store.get("bin/every-byte")).hasValueSatisfying(b -> assertThat(b).isEqualTo(everyByte));
        assertThat(store.get("bin/random")).hasValueSatisfying(b -> assertThat(b).isEqualTo(random));
        assertThat(store.get("bin/empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void putAllWritesEveryObject() {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            objects.put(LAKE_KEY.replace("hour=05", "hour=" + String.format("%02d", i % 6))
                    .replace("part-00000", String.format("part-%05d", i)), randomBytes(1000 + i * 97, i));
        }
        store.putAll(objects);

        assertThat(store.list("events/")).containsExactlyElementsOf(objects.keySet().stream().sorted().toList());
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
            assertThat(store.get(o.getKey())).as(o.getKey()).hasValueSatisfying(b -> assertThat(b).isEqualTo(o.getValue()));
        }
    }

    @Test
    void aLargeObjectComesBackWhole() {
        byte[] large = randomBytes(LARGE_OBJECT_SIZE, 3);
        store.put("models/large/weights.bin", large);

        assertThat(store.get("models/large/weights.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(large));
        assertThat(store.list("models/")).containsExactly("models/large/weights.bin");
    }

    @Test
    void refusesKeysThatAreNoObjectName() {
        assertThatThrownBy(() -> store.put("", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("/abs", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("dir/", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
