-- Who changed which user, when, and what (never a password, only that it changed): the record an admin reads to
-- answer "who gave alice the role coordinator?". Append-only like the tickets' history; a user is never deleted.
CREATE TABLE user_changes (
    id       BIGINT       NOT NULL AUTO_INCREMENT,
    user_id  BIGINT       NOT NULL,
    at       DATETIME(6)  NOT NULL,
    actor    VARCHAR(190) NOT NULL,
    summary  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_user_changes_user (user_id, id),
    CONSTRAINT fk_user_changes_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER user_changes_no_update BEFORE UPDATE ON user_changes FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'user changes are append-only';

CREATE TRIGGER user_changes_no_delete BEFORE DELETE ON user_changes FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'user changes are append-only';

-- The users there already: their creation, as far as the users table knows it.
INSERT INTO user_changes (user_id, at, actor, summary)
SELECT u.id, u.created_at, u.created_by,
       CONCAT('added with roles [', COALESCE((SELECT GROUP_CONCAT(LOWER(r.role) ORDER BY r.role SEPARATOR ', ')
                                              FROM user_roles r WHERE r.user_id = u.id), ''), ']')
FROM users u;
