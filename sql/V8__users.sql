-- The people who use the API and, later, the web desk: a name, a salted PBKDF2 hash of the password, roles.
-- password_hash is a PHC string, $pbkdf2-sha256$i=<iterations>$<salt>$<hash>, so a hash made with fewer
-- iterations than a later build uses still verifies. Names are lower case (the check), compared exactly.
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    name          VARCHAR(64)  NOT NULL COLLATE utf8mb4_bin,
    password_hash VARCHAR(255) NOT NULL,
    email         VARCHAR(254) NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    created_by    VARCHAR(190) NOT NULL,
    version       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_users_name (name),
    CONSTRAINT ck_users_name CHECK (name REGEXP '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT ck_users_password_hash CHECK (password_hash LIKE '$pbkdf2-sha256$i=%')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A user's roles, one row each: "who are the coordinators" is a plain join.
CREATE TABLE user_roles (
    user_id BIGINT      NOT NULL,
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role),
    KEY ix_user_roles_role (role),
    CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_user_roles_role CHECK (role IN ('CSIRT', 'COORDINATOR', 'OMB', 'ROD', 'ADMIN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
