-- Social posts taken in (issue 21) with the classifier's verdict. The author is a keyed hash; the
-- text is set to NULL after the text retention. Times are epoch milliseconds (UTC).
CREATE TABLE social_posts (
    source  TEXT    NOT NULL,
    id      TEXT    NOT NULL,
    link    TEXT,
    at      BIGINT  NOT NULL,
    service TEXT,
    outage  INTEGER NOT NULL CHECK (outage IN (0, 1)),
    lang    TEXT    NOT NULL,
    author  TEXT    NOT NULL,
    text    TEXT,
    why     TEXT    NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX social_posts_by_service ON social_posts (service, outage, at);
CREATE INDEX social_posts_by_time ON social_posts (at);
