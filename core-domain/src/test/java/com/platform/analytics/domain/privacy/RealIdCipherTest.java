package com.platform.analytics.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The vault's cipher: the primitive against published AES-256-GCM vectors (through the fixed-nonce seam), then what
 * the vault relies on: round trips, a fresh nonce per value, and every change to a stored entry refused.
 */
class RealIdCipherTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PSEUDONYM = "t1_0123456789abcdef0123456789abcdef";
    private static final String OTHER_PSEUDONYM = "t1_fedcba9876543210fedcba9876543210";
    private static final String REAL_ID = "3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60";

    private static VaultKey key(String id, int fill) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (fill + i);
        }
        return new VaultKey(id, k);
    }

    // --------------------------------------------- published vectors: McGrew & Viega, "The Galois/Counter Mode
    // of Operation (GCM)", test cases 13-16 (the AES-256 ones), also in NIST's GCM validation suite

    private static final SecretKeySpec ZERO_KEY = new SecretKeySpec(new byte[32], "AES");
    private static final SecretKeySpec CASE_15_KEY = new SecretKeySpec(
            HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES");
    private static final byte[] CASE_15_IV = HEX.parseHex("cafebabefacedbaddecaf888");
    private static final String CASE_15_PLAIN = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String CASE_15_CIPHER = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

    @Test
    void testCase13EmptyPlaintextGivesThePublishedTag() throws Exception {
        byte[] sealed = RealIdCipher.seal(ZERO_KEY, new byte[12], new byte[0], new byte[0]);

        assertThat(HEX.formatHex(sealed)).isEqualTo("530f8afbc74536b9a963b4f1c4cb738b");
        assertThat(RealIdCipher.open(ZERO_KEY, new byte[12], new byte[0], sealed)).isEmpty();
    }

    @Test
    void testCase14OneZeroBlock() throws Exception {
        byte[] sealed = RealIdCipher.seal(ZERO_KEY, new byte[12], new byte[0], new byte[16]);

        assertThat(HEX.formatHex(sealed)).isEqualTo("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919");
    }

    @Test
    void testCase15FourBlocksWithoutAssociatedData() throws Exception {
        byte[] sealed = RealIdCipher.seal(CASE_15_KEY, CASE_15_IV, new byte[0], HEX.parseHex(CASE_15_PLAIN));

        assertThat(HEX.formatHex(sealed)).isEqualTo(CASE_15_CIPHER + "b094dac5d93471bdec1a502270e3cc6c");
        assertThat(HEX.formatHex(RealIdCipher.open(CASE_15_KEY, CASE_15_IV, new byte[0], sealed))).isEqualTo(CASE_15_PLAIN);
    }

    @Test
    void testCase16WithAssociatedDataAndAPartialBlock() throws Exception {
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plain = HEX.parseHex(CASE_15_PLAIN.substring(0, 120));

        byte[] sealed = RealIdCipher.seal(CASE_15_KEY, CASE_15_IV, aad, plain);

        assertThat(HEX.formatHex(sealed)).isEqualTo(CASE_15_CIPHER.substring(0, 120) + "76fc6ece0f4e1768cddf8853bb2d551b");
        assertThat(RealIdCipher.open(CASE_15_KEY, CASE_15_IV, aad, sealed)).isEqualTo(plain);
        // the same bytes with other associated data do not authenticate
        aad[0] ^= 1;
        assertThatThrownBy(() -> RealIdCipher.open(CASE_15_KEY, CASE_15_IV, aad, sealed))
                .isInstanceOf(AEADBadTagException.class);
    }

    // --------------------------------------------- the vault's use

    @Test
    void aRealIdComesBackFromItsPseudonymsEntry() {
        RealIdCipher cipher = new RealIdCipher(key("v1", 1));

        EncryptedId sealed = cipher.encrypt(PSEUDONYM, REAL_ID);

        assertThat(sealed.keyId()).isEqualTo("v1");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(REAL_ID.length() + 16);
        assertThat(cipher.decrypt(PSEUDONYM, sealed)).isEqualTo(REAL_ID);
        assertThat(cipher.decrypt(PSEUDONYM, cipher.encrypt(PSEUDONYM, "Ёжик-42 ✓"))).isEqualTo("Ёжик-42 ✓");
        assertThat(cipher.decrypt(PSEUDONYM, cipher.encrypt(PSEUDONYM, ""))).isEmpty();
    }

    @Test
    void theSealedBytesDoNotHoldTheId() {
        EncryptedId sealed = new RealIdCipher(key("v1", 1)).encrypt(PSEUDONYM, REAL_ID);

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(REAL_ID)
                .doesNotContain(REAL_ID.substring(0, 8));
        assertThat(sealed.toString()).doesNotContain(REAL_ID);
    }

    @Test
    void everyValueGetsAFreshNonce() {
        RealIdCipher cipher = new RealIdCipher(key("v1", 1));

        EncryptedId a = cipher.encrypt(PSEUDONYM, REAL_ID);
        EncryptedId b = cipher.encrypt(PSEUDONYM, REAL_ID);

        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(cipher.decrypt(PSEUDONYM, b)).isEqualTo(REAL_ID);
    }

    @Test
    void anEntryMovedToAnotherPseudonymDoesNotDecrypt() {
        RealIdCipher cipher = new RealIdCipher(key("v1", 1));
        EncryptedId sealed = cipher.encrypt(PSEUDONYM, REAL_ID);

        assertUnreadable(() -> cipher.decrypt(OTHER_PSEUDONYM, sealed));
    }

    @Test
    void aChangedCiphertextTagOrNonceIsRefused() {
        RealIdCipher cipher = new RealIdCipher(key("v1", 1));
        EncryptedId sealed = cipher.encrypt(PSEUDONYM, REAL_ID);
        byte[] ct = sealed.ciphertext();

        for (int i = 0; i < ct.length; i++) {
            byte[] changed = ct.clone();
            changed[i] ^= 0x01;
            EncryptedId tampered = new EncryptedId("v1", sealed.nonce(), changed);
            assertUnreadable(() -> cipher.decrypt(PSEUDONYM, tampered));
        }
        byte[] nonce = sealed.nonce();
        nonce[11] ^= (byte) 0x80;
        assertUnreadable(() -> cipher.decrypt(PSEUDONYM, new EncryptedId("v1", nonce, ct)));
        byte[] truncated = java.util.Arrays.copyOf(ct, ct.length - 1);
        assertUnreadable(() -> cipher.decrypt(PSEUDONYM, new EncryptedId("v1", sealed.nonce(), truncated)));
    }

    @Test
    void anotherKeyCannotOpenAnEntry() {
        EncryptedId sealed = new RealIdCipher(key("v1", 1)).encrypt(PSEUDONYM, REAL_ID);
        RealIdCipher impostor = new RealIdCipher(key("v1", 2));

        assertUnreadable(() -> impostor.decrypt(PSEUDONYM, sealed));
    }

    @Test
    void afterARotationOldEntriesOpenWithTheRetiredKeyAndNewOnesUseTheCurrent() {
        VaultKey old = key("v1", 1);
        EncryptedId before = new RealIdCipher(old).encrypt(PSEUDONYM, REAL_ID);
        RealIdCipher rotated = new RealIdCipher(key("v2", 7), List.of(old));

        assertThat(rotated.decrypt(PSEUDONYM, before)).isEqualTo(REAL_ID);
        EncryptedId after = rotated.encrypt(PSEUDONYM, REAL_ID);
        assertThat(after.keyId()).isEqualTo("v2").isEqualTo(rotated.currentKeyId());
        // without the retired key the old entry cannot be read, and the message says why without any secret
        assertThatThrownBy(() -> new RealIdCipher(key("v2", 7)).decrypt(PSEUDONYM, before))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageContaining("'v1'");
        assertThatThrownBy(() -> new RealIdCipher(old, List.of(key("v1", 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void aVaultKeyIsExactly256BitsAndNeverPrinted() {
        assertThatThrownBy(() -> new VaultKey("v1", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VaultKey("v1", new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VaultKey("v 1", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        VaultKey k = key("v1", 0x41);
        assertThat(k.toString()).contains("v1").doesNotContain("ABCD").doesNotContain("41424344");
        byte[] copy = k.key();
        copy[0] = 0;
        assertThat(k.key()[0]).isEqualTo((byte) 0x41);
        assertThat(k).isEqualTo(key("v1", 0x41)).isNotEqualTo(key("v1", 0x42));
    }

    @Test
    void anEncryptedIdIsANonceOf96BitsAndAtLeastATag() {
        assertThatThrownBy(() -> new EncryptedId("v1", new byte[16], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncryptedId("v1", new byte[12], new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EncryptedId("v1", new byte[12], new byte[16])).isEqualTo(new EncryptedId("v1", new byte[12], new byte[16]));
    }

    private static void assertUnreadable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageContaining("does not authenticate")
                .hasMessageNotContaining(REAL_ID);
    }
}
