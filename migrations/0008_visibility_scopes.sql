-- Visibility scopes (issue 12): what one conversation may see of another's documents and commitments.

-- Which documents a conversation sees: public ones everywhere, a private one only in its channel.
-- Identical text is one document only within one scope, so an upload in a DM is never matched with
-- (and never names) a document private to another channel.
ALTER TABLE documents ADD COLUMN visibility_scope text GENERATED ALWAYS AS (
  CASE WHEN visibility = 'public' THEN 'public' ELSE 'private:' || coalesce(channel_id, '') END
) STORED;
ALTER TABLE documents DROP CONSTRAINT documents_content_hash_key;
ALTER TABLE documents ADD CONSTRAINT documents_content_hash_scope_key UNIQUE (content_hash, visibility_scope);

-- A commitment logged in a private channel or a DM is shown only there and to its owners and author.
ALTER TABLE commitments ADD COLUMN visibility text NOT NULL DEFAULT 'public'
  CHECK (visibility IN ('public', 'private'));
-- Whether the channel of an existing commitment was private was never recorded; Slack ids alone cannot
-- tell (private channels also start with C). Fail closed: those logged in a Slack conversation become
-- private to it (their channel, owners and author still see them). CLI ones (no channel) and the local
-- console's stay public.
UPDATE commitments SET visibility = 'private' WHERE channel_id ~ '^[CDG][A-Z0-9]+$';
CREATE INDEX commitments_visibility ON commitments (visibility) WHERE visibility = 'private';
