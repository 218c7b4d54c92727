package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP/MIME (RFC 3156): the signature verifies over the exact bytes of the signed part as a mail client reads them. */
class SigningTest {

    private static final char[] PASSPHRASE = "the CSIRT's passphrase".toCharArray();
    private static final String LETTER =
            "Dear site administrators,\n\nPlease update the batch system by Tuesday 1 December"
                    + " 2026, 14:00 CET.\nÜmlauts, a line that ends in spaces   \nand a line\nFrom the start: quoted-printable keeps it.\n"
                    + "-- \nEGI CSIRT\n";

    @TempDir
    static Path folder;

    static Path keyFile;
    static PGPPublicKey publicKey;

    @BeforeAll
    static void aKey() throws Exception {
        keyFile = folder.resolve("csirt-key.asc");
        publicKey = writeKey(keyFile, PASSPHRASE);
    }

    /** A new RSA signing key, ASCII-armoured into {@code file}, locked with the passphrase; answers its public key. */
    static PGPPublicKey writeKey(Path file, char[] passphrase) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        PGPKeyPair pair =
                new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), new Date());
        PGPSecretKey secret = new PGPSecretKey(
                PGPSignature.DEFAULT_CERTIFICATION,
                pair,
                "EGI CSIRT <abuse@egi.eu>",
                new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
                null,
                null,
                new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).build(passphrase));
        try (OutputStream out = ArmoredOutputStream.builder().build(Files.newOutputStream(file))) {
            secret.encode(out);
        }
        return secret.getPublicKey();
    }

    @Test
    @DisplayName(
            "a signed letter is multipart/signed with pgp-sha256, and its signature verifies over the signed part's bytes on the wire")
    void signatureVerifies() throws Exception {
        byte[] wire = signedMail(Signing.withKey(keyFile, PASSPHRASE));
        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire));
        ContentType type = new ContentType(read.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/signed");
        assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-signature");
        assertThat(type.getParameter("micalg")).isEqualTo("pgp-sha256");
        MimeMultipart parts = (MimeMultipart) read.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo(LETTER);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pgp-signature");

        byte[] signedPart = firstPart(wire, type.getParameter("boundary"));
        assertThat(verifies(signedPart, signature(parts))).isTrue();
        byte[] tampered = signedPart.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(verifies(tampered, signature(parts))).isFalse();
    }

    @Test
    @DisplayName("a wrong passphrase or a file without a secret key is refused at start")
    void badKeysRefused() throws Exception {
        assertThatThrownBy(() -> Signing.withKey(keyFile, "wrong".toCharArray()))
                .hasMessageContaining("cannot be unlocked");
        Path empty = folder.resolve("empty.asc");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Signing.withKey(empty, PASSPHRASE)).hasMessageContaining("no secret signing key");
    }

    private static byte[] signedMail(Signing signing) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setSubject("signed");
        mail.setContent(signing.sign(LETTER));
        mail.saveChanges();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        mail.writeTo(wire);
        return wire.toByteArray();
    }

    /** What a mail client verifies: the bytes after the first delimiter line up to the CRLF before the next. */
    private static byte[] firstPart(byte[] wire, String boundary) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        String delimiter = "\r\n--" + boundary;
        int start = text.indexOf("--" + boundary + "\r\n") + boundary.length() + 4;
        int end = text.indexOf(delimiter, start);
        return Arrays.copyOfRange(wire, start, end);
    }

    private static PGPSignature signature(MimeMultipart parts) throws Exception {
        ByteArrayOutputStream armoured = new ByteArrayOutputStream();
        parts.getBodyPart(1).getInputStream().transferTo(armoured);
        PGPObjectFactory objects = new PGPObjectFactory(
                PGPUtil.getDecoderStream(new ByteArrayInputStream(armoured.toByteArray())),
                new BcKeyFingerprintCalculator());
        return ((PGPSignatureList) objects.nextObject()).get(0);
    }

    private static boolean verifies(byte[] signed, PGPSignature signature) throws Exception {
        signature.init(new BcPGPContentVerifierBuilderProvider(), publicKey);
        signature.update(signed);
        return signature.verify();
    }
}
