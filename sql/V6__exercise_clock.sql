-- The exercise mode's clock: how far the application's time runs ahead of the real time. One row, read at
-- start, so that an exercise survives a restart; production never reads it.
CREATE TABLE exercise_clock (
    id            SMALLINT     NOT NULL,
    offset_micros BIGINT       NOT NULL,
    moved_at      DATETIME(6)  NULL,
    moved_by      VARCHAR(190) NULL,
    version       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_exercise_clock_forward CHECK (offset_micros >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO exercise_clock (id, offset_micros, version) VALUES (1, 0, 0);
