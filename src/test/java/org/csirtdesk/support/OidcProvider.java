package org.csirtdesk.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider for tests, like EGI Check-in to the desk: a real HTTP server on the loopback with
 * discovery, JWKS, an authorization endpoint that signs in the person the test chose and sends the browser
 * back with a code, a token endpoint that checks the client, the redirect URI and the PKCE verifier and issues
 * an ID token signed with its RSA key, and userinfo. A test can make the next ID token wrong in one way.
 */
public final class OidcProvider implements AutoCloseable {

    /** Someone with an account at the provider. */
    public record Person(String sub, String preferredUsername, List<String> entitlements) {}

    /** The ID token the next sign-in gets. */
    public enum Token {
        GOOD,
        WRONG_NONCE,
        WRONG_AUDIENCE,
        EXPIRED,
        UNSIGNED,
        SIGNED_BY_ANOTHER_KEY,
        /** Good, but the entitlements are only in userinfo, as some providers do. */
        ENTITLEMENTS_IN_USERINFO_ONLY
    }

    /** What the authorization endpoint was asked, and for whom it issued the code. */
    private record Grant(Map<String, String> request, Person person, Token token) {}

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final RSAKey key;
    private final RSAKey otherKey;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    private volatile Person nextPerson;
    private volatile Token nextToken = Token.GOOD;
    private volatile Map<String, String> lastAuthorization = Map.of();
    private volatile Map<String, String> lastSignOut = Map.of();
    private final Set<String> idTokensIssued = ConcurrentHashMap.newKeySet();

    private OidcProvider(String clientId, String clientSecret) throws IOException, JOSEException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.key = new RSAKeyGenerator(2048).keyID("check-in-1").generate();
        this.otherKey = new RSAKeyGenerator(2048).keyID("check-in-1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realm/.well-known/openid-configuration", this::discovery);
        server.createContext("/realm/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/realm/authorize", this::authorize);
        server.createContext("/realm/token", this::token);
        server.createContext("/realm/userinfo", this::userinfo);
        server.createContext("/realm/logout", this::logout);
        server.start();
    }

    /** A provider on a free port of 127.0.0.1 with one registered client. */
    public static OidcProvider start(String clientId, String clientSecret) {
        try {
            return new OidcProvider(clientId, clientSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    }

    /** Who the next visit to the authorization endpoint signs in, and the ID token they get. */
    public void signInNext(Person person, Token token) {
        nextPerson = person;
        nextToken = token;
    }

    /** The parameters of the last sign-out at the end-session endpoint. */
    public Map<String, String> lastSignOut() {
        return lastSignOut;
    }

    /** The parameters of the last authorization request. */
    public Map<String, String> lastAuthorization() {
        return lastAuthorization;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        json(
                exchange,
                200,
                Json.createObjectBuilder()
                        .add("issuer", issuer())
                        .add("authorization_endpoint", issuer() + "/authorize")
                        .add("token_endpoint", issuer() + "/token")
                        .add("userinfo_endpoint", issuer() + "/userinfo")
                        .add("jwks_uri", issuer() + "/jwks")
                        .add("end_session_endpoint", issuer() + "/logout")
                        .add(
                                "response_types_supported",
                                Json.createArrayBuilder().add("code"))
                        .add(
                                "code_challenge_methods_supported",
                                Json.createArrayBuilder().add("S256"))
                        .add(
                                "id_token_signing_alg_values_supported",
                                Json.createArrayBuilder().add("RS256"))
                        .build()
                        .toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request = parameters(exchange.getRequestURI().getRawQuery());
        lastAuthorization = request;
        if (!clientId.equals(request.get("client_id")) || request.get("redirect_uri") == null) {
            text(exchange, 400, "unknown client or no redirect_uri");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(request, nextPerson, nextToken));
        String back = request.get("redirect_uri") + "?code=" + encode(code) + "&state=" + encode(request.get("state"));
        exchange.getResponseHeaders().set("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** RFC 6749 4.1.3 with client_secret_basic and RFC 7636's S256 check. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form =
                parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\": \"invalid_client\"}");
            return;
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (grant == null
                || !"authorization_code".equals(form.get("grant_type"))
                || !grant.request().get("redirect_uri").equals(form.get("redirect_uri"))
                || !"S256".equals(grant.request().get("code_challenge_method"))
                || form.get("code_verifier") == null
                || !Base64URL.encode(sha256(form.get("code_verifier")))
                        .toString()
                        .equals(grant.request().get("code_challenge"))) {
            json(exchange, 400, "{\"error\": \"invalid_grant\"}");
            return;
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.person());
        String idToken = idToken(grant);
        idTokensIssued.add(idToken);
        json(
                exchange,
                200,
                Json.createObjectBuilder()
                        .add("access_token", accessToken)
                        .add("token_type", "Bearer")
                        .add("expires_in", 300)
                        .add("id_token", idToken)
                        .build()
                        .toString());
    }

    /** RP-Initiated Logout 1.0: the hint must be an ID token this provider issued; then back to the client. */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> request = parameters(exchange.getRequestURI().getRawQuery());
        lastSignOut = request;
        if (!idTokensIssued.contains(request.getOrDefault("id_token_hint", ""))
                || !clientId.equals(request.get("client_id"))
                || request.get("post_logout_redirect_uri") == null) {
            text(exchange, 400, "unknown id_token_hint or client, or no post_logout_redirect_uri");
            return;
        }
        exchange.getResponseHeaders().set("Location", request.get("post_logout_redirect_uri"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Person person = authorization == null ? null : accessTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (person == null) {
            json(exchange, 401, "{\"error\": \"invalid_token\"}");
            return;
        }
        JsonArrayBuilder entitlements = Json.createArrayBuilder();
        person.entitlements().forEach(entitlements::add);
        json(
                exchange,
                200,
                Json.createObjectBuilder()
                        .add("sub", person.sub())
                        .add("preferred_username", person.preferredUsername())
                        .add("eduperson_entitlement", entitlements)
                        .build()
                        .toString());
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(grant.person().sub())
                .audience(grant.token() == Token.WRONG_AUDIENCE ? "another-client" : clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(
                        grant.token() == Token.EXPIRED
                                ? now.minus(Duration.ofMinutes(5))
                                : now.plus(Duration.ofMinutes(5))))
                .claim(
                        "nonce",
                        grant.token() == Token.WRONG_NONCE
                                ? "the nonce of another sign-in"
                                : grant.request().get("nonce"))
                .claim("preferred_username", grant.person().preferredUsername());
        if (grant.token() != Token.ENTITLEMENTS_IN_USERINFO_ONLY) {
            claims.claim("eduperson_entitlement", grant.person().entitlements());
        }
        if (grant.token() == Token.UNSIGNED) {
            return new PlainJWT(claims.build()).serialize();
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(grant.token() == Token.SIGNED_BY_ANOTHER_KEY ? otherKey : key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        text(exchange, status, body);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The URI the authorization endpoint sent the browser back to, for tests that change it. */
    public static URI withState(URI callback, String state) {
        String query = callback.getRawQuery().replaceAll("state=[^&]*", "state=" + encode(state));
        return URI.create(
                callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath() + "?" + query);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
