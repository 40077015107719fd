package com.platform.analytics.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpTruncationTest {
    @Test
    void ipv4KeepsItsSlash24() {
        assertThat(IpTruncation.truncate("203.0.113.17")).contains("203.0.113.0");
        assertThat(IpTruncation.truncate(" 10.1.2.255 ")).contains("10.1.2.0");
        assertThat(IpTruncation.truncate("0.0.0.0")).contains("0.0.0.0");
    }

    @Test
    void ipv6KeepsItsSlash48() {
        assertThat(IpTruncation.truncate("2001:db8:85a3:8d3:1319:8a2e:370:7348")).contains("2001:db8:85a3::");
        assertThat(IpTruncation.truncate("2001:0DB8:0000:0001::1")).contains("2001:db8::");
        assertThat(IpTruncation.truncate("2001:db8:1::")).contains("2001:db8:1::");
        assertThat(IpTruncation.truncate("::1")).contains("::");
        assertThat(IpTruncation.truncate("fe80::1%eth0")).contains("fe80::");
        assertThat(IpTruncation.truncate("[2001:db8:aa:bb::1]")).contains("2001:db8:aa::");
        assertThat(IpTruncation.truncate("0:0:1:2:3:4:5:6")).contains("0:0:1::");
    }

    @Test
    void sixToFourKeepsOnlyTheSlash24OfItsEmbeddedIpv4() {
        // 2002:cb00:7111:: embeds 203.0.113.17 in bits 16-47: a /48 would keep the whole address
        assertThat(IpTruncation.truncate("2002:cb00:7111::1")).contains("2002:cb00:7100::");
        assertThat(IpTruncation.truncate("2002:CB00:7111:abcd:1:2:3:4")).contains("2002:cb00:7100::");
        assertThat(IpTruncation.truncate("2002:cb00:7100::")).as("idempotent").contains("2002:cb00:7100::");
    }

    @Test
    void mappedAndNat64AddressesBecomeTheSlash24OfTheirIpv4InDottedForm() {
        assertThat(IpTruncation.truncate("::ffff:203.0.113.17")).contains("203.0.113.0");
        assertThat(IpTruncation.truncate("::FFFF:cb00:7111")).contains("203.0.113.0");
        assertThat(IpTruncation.truncate("[::ffff:10.1.2.3]")).contains("10.1.2.0");
        assertThat(IpTruncation.truncate("64:ff9b::203.0.113.17")).contains("203.0.113.0");
        assertThat(IpTruncation.truncate("64:ff9b::cb00:7111")).contains("203.0.113.0");
        // not the well-known NAT64 prefix (RFC 8215 local use): an ordinary /48
        assertThat(IpTruncation.truncate("64:ff9b:1::cb00:7111")).contains("64:ff9b:1::");
        assertThat(IpTruncation.truncate("::ffff:0:cb00:7111")).as("IPv4-translated: /48 keeps nothing").contains("::");
    }

    @Test
    void anythingElseIsNotAnAddress() {
        for (String bad : new String[] {"", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d",
                "1:2:3", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9", "10:00:00", "2001:db8::g", "1.2.3.4::",
                "example.com"}) {
            assertThat(IpTruncation.truncate(bad)).as(bad).isEmpty();
        }
        assertThat(IpTruncation.truncate(null)).isEmpty();
    }

    @Test
    void formatsIpv6TheCanonicalWay() {
        assertThat(IpTruncation.formatIpv6(new int[] {0x2001, 0xdb8, 0, 0, 1, 0, 0, 0})).isEqualTo("2001:db8:0:0:1::");
        assertThat(IpTruncation.formatIpv6(new int[] {0x2001, 0xdb8, 0, 1, 0, 0, 0, 1})).isEqualTo("2001:db8:0:1::1");
        assertThat(IpTruncation.formatIpv6(new int[] {1, 0, 2, 0, 3, 0, 4, 0})).isEqualTo("1:0:2:0:3:0:4:0");
        assertThat(IpTruncation.formatIpv6(new int[8])).isEqualTo("::");
    }
}
