-- Desk sessions kept where every instance of the application sees them. The browser's cookie carries a random
-- token of 256 bits; this table keeps only its SHA-256, so a dump of the database signs nobody in. The CSRF token
-- is derived from the cookie's token, so it is not kept either. expires_at is the sooner of the idle limit (from
-- last_seen_at, written at most once a minute) and the absolute limit (from created_at): one index serves the
-- check of each request and the periodic delete of expired rows.
CREATE TABLE desk_sessions (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    token_sha256      BINARY(32)   NOT NULL,
    user_name         VARCHAR(190) NOT NULL COLLATE utf8mb4_bin,
    roles             VARCHAR(100) NOT NULL,
    provider_sign_out TEXT         NULL,
    created_at        DATETIME(6)  NOT NULL,
    last_seen_at      DATETIME(6)  NOT NULL,
    expires_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_desk_sessions_token (token_sha256),
    KEY ix_desk_sessions_user (user_name),
    KEY ix_desk_sessions_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The sign-in throttle's failures, counted where every instance adds to them: a row per key ('name:alice',
-- 'address:192.0.2.1') with the start of its window, counted up by one atomic INSERT ... ON DUPLICATE KEY
-- UPDATE. Only possible user names are keys, and rows whose window has passed are deleted periodically.
CREATE TABLE sign_in_failures (
    tally_key VARCHAR(190) NOT NULL COLLATE utf8mb4_bin,
    since     DATETIME(6)  NOT NULL,
    failures  INT          NOT NULL,
    PRIMARY KEY (tally_key),
    KEY ix_sign_in_failures_since (since)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- OpenID Connect sign-ins on their way through the provider, so that the callback may land on any instance:
-- taken once (the delete that removes the row wins), gone after 10 minutes. The browser's binding cookie is kept
-- only as its SHA-256.
CREATE TABLE pending_sign_ins (
    state                 VARCHAR(64)   NOT NULL COLLATE utf8mb4_bin,
    browser_sha256        BINARY(32)    NOT NULL,
    nonce                 VARCHAR(64)   NOT NULL,
    code_verifier         VARCHAR(128)  NOT NULL,
    redirect_uri          VARCHAR(2048) NOT NULL,
    next_page             VARCHAR(2048) NOT NULL,
    started_at            DATETIME(6)   NOT NULL,
    authorization_request TEXT          NOT NULL,
    PRIMARY KEY (state),
    KEY ix_pending_sign_ins_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
