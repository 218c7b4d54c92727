package org.csirtdesk.security.control;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.Role;
import org.eclipse.microprofile.config.Config;

/**
 * Sign-in with an OpenID Connect provider (EGI Check-in), the authorization code flow with PKCE, state and
 * nonce: {@link #begin} makes the request the browser is sent to, {@link #finish} takes the code the provider
 * sent it back with, exchanges it for an ID token, checks the token ({@link IdTokenVerifier}) and maps the
 * person's entitlements to roles. The provider's endpoints come from its discovery document, read on the
 * first sign-in; its keys from its JWKS, kept and refreshed by nimbus-jose-jwt.
 */
@ApplicationScoped
public class OpenIdConnect {

    public static final String ACTOR_PREFIX = "oidc:";
    public static final String CALLBACK_PATH = "/login/oidc/callback";
    /** Where the provider sends the browser back after signing out there too. */
    public static final String SIGNED_OUT_PAGE = "/login.html?signed-out";
    /** How long a person may take at the provider (entering a password, a second factor). */
    public static final Duration SIGN_IN_TIME = Duration.ofMinutes(10);

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_NAME_LENGTH = 190 - ACTOR_PREFIX.length();
    private static final Logger LOG = Logger.getLogger(OpenIdConnect.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What discovery found. */
    private record Provider(
            URI authorization, URI token, Optional<URI> userinfo, Optional<URI> endSession, IdTokenVerifier verifier) {}

    @Inject
    Config config;

    @Inject
    ApplicationClock clock;

    private Optional<OidcSettings> settings;
    private HttpClient http;
    private volatile Provider provider;

    @PostConstruct
    void configure() {
        settings = OidcSettings.from(config);
        http = HttpClient.newBuilder()
                .connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Reads the settings while the application deploys, so that a misconfiguration stops it with the reason. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        settings.ifPresentOrElse(
                configured -> LOG.info(() -> "Sign-in with OpenID Connect: " + configured),
                () -> LOG.fine("Sign-in with OpenID Connect is off (no csirt.security.oidc.issuer)"));
    }

    /** The name of the provider on the sign-in page, when sign-in with OpenID Connect is configured. */
    public Optional<String> label() {
        return settings.map(OidcSettings::label);
    }

    /**
     * A new sign-in: fresh state, nonce and PKCE verifier, and the authorization request to send the browser to.
     *
     * @param requestBase the scheme, host and port the browser used, for the default redirect URI
     * @throws DomainException NOT_FOUND when OpenID Connect is off, BAD_GATEWAY when the provider's discovery fails
     */
    public PendingSignIn begin(URI requestBase, String next) {
        OidcSettings configured = settings.orElseThrow(() -> DomainException.notFound("sign-in with OpenID Connect"));
        Provider discovered = provider();
        URI redirect = configured.redirectUri().orElseGet(() -> requestBase.resolve(CALLBACK_PATH));
        String state = random();
        String nonce = random();
        String verifier = random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", configured.clientId());
        query.put("redirect_uri", redirect.toString());
        query.put("scope", configured.scopeParameter());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Base64URL.encode(sha256(verifier)).toString());
        query.put("code_challenge_method", "S256");
        String endpoint = discovered.authorization().toString();
        URI request = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query));
        return new PendingSignIn(state, nonce, verifier, redirect, next, clock.instant(), request);
    }

    /**
     * The person the provider signed in, after every check of the code flow.
     *
     * @throws DomainException UNAUTHORIZED when the sign-in is stale, the provider refused the code or the ID
     *         token fails a check; FORBIDDEN when the person's claims give no role; BAD_GATEWAY when the
     *         provider cannot be reached or answers nonsense
     */
    public OidcSignIn finish(PendingSignIn pending, String code) {
        OidcSettings configured = settings.orElseThrow(() -> DomainException.notFound("sign-in with OpenID Connect"));
        if (!clock.instant().isBefore(pending.startedAt().plus(SIGN_IN_TIME))) {
            throw new DomainException(
                    DomainException.Kind.UNAUTHENTICATED,
                    "The sign-in took longer than " + SIGN_IN_TIME.toMinutes() + " minutes; start it again.");
        }
        Provider discovered = provider();
        JsonObject tokens = exchange(configured, discovered, pending, code);
        if (!(tokens.get("id_token") instanceof JsonString idToken)) {
            throw new DomainException(
                    DomainException.Kind.UPSTREAM_FAILED, configured.label() + " answered without an ID token.");
        }
        JWTClaimsSet claims = discovered.verifier().verify(idToken.getString(), pending.nonce());
        Map<String, Object> person = new LinkedHashMap<>(claims.getClaims());
        if (!person.containsKey(configured.roleClaim())
                && discovered.userinfo().isPresent()
                && tokens.get("access_token") instanceof JsonString accessToken) {
            userinfo(configured, discovered.userinfo().get(), accessToken.getString(), claims.getSubject())
                    .forEach(person::putIfAbsent);
        }
        String name = name(configured, person);
        String displayName = Stream.of("preferred_username", "name", "email")
                .map(person::get)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(OpenIdConnect::isOneLine)
                .findFirst()
                .orElse(name);
        Set<Role> roles = configured.rolesOf(person.get(configured.roleClaim()));
        if (roles.isEmpty()) {
            LOG.warning(() -> "Refused " + ACTOR_PREFIX + name + " (" + displayName + "): no value of "
                    + configured.roleClaim() + " gives a role");
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    configured.label() + " signed you in as "
                            + displayName + ", but none of your " + configured.roleClaim()
                            + " values gives a role in the "
                            + "CSIRT Desk. Ask the EGI CSIRT to add you to its group, then sign in again.");
        }
        LOG.info(() -> "Signed in " + ACTOR_PREFIX + name + " (" + displayName + ") with " + configured.label()
                + ", roles " + roles);
        return new OidcSignIn(
                new Caller(ACTOR_PREFIX + name, roles),
                displayName,
                discovered
                        .endSession()
                        .map(endpoint -> signOut(configured, endpoint, idToken.getString(), pending.redirectUri())));
    }

    private Provider provider() {
        Provider known = provider;
        if (known == null) {
            known = discover(settings.orElseThrow());
            provider = known;
        }
        return known;
    }

    /** OpenID Connect Discovery 1.0: the issuer's document, which must name the same issuer (4.3). */
    private Provider discover(OidcSettings configured) {
        String issuer = configured.issuer().toString();
        URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonObject metadata = json(configured, HttpRequest.newBuilder(document).GET(), "discovery");
        if (!issuer.equals(string(metadata, "issuer"))) {
            throw gateway(
                    configured,
                    "its discovery document names the issuer '" + string(metadata, "issuer") + "', not " + issuer);
        }
        try {
            URI jwks = URI.create(required(configured, metadata, "jwks_uri"));
            // nimbus-jose-jwt caches the keys, refreshes them before they expire and when a token names an unknown key.
            var keys = JWKSourceBuilder.<SecurityContext>create(
                            jwks.toURL(),
                            new DefaultResourceRetriever(
                                    (int) HTTP_TIMEOUT.toMillis(), (int) HTTP_TIMEOUT.toMillis(), 512 * 1024))
                    .build();
            return new Provider(
                    URI.create(required(configured, metadata, "authorization_endpoint")),
                    URI.create(required(configured, metadata, "token_endpoint")),
                    Optional.ofNullable(string(metadata, "userinfo_endpoint")).map(URI::create),
                    Optional.ofNullable(string(metadata, "end_session_endpoint"))
                            .map(URI::create),
                    new IdTokenVerifier(issuer, configured.clientId(), keys));
        } catch (IllegalArgumentException | IOException e) {
            throw gateway(configured, "its discovery document has a bad URL: " + e.getMessage());
        }
    }

    /** The token request (RFC 6749 4.1.3), with the PKCE verifier; a confidential client authenticates with Basic. */
    private JsonObject exchange(OidcSettings configured, Provider discovered, PendingSignIn pending, String code) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", pending.redirectUri().toString());
        parameters.put("code_verifier", pending.codeVerifier());
        parameters.put("client_id", configured.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(discovered.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
        configured
                .clientSecret()
                .ifPresent(secret -> request.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (URLEncoder.encode(configured.clientId(), StandardCharsets.UTF_8) + ":"
                                                                + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                                                        .getBytes(StandardCharsets.UTF_8))));
        return json(configured, request, "token");
    }

    /**
     * OpenID Connect RP-Initiated Logout 1.0: the provider's end-session endpoint with the ID token as the hint, back
     * to the desk's sign-in page afterwards (on the same site as the callback; the provider must know that address).
     */
    private static URI signOut(OidcSettings configured, URI endpoint, String idToken, URI callback) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("id_token_hint", idToken);
        query.put("post_logout_redirect_uri", callback.resolve(SIGNED_OUT_PAGE).toString());
        query.put("client_id", configured.clientId());
        String base = endpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
    }

    /** The UserInfo claims (OpenID Connect Core 5.3), of the same person as the ID token (5.3.2). */
    private Map<String, Object> userinfo(OidcSettings configured, URI endpoint, String accessToken, String subject) {
        JsonObject answer = json(
                configured,
                HttpRequest.newBuilder(endpoint)
                        .header("Authorization", "Bearer " + accessToken)
                        .GET(),
                "userinfo");
        if (!subject.equals(string(answer, "sub"))) {
            throw new DomainException(
                    DomainException.Kind.UNAUTHENTICATED,
                    configured.label() + "'s userinfo is about another person than its ID token.");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        answer.forEach((claim, value) -> claims.put(
                claim,
                switch (value.getValueType()) {
                    case STRING -> ((JsonString) value).getString();
                    case ARRAY ->
                        value.asJsonArray().stream()
                                .filter(JsonString.class::isInstance)
                                .map(item -> ((JsonString) item).getString())
                                .toList();
                    default -> value.toString();
                }));
        return claims;
    }

    private JsonObject json(OidcSettings configured, HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.timeout(HTTP_TIMEOUT)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw gateway(configured, "its " + what + " endpoint could not be reached (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw gateway(configured, "the call to its " + what + " endpoint was interrupted");
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            body = reader.readObject();
        } catch (JsonException e) {
            throw gateway(configured, "its " + what + " endpoint answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            // invalid_grant and friends (RFC 6749 5.2): a code used twice, expired, or not for this client.
            throw new DomainException(
                    DomainException.Kind.UNAUTHENTICATED,
                    configured.label() + " refused the sign-in: "
                            + Optional.ofNullable(string(body, "error")).orElse("error " + response.statusCode())
                            + Optional.ofNullable(string(body, "error_description"))
                                    .map(text -> " (" + text + ")")
                                    .orElse(""));
        }
        if (response.statusCode() != 200) {
            throw gateway(configured, "its " + what + " endpoint answered " + response.statusCode());
        }
        return body;
    }

    /** The person's name in the desk, from the configured claim: what history records after {@code oidc:}. */
    private static String name(OidcSettings configured, Map<String, Object> person) {
        if (person.get(configured.nameClaim()) instanceof String name
                && isOneLine(name)
                && name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        throw new DomainException(
                DomainException.Kind.UNAUTHENTICATED,
                configured.label() + " did not name you in its " + configured.nameClaim()
                        + " claim (or the name is longer than " + MAX_NAME_LENGTH + " characters).");
    }

    /** Text fit for the log and the history: not blank, no line breaks or other control characters. */
    private static boolean isOneLine(String text) {
        return !text.isBlank() && text.length() <= 256 && text.codePoints().noneMatch(Character::isISOControl);
    }

    private static String required(OidcSettings configured, JsonObject metadata, String member) {
        String value = string(metadata, member);
        if (value == null) {
            throw gateway(configured, "its discovery document has no " + member);
        }
        return value;
    }

    private static String string(JsonObject object, String member) {
        JsonValue value = object.get(member);
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static DomainException gateway(OidcSettings configured, String why) {
        LOG.warning(() -> "OpenID Connect sign-in with " + configured.issuer() + " failed: " + why);
        return new DomainException(
                DomainException.Kind.UPSTREAM_FAILED,
                configured.label() + " could not be used to sign " + "in: " + why
                        + ". Try again later, or sign in with a password.");
    }

    /** 32 random bytes, base64url: state, nonce and PKCE verifier (43 characters, as RFC 7636 asks). */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
