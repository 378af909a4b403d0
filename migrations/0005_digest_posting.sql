-- Exactly-once digests (src/digest/service.ts). A claim moves through: claimed (claimed_at) →
-- post started (post_started_at, committed before Slack is called) → posted (posted_at, message_ts).
-- A stale claim whose post never started is retried; one whose post started but was never recorded
-- is not, because the message may already be in the channel (at most one digest per period).
ALTER TABLE digest_posts ADD COLUMN post_started_at timestamptz;
-- 'posted', or 'skipped' for a quiet week with DIGEST_QUIET_WEEK=skip.
ALTER TABLE digest_posts ADD COLUMN outcome text CHECK (outcome IN ('posted', 'skipped'));
ALTER TABLE digest_posts ADD CONSTRAINT digest_posts_period CHECK (period_end > period_start);

CREATE INDEX digest_schedules_enabled ON digest_schedules (channel_id) WHERE enabled;
CREATE INDEX commitments_completed_at ON commitments (completed_at) WHERE completed_at IS NOT NULL;
