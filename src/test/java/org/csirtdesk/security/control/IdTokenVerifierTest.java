package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {

    static final String ISSUER = "https://aai.egi.eu/auth/realms/egi";
    static final String CLIENT = "csirt-desk";
    static final String NONCE = "the nonce of this sign-in";

    static RSAKey providerKey;
    static RSAKey otherKey;
    static IdTokenVerifier verifier;

    @BeforeAll
    static void keys() throws JOSEException {
        providerKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        verifier = new IdTokenVerifier(ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())));
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT)
                .subject("1234@egi.eu")
                .claim("nonce", NONCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aGoodTokenGivesItsClaims() throws JOSEException {
        JWTClaimsSet claims =
                verifier.verify(signed(providerKey, c -> c.claim("eduperson_entitlement", List.of("urn:x"))), NONCE);
        assertThat(claims.getSubject()).isEqualTo("1234@egi.eu");
        assertThat(claims.getClaim("eduperson_entitlement")).isEqualTo(List.of("urn:x"));
    }

    @Test
    void theSignatureMustBeByTheProvidersKey() throws JOSEException {
        assertRefused(signed(otherKey, c -> c), "signature");
        assertRefused(new PlainJWT(claims().build()).serialize(), "signature");
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner("a client secret that is long enough for HS256!"));
        assertRefused(hmac.serialize(), "signature");
        assertRefused("not a token", "not a JWT");
    }

    @Test
    void issuerAudienceExpiryAndNonceMustFit() throws JOSEException {
        assertRefused(signed(providerKey, c -> c.issuer("https://evil.example")), "iss");
        assertRefused(signed(providerKey, c -> c.audience("another-client")), "aud");
        assertRefused(
                signed(
                        providerKey,
                        c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(2))))),
                "Expired");
        assertRefused(signed(providerKey, c -> c.claim("nonce", "another sign-in")), "nonce");
        assertRefused(signed(providerKey, c -> c.claim("nonce", null)), "nonce");
        assertRefused(signed(providerKey, c -> c.subject(null)), "sub");
        assertRefused(signed(providerKey, c -> c.audience(List.of(CLIENT, "another-client"))), "azp");
        assertThat(verifier.verify(
                                signed(providerKey, c -> c.audience(List.of(CLIENT, "another-client"))
                                        .claim("azp", CLIENT)),
                                NONCE)
                        .getSubject())
                .isEqualTo("1234@egi.eu");
    }

    @Test
    void aMinuteOfClockSkewIsForgiven() throws JOSEException {
        assertThat(verifier.verify(
                        signed(
                                providerKey,
                                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30)))),
                        NONCE))
                .isNotNull();
    }

    private static void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token, NONCE))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining(reason)
                .satisfies(
                        e -> assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED));
    }
}
