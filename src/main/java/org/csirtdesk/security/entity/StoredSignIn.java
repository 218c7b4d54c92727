package org.csirtdesk.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OpenID Connect sign-in on its way through the provider, as every instance of the application sees it, so
 * that the provider's callback may land on another instance than the one that sent the browser off. Found by its
 * state, bound to the browser that started it by the SHA-256 of that browser's random cookie, taken once.
 */
@NamedQuery(name = StoredSignIn.TAKE, query = "delete from StoredSignIn s where s.state = :state")
@NamedQuery(name = StoredSignIn.EXPIRED, query = "delete from StoredSignIn s where s.startedAt < :before")
@NamedQuery(name = StoredSignIn.COUNT, query = "select count(s) from StoredSignIn s")
@Entity
@Table(name = "pending_sign_ins")
public class StoredSignIn {

    public static final String TAKE = "StoredSignIn.take";
    public static final String EXPIRED = "StoredSignIn.expired";
    public static final String COUNT = "StoredSignIn.count";

    @Id
    @Column(name = "state", length = 64)
    private String state;

    @Column(name = "browser_sha256", nullable = false, updatable = false, columnDefinition = "BINARY(32)")
    private byte[] browserSha256;

    @Column(name = "nonce", nullable = false, updatable = false, length = 64)
    private String nonce;

    @Column(name = "code_verifier", nullable = false, updatable = false, length = 128)
    private String codeVerifier;

    @Column(name = "redirect_uri", nullable = false, updatable = false, length = 2048)
    private String redirectUri;

    @Column(name = "next_page", nullable = false, updatable = false, length = 2048)
    private String nextPage;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "authorization_request", nullable = false, updatable = false)
    private String authorizationRequest;

    protected StoredSignIn() {}

    public StoredSignIn(
            String state,
            byte[] browserSha256,
            String nonce,
            String codeVerifier,
            String redirectUri,
            String nextPage,
            Instant startedAt,
            String authorizationRequest) {
        this.state = state;
        this.browserSha256 = browserSha256.clone();
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.redirectUri = redirectUri;
        this.nextPage = nextPage;
        this.startedAt = startedAt;
        this.authorizationRequest = authorizationRequest;
    }

    public String state() {
        return state;
    }

    public byte[] browserSha256() {
        return browserSha256.clone();
    }

    public String nonce() {
        return nonce;
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public String nextPage() {
        return nextPage;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String authorizationRequest() {
        return authorizationRequest;
    }

    @Override
    public String toString() {
        return "StoredSignIn[startedAt=" + startedAt + "]";
    }
}
