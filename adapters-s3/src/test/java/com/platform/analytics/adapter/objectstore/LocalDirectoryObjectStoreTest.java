package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.platform.analytics.port.out.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryObjectStoreTest extends BaseObjectStoreTest {
    @TempDir
    Path dir;

    @Override
    protected ObjectStore newStore() {
        return new LocalDirectoryObjectStore(dir);
    }

    @Test
    void putGetListRoundTrip() {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        store.put("raw_events/service_name=a/x.json.gz", bytes("one"));
        store.put("raw_events/service_name=b/y.json.gz", bytes("two"));
        store.put("dead_letter/reason=INVALID_DATA/z.json.gz", bytes("three"));

        assertThat(store.get("raw_events/service_name=b/y.json.gz")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("two"));
        assertThat(store.get("raw_events/missing")).isEmpty();
        assertThat(store.list("raw_events/")).containsExactly("raw_events/service_name=a/x.json.gz", "raw_events/service_name=b/y.json.gz");
        assertThat(store.list("")).hasSize(3);
        assertThat(Files.exists(dir.resolve("dead_letter/reason=INVALID_DATA/z.json.gz"))).isTrue();
    }

    @Test
    void putReplacesAndLeavesNoTemporaryFiles() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        store.put("a/b", bytes("first"));
        store.put("a/b", bytes("second"));
        assertThat(new String(store.get("a/b").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("second");
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b");
        }
    }

    @Test
    void putAllWritesEveryObjectWholeAndLeavesNoTemporaryFiles() throws Exception {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        java.util.Map<String, byte[]> objects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            objects.put("raw_events/p=" + (i % 7) + "/o" + i + ".json.gz", bytes("object " + i));
        }
        store.putAll(objects);
        assertThat(store.list("raw_events/")).hasSize(40);
        for (var o : objects.entrySet()) {
            assertThat(store.get(o.getKey())).hasValueSatisfying(b -> assertThat(b).isEqualTo(o.getValue()));
        }
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void refusesKeysThatEscapeTheRoot() {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        assertThatThrownBy(() -> store.put("../outside", bytes("x"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escapes");
        assertThatThrownBy(() -> store.put("/abs", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
