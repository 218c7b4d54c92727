package org.csirtdesk.site.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.eclipse.microprofile.config.Config;

/**
 * How the adapter proves who it is to GOCDB: an X.509 client certificate (a PKCS#12 file, or PEM
 * certificate and key files as grid tools keep them, the key possibly encrypted) and the CAs to trust, or an
 * OIDC bearer token. Built once from configuration; the token file is read at every call, so that a token
 * renewed by an agent (oidc-agent, say) is picked up without a restart.
 */
record GocdbCredential(SSLContext tls, boolean clientCertificate, Optional<String> token, Optional<Path> tokenFile) {

    /**
     * Decrypting OpenSSL-style keys needs Bouncy Castle's own algorithms (PBKDF-OpenSSL, PBKDF2with8BIT), which
     * the JDK's providers lack. Used directly rather than registered, so the server's JCA setup is left alone.
     */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** The settings, as configuration gives them (each may be absent). */
    record Settings(
            Optional<String> keystore,
            Optional<String> keystorePassword,
            Optional<String> certificate,
            Optional<String> key,
            Optional<String> keyPassword,
            Optional<String> trust,
            Optional<String> token,
            Optional<String> tokenFile) {

        /** The {@code csirt.gocdb.*} keys (docs/sites.md). */
        static Settings from(Config config) {
            return new Settings(
                    value(config, "keystore"),
                    value(config, "keystore-password"),
                    value(config, "certificate"),
                    value(config, "key"),
                    value(config, "key-password"),
                    value(config, "trust"),
                    value(config, "token"),
                    value(config, "token-file"));
        }

        private static Optional<String> value(Config config, String key) {
            return config.getOptionalValue("csirt.gocdb." + key, String.class);
        }
    }

    static GocdbCredential from(Settings settings) throws GeneralSecurityException, IOException {
        KeyStore keys = null;
        char[] keyPassword = new char[0];
        if (settings.keystore().isPresent()) {
            keyPassword = settings.keystorePassword().orElse("").toCharArray();
            keys = KeyStore.getInstance("PKCS12");
            try (InputStream in =
                    Files.newInputStream(Path.of(settings.keystore().get()))) {
                keys.load(in, keyPassword);
            }
        } else if (settings.certificate().isPresent() || settings.key().isPresent()) {
            String certificate = settings.certificate()
                    .orElseThrow(() ->
                            new GeneralSecurityException("csirt.gocdb.key is set but csirt.gocdb.certificate is not"));
            String key = settings.key().orElse(certificate);
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keyPassword = new char[0];
            keys.setKeyEntry(
                    "client",
                    pemKey(Path.of(key), settings.keyPassword()),
                    keyPassword,
                    pemCertificates(Path.of(certificate)).toArray(Certificate[]::new));
        }
        KeyManagerFactory keyManagers = null;
        if (keys != null) {
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPassword);
        }
        TrustManagerFactory trustManagers = null;
        if (settings.trust().isPresent()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (X509Certificate ca : pemCertificates(Path.of(settings.trust().get()))) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(
                keyManagers == null ? null : keyManagers.getKeyManagers(),
                trustManagers == null ? null : trustManagers.getTrustManagers(),
                null);
        return new GocdbCredential(
                tls,
                keys != null,
                settings.token().filter(token -> !token.isBlank()),
                settings.tokenFile().filter(file -> !file.isBlank()).map(Path::of));
    }

    /** GOCDB's private interface needs a credential; without one only the public methods answer. */
    boolean authenticated() {
        return clientCertificate || token.isPresent() || tokenFile.isPresent();
    }

    /** The bearer token to send, if one is configured. */
    Optional<String> bearer() {
        if (tokenFile.isPresent()) {
            try {
                return Optional.of(Files.readString(tokenFile.get(), StandardCharsets.UTF_8)
                                .strip())
                        .filter(t -> !t.isEmpty());
            } catch (IOException e) {
                throw new RegistryRefusal(
                        "the GOCDB token file " + tokenFile.get() + " cannot be read: " + e.getMessage());
            }
        }
        return token;
    }

    private static List<X509Certificate> pemCertificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    private static PrivateKey pemKey(Path file, Optional<String> password)
            throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        char[] secret = password.orElse("").toCharArray();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    try {
                        return converter
                                .getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                        .setProvider(BC)
                                        .build(secret)))
                                .getPrivate();
                    } catch (IOException e) {
                        throw new GeneralSecurityException(
                                "the key in " + file + " cannot be decrypted: " + e.getMessage(), e);
                    }
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    try {
                        return converter.getPrivateKey(
                                encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                        .setProvider(BC)
                                        .build(secret)));
                    } catch (OperatorCreationException | PKCSException e) {
                        throw new GeneralSecurityException(
                                "the key in " + file + " cannot be decrypted: " + e.getMessage(), e);
                    }
                }
            }
        }
        throw new GeneralSecurityException(file + " holds no PEM private key");
    }
}
