-- Commitments in answers (issue 15, part 2).

-- The message a commitment was logged from (the Slack message of "Log as commitment", the text of
-- /commit or of `minutebook commit`): answers match questions against it as well as the title.
-- Null for commitments logged before this migration and for proposals extracted from minutes.
ALTER TABLE commitments ADD COLUMN source_text text CHECK (length(source_text) <= 4000);

-- The commitments an answer cited ([C12]), in order. Their current status is read when the answer is
-- reopened or shared, so a commitment done or cancelled since is never shown as still open.
ALTER TABLE questions ADD COLUMN commitment_ids bigint[] NOT NULL DEFAULT '{}';
