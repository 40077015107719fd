package com.platform.analytics.domain.privacy;

import java.util.Optional;

/**
 * IP addresses cut to their network: IPv4 to /24 ({@code 203.0.113.17} gives {@code 203.0.113.0}), IPv6 to /48
 * ({@code 2001:db8:85a3:8d3:1319:8a2e:370:7348} gives {@code 2001:db8:85a3::}). What remains locates a
 * provider or a region, not a subscriber. Parsed by hand: {@code InetAddress.getByName} would resolve a
 * host name over DNS.
 *
 * <p>IPv6 addresses that carry an IPv4 address are cut to that IPv4's /24, as the IPv4 itself would be:
 * <ul>
 *   <li>6to4 ({@code 2002::/16}) holds the site's whole IPv4 in bits 16-47, which a /48 would keep; its bits
 *       40-47 are zeroed and it stays IPv6 ({@code 2002:cb00:7111::1} gives {@code 2002:cb00:7100::});</li>
 *   <li>IPv4-mapped ({@code ::ffff:0:0/96}) and well-known NAT64 ({@code 64:ff9b::/96}) addresses are IPv4
 *       hosts seen through IPv6: they are written as the dotted IPv4 /24 ({@code ::ffff:203.0.113.17} and
 *       {@code 64:ff9b::cb00:7111} both give {@code 203.0.113.0}), so one host counts as one network whichever
 *       socket saw it.</li>
 * </ul>
 * Every result is its own truncation (truncating twice changes nothing).
 */
public final class IpTruncation {
    private IpTruncation() {
    }

    /** The truncated address, or empty when the text is not an IPv4 or IPv6 address. */
    public static Optional<String> truncate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int[] v4 = parseIpv4(s);
        if (v4 != null) {
            return Optional.of(v4[0] + "." + v4[1] + "." + v4[2] + ".0");
        }
        int[] v6 = parseIpv6(s);
        if (v6 != null) {
            if (v6[0] == 0x2002) {
                return Optional.of(formatIpv6(new int[] {0x2002, v6[1], v6[2] & 0xff00, 0, 0, 0, 0, 0}));
            }
            if (isIpv4Mapped(v6) || isWellKnownNat64(v6)) {
                return Optional.of((v6[6] >> 8) + "." + (v6[6] & 0xff) + "." + (v6[7] >> 8) + ".0");
            }
            int[] kept = new int[8];
            System.arraycopy(v6, 0, kept, 0, 3);
            return Optional.of(formatIpv6(kept));
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d} (RFC 4291 section 2.5.5.2). */
    private static boolean isIpv4Mapped(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    }

    /** {@code 64:ff9b::a.b.c.d} (RFC 6052); the local-use {@code 64:ff9b:1::/48} is left to the plain /48. */
    private static boolean isWellKnownNat64(int[] g) {
        return g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0;
    }

    static int[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            out[i] = value;
        }
        return out;
    }

    /** The eight 16-bit groups of an IPv6 address ({@code ::} compression, an IPv4 tail, a zone id), or null. */
    static int[] parseIpv6(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.indexOf(':') < 0) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] headGroups = groups(head, gap < 0);
        int[] tailGroups = gap >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(headGroups, 0, out, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, out, 8 - tailGroups.length, tailGroups.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) when allowed. */
    private static int[] groups(String s, boolean ipv4TailAllowed) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && p.indexOf('.') >= 0) {
                int[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = (v4[0] << 8) | v4[1];
                out[n++] = (v4[2] << 8) | v4[3];
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0 || p.charAt(j) > 'f') {
                    return null;
                }
                value = value * 16 + d;
            }
            out[n++] = value;
        }
        int[] exact = new int[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    /** RFC 5952 text: lower-case hex, the longest run (of two or more) of zero groups written {@code ::}. */
    static String formatIpv6(int[] g) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
