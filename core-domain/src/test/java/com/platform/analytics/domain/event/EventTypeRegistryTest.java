package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EventTypeRegistryTest {
    private final EventTypeRegistry registry = EventTypeRegistry.platformContract();

    @Test
    void platformContractHasTheTwentyTypesOfTheSharedContract() throws IllegalAccessException {
        assertThat(registry.types()).hasSize(20);
        assertThat(registry.types()).isEqualTo(SharedFiles.examples().keySet());
        Set<String> constants = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        assertThat(registry.types()).isEqualTo(constants);
    }

    @Test
    void bundledSchemasAreExactCopiesOfTheSharedOnes() throws IOException {
        Map<String, String> shared = SharedFiles.schemaFiles();
        String index = resource("index.txt");
        assertThat(new TreeSet<>(index.lines().filter(l -> !l.isBlank()).toList())).isEqualTo(shared.keySet());
        for (Map.Entry<String, String> e : shared.entrySet()) {
            assertThat(resource(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void looksUpSchemasByType() {
        assertThat(registry.isRegistered(EventTypes.USER_REGISTERED)).isTrue();
        assertThat(registry.schema(EventTypes.USER_REGISTERED)).isPresent();
        assertThat(registry.isRegistered("com.platform.unknown.v1")).isFalse();
        assertThat(registry.schema("com.platform.unknown.v1")).isEmpty();
        assertThat(registry.isRegistered(null)).isFalse();
        assertThat(EventTypeRegistry.platformContract()).isSameAs(registry);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EventTypeRegistry.class.getResourceAsStream(EventTypeRegistry.SCHEMA_RESOURCES + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
