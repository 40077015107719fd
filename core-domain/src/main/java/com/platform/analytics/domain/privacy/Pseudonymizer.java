package com.platform.analytics.domain.privacy;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymization before anything is stored (ФЗ-152). Rules, by key name (case-insensitive) anywhere in the
 * payload:
 * <ul>
 *   <li>identifiers {@code userId}, {@code friendUserId}, {@code adminId}, {@code anonymousId} become
 *       pseudonyms: {@code <keyId>_<first 32 hex digits of HMAC-SHA256(secret, id)>}; when the value is an
 *       object or a list, every string and number in it, at any depth, becomes a pseudonym (a number by its
 *       JSON text), keys, booleans and nulls stay;</li>
 *   <li>contact data {@code email}, {@code username}, {@code displayName} is dropped, whatever its type;</li>
 *   <li>search text {@code query} is dropped, its length kept as {@code queryLength} when it is a string;</li>
 *   <li>{@code ipAddress} is truncated by {@link IpTruncation}, and dropped when it is not an IP;</li>
 *   <li>{@code subject} and any string extension attribute have every identifier of the payload they
 *       contain, and every UUID, replaced by its pseudonym; e-mail addresses become {@code [email]}; IPs are
 *       truncated. A subject may also name a person the payload does not (see {@link #pseudonymizeSubject}).</li>
 * </ul>
 *
 * <p>Why 128 bits of the HMAC suffice: a pseudonym must not collide with another user's, and must not be
 * computable without the secret. With n users the chance of any collision is about n²/2¹²⁹: for a billion
 * users, under 10⁻²¹. Without the secret, a pseudonym cannot be derived or reversed faster than guessing the
 * 256-bit secret; guessing a 128-bit tag succeeds with probability 2⁻¹²⁸ (NIST SP 800-107 allows truncating
 * HMAC tags to far fewer bits). Half the digest halves the storage of the most frequent column.
 *
 * <p>The same identifier always gets the same pseudonym under one key, so user metrics count the same users;
 * a different key gives unrelated pseudonyms. Thread-safe.
 */
public final class Pseudonymizer {
    /** Hex digits of the HMAC kept in a pseudonym (128 bits). */
    public static final int PSEUDONYM_HEX_DIGITS = 32;
    public static final String EMAIL_PLACEHOLDER = "[email]";
    public static final String REMOVED_PLACEHOLDER = "[removed]";

    private static final String HMAC = "HmacSHA256";
    private static final Set<String> IDENTIFIER_KEYS = Set.of("userid", "frienduserid", "adminid", "anonymousid");
    private static final Set<String> CONTACT_KEYS = Set.of("email", "username", "displayname");
    private static final String QUERY_KEY = "query";
    private static final String QUERY_LENGTH_KEY = "queryLength";
    private static final String IP_KEY = "ipaddress";
    private static final String DATA_KEY = "data";
    private static final String BINARY_DATA_KEY = "data_base64";
    private static final String SUBJECT_KEY = "subject";
    /** Attributes of the envelope that never carry personal data (the event's own id, its type, ...). */
    private static final Set<String> PLAIN_ATTRIBUTES = Set.of(
            "specversion", "id", "source", "type", "time", "datacontenttype", "dataschema");

    private static final Pattern UUID = Pattern.compile(
            "(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?![0-9.])");
    /** Candidates only: each is checked by {@link IpTruncation} (a time such as 10:00:00 is not an address). */
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Fa-f:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9A-Fa-f:])");
    /** {@code "key": "value"} or {@code "key": number} in text that is not valid JSON as a whole. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "\"(userId|friendUserId|adminId|anonymousId|email|username|displayName|query|ipAddress|subject)\"(\\s*:\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final String PERSONAL_KEYS = "userId|friendUserId|adminId|anonymousId|email|username|displayName|query";
    /** The name of an identifier or contact key as a word of its own ({@code userIdMap} is not one). */
    private static final Pattern PERSONAL_KEY_WORD = Pattern.compile(
            "(?<![A-Za-z0-9_])(?:" + PERSONAL_KEYS + ")(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
    /** {@code "key": "string"} or {@code "key": number}, complete: what follows ends a JSON value. */
    private static final Pattern PERSONAL_SCALAR_PAIR = Pattern.compile(
            "\"(?:" + PERSONAL_KEYS + ")\"\\s*:\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*)(?=\\s*(?:[,}\\]]|$))",
            Pattern.CASE_INSENSITIVE);
    /** The word used as a key in some other syntax: {@code userId=}, {@code 'userId':}, {@code \"userId\":}. */
    private static final Pattern KEY_SEPARATOR = Pattern.compile("\\\\?[\"']?\\s*[:=]");
    /** Five digits or more: a phone, an account or a user number rather than a page, a version or a year. */
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("[0-9]{5,}");

    /** Pseudonyms computed lately: one user's events repeat their ids, and an HMAC is the costly part. */
    private static final int CACHE_LIMIT = 262_144;

    private final String keyId;
    private final ThreadLocal<Mac> mac;
    private final ConcurrentHashMap<String, String> recent = new ConcurrentHashMap<>();

    public Pseudonymizer(PseudonymizationKey key) {
        requireNonNull(key, "key is null");
        this.keyId = key.keyId();
        SecretKeySpec spec = new SecretKeySpec(key.secret(), HMAC);
        try {
            Mac.getInstance(HMAC).init(spec); // fail at start-up, not at the first event
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance(HMAC);
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    public String keyId() {
        return keyId;
    }

    /** The pseudonym of an identifier: {@code <keyId>_<32 hex digits>}. */
    public String pseudonym(String identifier) {
        requireNonNull(identifier, "identifier is null");
        String cached = recent.get(identifier);
        if (cached != null) {
            return cached;
        }
        byte[] digest = mac.get().doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        String pseudonym = keyId + "_" + HexFormat.of().formatHex(digest, 0, PSEUDONYM_HEX_DIGITS / 2);
        if (recent.size() >= CACHE_LIMIT) {
            recent.clear(); // bounded memory; the next events refill it with the ids that are active now
        }
        recent.put(identifier, pseudonym);
        return pseudonym;
    }

    /** The event with its data, subject and extensions pseudonymized; id, source, type and time unchanged. */
    public CloudEvent pseudonymize(CloudEvent event) {
        requireNonNull(event, "event is null");
        Set<String> known = new LinkedHashSet<>();
        collectIdentifiers(event.data(), known);
        List<String> knownByLength = byLengthDescending(known);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) applyKeyRules(event.data());
        String subject = event.subject() == null ? null : pseudonymizeSubject(event.subject(), knownByLength);
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : event.extensions().entrySet()) {
            extensions.put(e.getKey(), e.getValue() instanceof String s ? pseudonymizeText(s, knownByLength) : e.getValue());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> ruledExtensions = (Map<String, Object>) applyKeyRules(extensions);
        return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.timeText(),
                event.time(), subject, event.datacontenttype(), event.dataschema(), data, ruledExtensions);
    }

    /**
     * Any JSON tree (an event that failed validation) with the same rules applied by key name at every level.
     * At the top level ({@code data}, {@code data_base64} and {@code subject} in any letter case):
     * <ul>
     *   <li>{@code data_base64} is replaced by {@code [removed]}, whatever it is: its bytes cannot be checked
     *       for identifiers; when it is a string its length is kept as {@code data_base64Length};</li>
     *   <li>a {@code data} that is a string (JSON text, perhaps) is replaced the same way, its length kept as
     *       {@code dataLength};</li>
     *   <li>{@code subject} and other attributes, other than the plain ones (id, source, type, ...), are text
     *       that may contain identifiers: every string in them, at any depth, is treated like a subject or an
     *       extension of an accepted event.</li>
     * </ul>
     * Lengths count characters (code points), as {@code queryLength} does. The input is not modified.
     */
    public Object pseudonymizeTree(Object json) {
        Set<String> known = new LinkedHashSet<>();
        collectIdentifiers(json, known);
        List<String> knownByLength = byLengthDescending(known);
        Object ruled = applyKeyRules(json);
        if (ruled instanceof Map<?, ?> top) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : top.entrySet()) {
                String key = String.valueOf(e.getKey());
                String lower = key.toLowerCase(Locale.ROOT);
                Object v = e.getValue();
                if (lower.equals(BINARY_DATA_KEY) || (lower.equals(DATA_KEY) && v instanceof String)) {
                    out.put(key, REMOVED_PLACEHOLDER);
                    if (v instanceof String s) {
                        out.put(key + "Length", (long) s.codePointCount(0, s.length()));
                    }
                } else if (lower.equals(DATA_KEY) || PLAIN_ATTRIBUTES.contains(key)) {
                    out.put(key, v);
                } else if (lower.equals(SUBJECT_KEY)) {
                    out.put(key, mapStrings(v, s -> pseudonymizeSubject(s, knownByLength)));
                } else {
                    out.put(key, mapStrings(v, s -> pseudonymizeText(s, knownByLength)));
                }
            }
            return out;
        }
        if (ruled instanceof String s) {
            return redactText(s);
        }
        return ruled;
    }

    /**
     * Text that is not even JSON, made safe to keep: values of the rules' keys found as {@code "key": value}
     * are pseudonymized or removed, UUIDs become pseudonyms, e-mail addresses {@code [email]}, IP addresses
     * are truncated.
     *
     * <p>Only a string or a number after such a key can be rewritten in place. When an identifier or contact
     * key is followed by anything else (a list, an object, {@code null}, an unterminated string, or the key
     * written in another syntax such as {@code userId=} or an escaped {@code \"userId\":}), what belongs to
     * it cannot be told in broken text, so nothing of the text is kept:
     * {@code [removed: N characters, unparseable with identifiers]}.
     */
    public String redactText(String raw) {
        requireNonNull(raw, "raw is null");
        if (hasPersonalKeyWithoutScalar(raw)) {
            return "[removed: " + raw.codePointCount(0, raw.length()) + " characters, unparseable with identifiers]";
        }
        Matcher m = KEY_VALUE.matcher(raw);
        StringBuilder sb = new StringBuilder(raw.length());
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(3);
            String inner = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            String replacement;
            if (IDENTIFIER_KEYS.contains(key)) {
                replacement = "\"" + pseudonym(inner) + "\"";
            } else if (key.equals(IP_KEY)) {
                replacement = "\"" + IpTruncation.truncate(inner).orElse(REMOVED_PLACEHOLDER) + "\"";
            } else if (key.equals("subject")) {
                replacement = value; // left to the patterns below
            } else {
                replacement = "\"" + REMOVED_PLACEHOLDER + "\"";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement("\"" + m.group(1) + "\"" + m.group(2) + replacement));
        }
        m.appendTail(sb);
        return redactPatterns(sb.toString());
    }

    /**
     * Whether an identifier or contact key occurs as a key other than {@code "key": "string"} or
     * {@code "key": number}. The word in prose ({@code invalid email}) is not a key; the word quoted is one
     * unless followed by a complete string or number, so {@code ["userId", "alice"]} counts, to be safe.
     */
    private static boolean hasPersonalKeyWithoutScalar(String raw) {
        Matcher word = PERSONAL_KEY_WORD.matcher(raw);
        Matcher pair = PERSONAL_SCALAR_PAIR.matcher(raw);
        Matcher separator = KEY_SEPARATOR.matcher(raw);
        while (word.find()) {
            int start = word.start();
            int end = word.end();
            boolean quoted = start > 0 && raw.charAt(start - 1) == '"' && end < raw.length() && raw.charAt(end) == '"';
            if (quoted) {
                if (!pair.region(start - 1, raw.length()).lookingAt()) {
                    return true;
                }
            } else if (separator.region(end, raw.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- rules

    private Object applyKeyRules(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String lower = key.toLowerCase(Locale.ROOT);
                Object v = e.getValue();
                if (IDENTIFIER_KEYS.contains(lower)) {
                    out.put(key, pseudonymizeIdentifierValue(v));
                } else if (CONTACT_KEYS.contains(lower)) {
                    continue;
                } else if (lower.equals(QUERY_KEY)) {
                    if (v instanceof String s) {
                        out.put(QUERY_LENGTH_KEY, (long) s.codePointCount(0, s.length()));
                    }
                } else if (lower.equals(IP_KEY)) {
                    if (v instanceof String s) {
                        IpTruncation.truncate(s).ifPresent(ip -> out.put(key, ip));
                    }
                } else {
                    out.put(key, applyKeyRules(v));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(applyKeyRules(item));
            }
            return out;
        }
        return value;
    }

    /**
     * Everything under an identifier key identifies: {@code "userId": {"value": "alice"}} must not keep alice
     * because the inner key is not one of ours. Keys, booleans and nulls carry no identity and stay.
     */
    private Object pseudonymizeIdentifierValue(Object v) {
        if (v instanceof String s) {
            return pseudonym(s);
        }
        if (v instanceof Number n) {
            return pseudonym(Json.write(n));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(pseudonymizeIdentifierValue(item));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), pseudonymizeIdentifierValue(e.getValue()));
            }
            return out;
        }
        return v;
    }

    /** The tree with every string, at any depth, passed through {@code text}. */
    private static Object mapStrings(Object v, UnaryOperator<String> text) {
        if (v instanceof String s) {
            return text.apply(s);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), mapStrings(e.getValue(), text));
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(mapStrings(item, text));
            }
            return out;
        }
        return v;
    }

    /** Raw values that identify a person: identifiers and contact data, wherever they are in the tree. */
    private static void collectIdentifiers(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String lower = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
                Object v = e.getValue();
                if (IDENTIFIER_KEYS.contains(lower) || CONTACT_KEYS.contains(lower)) {
                    collectScalars(v, out);
                } else {
                    collectIdentifiers(v, out);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                collectIdentifiers(item, out);
            }
        }
    }

    /** Every string and number under an identifier or contact key, at any depth. */
    private static void collectScalars(Object v, Set<String> out) {
        if (v instanceof String s && !s.isEmpty()) {
            out.add(s);
        } else if (v instanceof Number n) {
            out.add(Json.write(n));
        } else if (v instanceof List<?> list) {
            for (Object item : list) {
                collectScalars(item, out);
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                collectScalars(item, out);
            }
        }
    }

    private static List<String> byLengthDescending(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(Comparator.comparingInt(String::length).reversed());
        return list;
    }

    /**
     * A subject or other attribute text: an identifier of the payload (whole or inside it, as a token) becomes
     * its pseudonym, then the shape-based patterns apply.
     */
    private String pseudonymizeText(String text, List<String> knownByLength) {
        if (knownByLength.contains(text)) {
            return pseudonym(text);
        }
        String s = text;
        for (String id : knownByLength) {
            s = replaceTokens(s, id, this::pseudonym);
        }
        return redactPatterns(s);
    }

    /**
     * The subject rule. Identifiers of the payload and UUIDs in it become their pseudonyms, as in any attribute
     * text. But a subject can name a person the payload does not mention, such as {@code users/12345}: so, with
     * the payload's identifiers and the UUIDs set aside, if what remains holds a run of five or more digits the
     * whole subject becomes one pseudonym. Shorter numbers ({@code orders/1234}, {@code page/2026}) are kept.
     * This is stricter than "only when no known identifier is present": {@code users/alice/friends/55501}
     * with alice in the payload loses 55501 too.
     */
    private String pseudonymizeSubject(String subject, List<String> knownByLength) {
        String rest = subject;
        for (String id : knownByLength) {
            rest = replaceTokens(rest, id, found -> " ");
        }
        if (rest.indexOf('-') >= 0) {
            rest = UUID.matcher(rest).replaceAll(" ");
        }
        if (LONG_DIGIT_RUN.matcher(rest).find()) {
            return pseudonym(subject);
        }
        return pseudonymizeText(subject, knownByLength);
    }

    /** {@code text} with each occurrence of {@code id} that is a token of its own replaced (computed on a match). */
    private static String replaceTokens(String text, String id, UnaryOperator<String> replacement) {
        int from = 0;
        StringBuilder sb = null;
        int copied = 0;
        while (true) {
            int at = text.indexOf(id, from);
            if (at < 0) {
                break;
            }
            int end = at + id.length();
            boolean startsToken = at == 0 || !isTokenChar(text.charAt(at - 1));
            boolean endsToken = end == text.length() || !isTokenChar(text.charAt(end));
            if (startsToken && endsToken) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16);
                }
                sb.append(text, copied, at).append(replacement.apply(id));
                copied = end;
                from = end;
            } else {
                from = at + 1;
            }
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@';
    }

    private String redactPatterns(String text) {
        // each pattern only runs where its tell-tale character occurs: this is on the path of every event
        String s = text;
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll(Matcher.quoteReplacement(EMAIL_PLACEHOLDER));
        }
        if (s.indexOf('-') >= 0) {
            s = UUID.matcher(s).replaceAll(r -> Matcher.quoteReplacement(pseudonym(r.group())));
        }
        if (s.indexOf('.') >= 0) {
            s = IPV4.matcher(s).replaceAll(r -> Matcher.quoteReplacement(IpTruncation.truncate(r.group()).orElse(r.group())));
        }
        if (s.indexOf(':') >= 0) {
            s = IPV6.matcher(s).replaceAll(r -> Matcher.quoteReplacement(IpTruncation.truncate(r.group()).orElse(r.group())));
        }
        return s;
    }
}
