-- Whether the author's account was less than 30 days old when it posted (a copied text from new
-- accounts counts little).
ALTER TABLE social_posts ADD COLUMN new_account INTEGER NOT NULL DEFAULT 0 CHECK (new_account IN (0, 1));
