package org.csirtdesk.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's HAProxy in front of application instances, as docs/deployment.md configures it: TLS ended at the proxy
 * with a self-signed certificate made here by openssl, the instances checked on {@code /health/ready} every 500 ms
 * (out of rotation after two failed checks, or at once when live traffic finds it refusing), requests that meet a dead instance tried again on the other, and the
 * headers the application trusts from its proxy. It runs as a child process in the foreground ({@code -db}), on a
 * port of 127.0.0.1 of its own, its configuration, certificate and log under the given folder.
 *
 * <p>It connects to the instances from {@link #SOURCE_ADDRESS}, another loopback address than the clients' 127.0.0.1,
 * so that the instances can tell their proxy (named in {@code csirt.security.trusted-proxies}) from a client.
 */
public final class Haproxy implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    /** The address the proxy connects to the instances from: theirs to trust. */
    public static final String SOURCE_ADDRESS = "127.0.0.2";

    private final int port;
    private final Path config;
    private final Path log;
    private final Process process;
    private final SSLContext trust;

    private Haproxy(int port, Path config, Path log, Process process, SSLContext trust) {
        this.port = port;
        this.config = config;
        this.log = log;
        this.process = process;
        this.trust = trust;
    }

    /** Starts the proxy in front of the instances on these ports of 127.0.0.1, and waits until it listens. */
    public static Haproxy start(Path folder, List<Integer> instancePorts) throws IOException {
        Files.createDirectories(folder);
        Path key = folder.resolve("desk.key");
        Path certificate = folder.resolve("desk.crt");
        run(
                folder,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString());
        // HAProxy takes the certificate and its key in one PEM file.
        Path bundle = folder.resolve("desk.pem");
        Files.writeString(bundle, Files.readString(certificate) + Files.readString(key));
        int port = ApplicationProcess.freePort();
        Path config = folder.resolve("haproxy.cfg");
        Files.writeString(config, configuration(port, bundle, instancePorts));
        run(folder, BINARY.toString(), "-c", "-q", "-f", config.toString());
        Path log = folder.resolve("haproxy.log");
        Process process = new ProcessBuilder(BINARY.toString(), "-f", config.toString(), "-db")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Haproxy proxy = new Haproxy(port, config, log, process, trusting(certificate));
        proxy.awaitListening();
        return proxy;
    }

    /**
     * The configuration as docs/deployment.md explains it, with the test's ports and paths; the checks' and
     * timeouts' figures are those of the documentation.
     */
    static String configuration(int port, Path bundle, List<Integer> instancePorts) {
        String servers = instancePorts.stream()
                .map(instance -> "    server desk-" + instance + " 127.0.0.1:" + instance + " check")
                .collect(Collectors.joining("\n"));
        return """
                global
                    log stdout format raw local0 info
                    maxconn 500
                    ssl-default-bind-options ssl-min-ver TLSv1.2

                defaults
                    mode http
                    log global
                    option httplog
                    # Also the pause before a request is sent again (the lesser of this and 1 s).
                    timeout connect 500ms
                    timeout client 60s
                    timeout server 60s
                    timeout http-request 10s
                    # A request that meets a dead instance (refused, cut without an answer) goes to another one.
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response response-timeout
                    option http-buffer-request

                frontend desk
                    bind 127.0.0.1:%d ssl crt %s alpn http/1.1
                    # The client's address as the proxy saw it, and nothing the client wrote itself.
                    http-request del-header Forwarded
                    http-request del-header X-Forwarded-For
                    option forwardfor
                    http-request set-header X-Forwarded-Proto https
                    # Only a request that may be repeated is sent again after it reached an instance that died
                    # before answering; any request is sent again when the connection itself failed.
                    http-request disable-l7-retry unless METH_GET
                    http-response set-header Strict-Transport-Security "max-age=31536000"
                    # The proxy's own 503 (no instance in rotation) tells clients when to try again.
                    http-after-response set-header Retry-After 5 if { status 503 } !{ res.hdr(Retry-After) -m found }
                    default_backend instances

                backend instances
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
                    http-check expect status 200
                    # A connection refused to live traffic takes the instance out at once; the checks bring it back.
                    default-server inter 500ms fastinter 250ms downinter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down source %s
                %s
                """.formatted(port, bundle, SOURCE_ADDRESS, servers);
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + port + "/");
    }

    public Path config() {
        return config;
    }

    public Path log() {
        return log;
    }

    /** A client that trusts the proxy's certificate, as a browser told to trust the site's would. */
    public HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() throws IOException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy ended: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("haproxy did not listen on " + port + " in 10 s; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting(Path certificate) throws IOException {
        try (InputStream pem = Files.newInputStream(certificate)) {
            Certificate self = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("desk", self);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path folder, String... command) throws IOException {
        Path output = folder.resolve("setup.log");
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " failed; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
