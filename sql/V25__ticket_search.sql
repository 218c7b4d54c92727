-- Search as RT users search: full text over the subjects and the messages, and saved searches.

-- InnoDB FULLTEXT indexes for MATCH ... AGAINST (... IN BOOLEAN MODE). The messages are the history's text:
-- correspondence, comments and mail taken in (the mail gateway writes a mail's text there too). Words shorter than
-- innodb_ft_min_token_size (3) and InnoDB's stopwords are not indexed.
ALTER TABLE tickets ADD FULLTEXT INDEX ft_tickets_subject (subject);
ALTER TABLE ticket_history ADD FULLTEXT INDEX ft_ticket_history_content (content);

-- A search a user keeps: its query (TicketSql), its sort; shared ones are listed to all staff, changed by their owner.
CREATE TABLE saved_searches (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    owner      VARCHAR(190)  NOT NULL,
    name       VARCHAR(100)  NOT NULL,
    query      VARCHAR(2000) NOT NULL,
    sort       VARCHAR(100)  NULL,
    shared     BOOLEAN       NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    version    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_saved_searches_owner_name (owner, name),
    KEY ix_saved_searches_shared (shared, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
