package org.csirtdesk.mail.control;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * OpenPGP/MIME signatures (RFC 3156) with the CSIRT's key, as CSIRTs sign their advisories: the letter's part, in
 * its canonical form (quoted-printable, CRLF line ends), and a detached signature over exactly those bytes, in a
 * {@code multipart/signed} that mail clients verify as it is.
 */
public final class Signing {

    private static final String MICALG = "pgp-sha256";

    private final PGPPrivateKey key;
    private final PGPPublicKey publicKey;

    private Signing(PGPPrivateKey key, PGPPublicKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /** The first signing key of an ASCII-armoured secret key file, unlocked with the passphrase. */
    public static Signing withKey(Path keyFile, char[] passphrase) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(keyFile))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (Iterator<PGPSecretKeyRing> ringsLeft = rings.getKeyRings(); ringsLeft.hasNext(); ) {
                for (Iterator<PGPSecretKey> keys = ringsLeft.next().getSecretKeys(); keys.hasNext(); ) {
                    PGPSecretKey secret = keys.next();
                    if (secret.isSigningKey() && !secret.isPrivateKeyEmpty()) {
                        PGPPrivateKey key = secret.extractPrivateKey(
                                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                                        .build(passphrase));
                        return new Signing(key, secret.getPublicKey());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the signing key " + keyFile + " cannot be read", e);
        } catch (PGPException e) {
            throw new IllegalStateException("the signing key " + keyFile + " cannot be unlocked: " + e.getMessage(), e);
        }
        throw new IllegalStateException("the signing key file " + keyFile + " holds no secret signing key");
    }

    /** The letter's text as a signed multipart: the text part, then the armoured signature. */
    public MimeMultipart sign(String text) throws MessagingException {
        MimeBodyPart content = new MimeBodyPart();
        content.setText(text, StandardCharsets.UTF_8.name());
        // Written out before any message saves it, so its headers are set here rather than by saveChanges.
        content.setHeader("Content-Type", "text/plain; charset=UTF-8");
        // RFC 3156 section 3: a signed part must be 7-bit safe, or a relay's re-encoding breaks the signature.
        content.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return sign(content);
    }

    /** A text with its files (each part 7-bit safe already) as a signed multipart. */
    public MimeMultipart sign(MimeMultipart mixed) throws MessagingException {
        MimeBodyPart content = new MimeBodyPart();
        content.setContent(mixed);
        content.setHeader("Content-Type", mixed.getContentType());
        return sign(content);
    }

    private MimeMultipart sign(MimeBodyPart content) throws MessagingException {
        byte[] canonical = canonical(content);
        MimeBodyPart signed = new MimeBodyPart(new ByteArrayInputStream(canonical));

        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "application/pgp-signature; name=\"signature.asc\"");
        headers.setHeader("Content-Description", "OpenPGP digital signature");
        headers.setHeader("Content-Disposition", "attachment; filename=\"signature.asc\"");
        MimeBodyPart signature = new MimeBodyPart(headers, signature(canonical));

        MimeMultipart multipart = new SignedMultipart();
        multipart.addBodyPart(signed);
        multipart.addBodyPart(signature);
        return multipart;
    }

    /** The part as it goes on the wire, every line ending in CRLF: what the signature covers. */
    static byte[] canonical(MimeBodyPart part) throws MessagingException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            part.writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("the letter's part cannot be written", e);
        }
        byte[] bytes = raw.toByteArray();
        ByteArrayOutputStream crlf = new ByteArrayOutputStream(bytes.length + 64);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                crlf.write('\r');
            }
            crlf.write(bytes[i]);
        }
        return crlf.toByteArray();
    }

    private byte[] signature(byte[] signed) throws MessagingException {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256), publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, key);
            generator.update(signed);
            ByteArrayOutputStream armoured = new ByteArrayOutputStream();
            try (ArmoredOutputStream out =
                    ArmoredOutputStream.builder().clearHeaders().build(armoured)) {
                generator.generate().encode(out);
            }
            return armoured.toByteArray();
        } catch (PGPException | IOException e) {
            throw new MessagingException("the letter cannot be signed: " + e.getMessage(), e);
        }
    }

    /** {@code multipart/signed} with the parameters RFC 3156 requires. */
    private static final class SignedMultipart extends MimeMultipart {

        SignedMultipart() throws ParseException {
            super("signed");
            ContentType type = new ContentType(contentType);
            type.setParameter("micalg", MICALG);
            type.setParameter("protocol", "application/pgp-signature");
            contentType = type.toString();
        }
    }
}
