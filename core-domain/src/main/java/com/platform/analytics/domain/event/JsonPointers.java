package com.platform.analytics.domain.event;

/** JSON Pointer (RFC 6901) building. */
final class JsonPointers {
    private JsonPointers() {
    }

    /** {@code parent} followed by one reference token, with {@code ~} and {@code /} escaped. */
    static String child(String parent, String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return parent + "/" + token;
        }
        return parent + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
