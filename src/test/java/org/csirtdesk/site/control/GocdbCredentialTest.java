package org.csirtdesk.site.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GocdbCredential against a real mutual-TLS server: the only way to know the SSLContext it builds actually
 * presents the client certificate and trusts (only) the configured CA is to shake hands with something. The calls
 * go through {@link GocdbHttp}'s JAX-RS client, so they also show that the client hands the context to its
 * connections.
 */
class GocdbCredentialTest {

    private static final String ROBOT = "CN=CSIRT Desk robot";
    private static final String STORE_PASSWORD = "store-secret";
    private static final String KEY_PASSWORD = "key-secret";

    // Not registered globally: the code under test must work with the JDK's providers, as it does in production.
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(1);

    @TempDir
    static Path dir;

    private static Path caPem;
    private static Path clientPem;
    private static Path pkcs8Key;
    private static Path pkcs1Key;
    private static Path encryptedPkcs8Key;
    private static Path encryptedPkcs1Key;
    private static Path clientP12;
    private static HttpsServer server;

    @BeforeAll
    static void makePkiAndStartServer() throws Exception {
        KeyPair caKeys = rsa();
        KeyPair serverKeys = rsa();
        KeyPair clientKeys = rsa();
        X500Principal caName = new X500Principal("CN=CSIRT Desk test CA");
        X509Certificate ca = sign(
                new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                caKeys);
        X509Certificate serverCert = sign(
                new JcaX509v3CertificateBuilder(
                                ca,
                                serial(),
                                notBefore(),
                                notAfter(),
                                new X500Principal("CN=127.0.0.1"),
                                serverKeys.getPublic())
                        .addExtension(
                                Extension.subjectAlternativeName,
                                false,
                                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                caKeys);
        X509Certificate clientCert = sign(
                new JcaX509v3CertificateBuilder(
                                ca, serial(), notBefore(), notAfter(), new X500Principal(ROBOT), clientKeys.getPublic())
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
                caKeys);

        caPem = pem("ca.pem", ca, null);
        clientPem = pem("client.pem", clientCert, null);
        pkcs8Key = pem("client-pkcs8.pem", new JcaPKCS8Generator(clientKeys.getPrivate(), null), null);
        pkcs1Key = pem("client-pkcs1.pem", clientKeys.getPrivate(), null);
        encryptedPkcs8Key = pem(
                "client-pkcs8-encrypted.pem",
                new JcaPKCS8Generator(
                        clientKeys.getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setProvider(BC)
                                .setPassword(KEY_PASSWORD.toCharArray())
                                .build()),
                null);
        encryptedPkcs1Key = pem(
                "client-pkcs1-encrypted.pem",
                clientKeys.getPrivate(),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(KEY_PASSWORD.toCharArray()));
        // The PEM flavours are told apart by their header alone, so make sure each file really has its own.
        assertThat(Files.readString(pkcs8Key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pkcs1Key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(encryptedPkcs8Key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.readString(encryptedPkcs1Key))
                .startsWith("-----BEGIN RSA PRIVATE KEY-----")
                .contains("Proc-Type: 4,ENCRYPTED");

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry(
                "robot", clientKeys.getPrivate(), STORE_PASSWORD.toCharArray(), new X509Certificate[] {clientCert, ca});
        clientP12 = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(clientP12)) {
            p12.store(out, STORE_PASSWORD.toCharArray());
        }

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls(serverKeys, serverCert, ca)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            // Echo who the TLS layer says the peer is: proof the client certificate, not just any TLS, got through.
            X509Certificate peer =
                    (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            byte[] body = peer.getSubjectX500Principal().getName().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void pkcs12KeystorePresentsTheClientCertificate() throws Exception {
        assertThat(callServer(settings(clientP12, STORE_PASSWORD, null, null, null, caPem)))
                .isEqualTo(ROBOT);
    }

    @Test
    void pemCertificateWithUnencryptedPkcs8KeyPresentsTheClientCertificate() throws Exception {
        assertThat(callServer(settings(null, null, clientPem, pkcs8Key, null, caPem)))
                .isEqualTo(ROBOT);
    }

    @Test
    void pemCertificateWithPkcs1RsaKeyPresentsTheClientCertificate() throws Exception {
        assertThat(callServer(settings(null, null, clientPem, pkcs1Key, null, caPem)))
                .isEqualTo(ROBOT);
    }

    @Test
    void pemCertificateWithEncryptedPkcs8KeyAndItsPasswordPresentsTheClientCertificate() throws Exception {
        assertThat(callServer(settings(null, null, clientPem, encryptedPkcs8Key, KEY_PASSWORD, caPem)))
                .isEqualTo(ROBOT);
    }

    @Test
    void pemCertificateWithOpensslEncryptedPkcs1KeyAndItsPasswordPresentsTheClientCertificate() throws Exception {
        assertThat(callServer(settings(null, null, clientPem, encryptedPkcs1Key, KEY_PASSWORD, caPem)))
                .isEqualTo(ROBOT);
    }

    @Test
    void withoutClientCertificateTheServerRefusesTheHandshake() throws Exception {
        GocdbCredential.Settings trustOnly = settings(null, null, null, null, null, caPem);
        assertThat(GocdbCredential.from(trustOnly).authenticated()).isFalse();

        assertThatThrownBy(() -> callServer(trustOnly))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageStartingWith("GOCDB did not answer GET /");
    }

    @Test
    void withoutTrustBundleTheTestCaIsNotTrusted() {
        assertThatThrownBy(() -> callServer(settings(clientP12, STORE_PASSWORD, null, null, null, null)))
                .isInstanceOf(RegistryUnavailable.class)
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void wrongPasswordForEncryptedPkcs8KeyIsReportedClearly() {
        assertThatThrownBy(
                        () -> GocdbCredential.from(settings(null, null, clientPem, encryptedPkcs8Key, "wrong", caPem)))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(encryptedPkcs8Key.toString())
                .hasMessageContaining("cannot be decrypted")
                // A missing algorithm fails with any password; only a real decryption failure proves the check.
                .hasMessageNotContaining("not available");
    }

    @Test
    void wrongPasswordForOpensslEncryptedPkcs1KeyIsReportedClearly() {
        assertThatThrownBy(
                        () -> GocdbCredential.from(settings(null, null, clientPem, encryptedPkcs1Key, "wrong", caPem)))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(encryptedPkcs1Key.toString())
                .hasMessageContaining("cannot be decrypted")
                // A missing algorithm fails with any password; only a real decryption failure proves the check.
                .hasMessageNotContaining("not available");
    }

    @Test
    void certificateFileWithoutCertificateIsReportedClearly() {
        assertThatThrownBy(() -> GocdbCredential.from(settings(null, null, pkcs8Key, pkcs8Key, null, caPem)))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessage(pkcs8Key + " holds no PEM certificate");
    }

    @Test
    void tokenSettingIsTheBearerAndAuthenticates() throws Exception {
        GocdbCredential credential = GocdbCredential.from(tokens(Optional.of("abc.def.ghi"), Optional.empty()));

        assertThat(credential.bearer()).contains("abc.def.ghi");
        assertThat(credential.authenticated()).isTrue();
    }

    @Test
    void tokenFileIsReReadAtEveryCallSoARenewedTokenIsPickedUp(@TempDir Path tokens) throws Exception {
        Path file = tokens.resolve("token");
        Files.writeString(file, "first-token\n");
        GocdbCredential credential = GocdbCredential.from(tokens(Optional.empty(), Optional.of(file.toString())));
        assertThat(credential.authenticated()).isTrue();
        assertThat(credential.bearer()).contains("first-token");

        Files.writeString(file, "renewed-token\n");

        assertThat(credential.bearer()).contains("renewed-token");
    }

    @Test
    void clientCertificateAloneAuthenticatesWithoutBearer() throws Exception {
        GocdbCredential credential = GocdbCredential.from(settings(clientP12, STORE_PASSWORD, null, null, null, caPem));

        assertThat(credential.authenticated()).isTrue();
        assertThat(credential.bearer()).isEmpty();
    }

    @Test
    void nothingConfiguredIsAnonymous() throws Exception {
        GocdbCredential credential = GocdbCredential.from(tokens(Optional.empty(), Optional.empty()));

        assertThat(credential.authenticated()).isFalse();
        assertThat(credential.bearer()).isEmpty();
    }

    private static String callServer(GocdbCredential.Settings settings) {
        GocdbHttp http = new GocdbHttp();
        http.timeoutSeconds = 5;
        http.open(settings);
        try {
            return http.page(
                    URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"));
        } finally {
            http.close();
        }
    }

    private static GocdbCredential.Settings settings(
            Path keystore, String keystorePassword, Path certificate, Path key, String keyPassword, Path trust) {
        return new GocdbCredential.Settings(
                path(keystore),
                Optional.ofNullable(keystorePassword),
                path(certificate),
                path(key),
                Optional.ofNullable(keyPassword),
                path(trust),
                Optional.empty(),
                Optional.empty());
    }

    private static GocdbCredential.Settings tokens(Optional<String> token, Optional<String> tokenFile) {
        return new GocdbCredential.Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                token,
                tokenFile);
    }

    private static Optional<String> path(Path file) {
        return Optional.ofNullable(file).map(Path::toString);
    }

    private static SSLContext serverTls(KeyPair keys, X509Certificate certificate, X509Certificate ca)
            throws Exception {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry(
                "server", keys.getPrivate(), STORE_PASSWORD.toCharArray(), new X509Certificate[] {certificate, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, STORE_PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return tls;
    }

    private static Path pem(String name, Object object, org.bouncycastle.openssl.PEMEncryptor encryptor)
            throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            if (encryptor == null) {
                pem.writeObject(object);
            } else {
                pem.writeObject(object, encryptor);
            }
        }
        return file;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.getAndIncrement());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }
}
