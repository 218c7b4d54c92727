package org.csirtdesk.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The checks of an ID token (OpenID Connect Core 3.1.3.7): signed with one of the provider's keys (its JWKS)
 * by an asymmetric algorithm, never unsigned; issued by the provider; for this client (aud, and azp when
 * there are several audiences); not expired (with a minute's leeway for clocks), and carrying the nonce of
 * this sign-in, so an ID token from another sign-in cannot be replayed. Times are the real time, also in
 * exercise mode: the provider's clock does not follow the desk's.
 */
public final class IdTokenVerifier {

    /** RSA and elliptic-curve signatures; HMAC with the client secret is refused (the secret is not a key). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private final String issuer;
    private final String clientId;
    private final JWKSource<SecurityContext> keys;

    public IdTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
    }

    /**
     * The token's claims, when every check passes.
     *
     * @throws DomainException UNAUTHORIZED saying which check failed (the token's content is not repeated)
     */
    public JWTClaimsSet verify(String idToken, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(),
                new HashSet<>(List.of("sub", "iat", "exp"))));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException e) {
            throw refused("it is not a JWT");
        } catch (BadJWTException e) {
            throw refused(e.getMessage());
        } catch (BadJOSEException e) {
            throw refused("its signature is not one of the provider's keys (" + e.getMessage() + ")");
        } catch (JOSEException e) {
            throw refused("its signature could not be checked (" + e.getMessage() + ")");
        }
        List<String> audience = claims.getAudience();
        if (audience.size() > 1 && !clientId.equals(claims.getClaim("azp"))) {
            throw refused("it names several audiences and azp is not this client");
        }
        return claims;
    }

    private static DomainException refused(String why) {
        return new DomainException(
                DomainException.Kind.UNAUTHENTICATED,
                "The identity provider's answer was refused: " + "the ID token is not valid, " + why + ".");
    }
}
