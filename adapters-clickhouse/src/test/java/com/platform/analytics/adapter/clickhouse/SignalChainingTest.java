package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalChainingTest {
    private static final String MAPS_WITH_JSIG = """
            55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 1234 /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f1c2a000000-7f1c2a001000 r-xp 00000000 08:01 5678 /usr/lib/jvm/java-17-openjdk-amd64/lib/libjsig.so
            7f1c2b000000-7f1c2b100000 r-xp 00000000 08:01 9012 /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so
            """;
    private static final String MAPS_WITHOUT_JSIG = """
            55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 1234 /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f1c2b000000-7f1c2b100000 r-xp 00000000 08:01 9012 /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so
            7f1c2c000000-7f1c2c001000 rw-p 00000000 00:00 0 [heap]
            """;

    @Test
    void acceptsAJvmWithLibjsigMapped() {
        assertThat(SignalChaining.problem("Linux", MAPS_WITH_JSIG, Map.of(), "/jdk")).isEmpty();
    }

    @Test
    void refusesWithTheExactVariableToSetOnLinux() {
        assertThat(SignalChaining.problem("Linux", MAPS_WITHOUT_JSIG, Map.of("LD_PRELOAD", "/jdk/lib/libjsig.so"),
                "/usr/lib/jvm/java-17")).hasValueSatisfying(message -> assertThat(message)
                        .contains("LD_PRELOAD=/usr/lib/jvm/java-17/lib/libjsig.so")
                        .contains("LD_PRELOAD=$JAVA_HOME/lib/libjsig.so"));
    }

    @Test
    void onMacosWithoutProcItTrustsDyldInsertLibraries() {
        assertThat(SignalChaining.problem("Mac OS X", null,
                Map.of("DYLD_INSERT_LIBRARIES", "/jdk/lib/libjsig.dylib"), "/jdk")).isEmpty();
        assertThat(SignalChaining.problem("Mac OS X", null, Map.of(), "/jdk"))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("DYLD_INSERT_LIBRARIES=/jdk/lib/libjsig.dylib"));
    }

    @Test
    void thisTestJvmChainsSignals() {
        // Surefire sets LD_PRELOAD; if this fails, the engine tests would hang instead of failing
        SignalChaining.requireForThisJvm();
    }
}
