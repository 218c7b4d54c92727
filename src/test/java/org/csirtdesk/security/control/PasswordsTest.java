package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = Passwords.hash(PASSWORD);
        assertThat(Passwords.verify(PASSWORD, hash)).isTrue();
        assertThat(Passwords.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(Passwords.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(Passwords.verify("", hash)).isFalse();
        assertThat(hash).doesNotContain(PASSWORD);
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String first = Passwords.hash(PASSWORD);
        String second = Passwords.hash(PASSWORD);
        assertThat(first).isNotEqualTo(second);
        assertThat(salt(first)).isNotEqualTo(salt(second));
    }

    @Test
    void theIterationCountIsRecordedAndTheHashsOwnCountIsUsed() {
        assertThat(Passwords.ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThat(Passwords.hash(PASSWORD))
                .matches("\\$pbkdf2-sha256\\$i=" + Passwords.ITERATIONS + "\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String older = Passwords.hash(PASSWORD, 1_000);
        assertThat(older).startsWith("$pbkdf2-sha256$i=1000$");
        assertThat(Passwords.verify(PASSWORD, older))
                .as("a hash made with fewer iterations still verifies")
                .isTrue();
        assertThat(Passwords.verify(PASSWORD, older.replace("$i=1000$", "$i=1001$")))
                .isFalse();
    }

    @Test
    void aTamperedHashVerifiesNothing() {
        String hash = Passwords.hash(PASSWORD, 1_000);
        String[] parts = hash.split("\\$");
        assertThat(Passwords.verify(PASSWORD, hash.replace(parts[4], flipped(parts[4]))))
                .isFalse();
        assertThat(Passwords.verify(PASSWORD, hash.replace(parts[3], flipped(parts[3]))))
                .isFalse();
    }

    @Test
    void somethingThatIsNoHashOfOursIsRefusedLoudly() {
        String hash = Passwords.hash(PASSWORD, 1_000);
        for (String damaged : new String[] {
            "",
            PASSWORD,
            hash.replace("pbkdf2-sha256", "pbkdf2-sha1"),
            hash.substring(0, hash.length() - 4),
            hash.replace("$i=1000$", "$i=0$"),
            hash.replace("$i=1000$", "$i=999999999$"),
            hash.replace("$i=1000$", "$i=abc$")
        }) {
            assertThatThrownBy(() -> Passwords.verify(PASSWORD, damaged))
                    .as(damaged)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Passwords.verify(PASSWORD, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordsBeyondAsciiAreHashedAsUtf8() {
        String hash = Passwords.hash("pässwörd-ñ-日本語-🔐", 1_000);
        assertThat(Passwords.verify("pässwörd-ñ-日本語-🔐", hash)).isTrue();
        assertThat(Passwords.verify("passwörd-ñ-日本語-🔐", hash)).isFalse();
    }

    private static byte[] salt(String hash) {
        return Base64.getDecoder().decode(hash.split("\\$")[3]);
    }

    /** The same text with its first Base64 character changed. */
    private static String flipped(String base64) {
        return (base64.charAt(0) == 'A' ? 'B' : 'A') + base64.substring(1);
    }
}
