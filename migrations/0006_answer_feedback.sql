-- Feedback on answers, one vote per person per answer: a person clicking again replaces their own
-- vote, never someone else's (questions.feedback kept only the last click, whoever made it).
CREATE TABLE answer_feedback (
  question_id bigint NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  value smallint NOT NULL CHECK (value IN (-1, 1)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, user_id)
);

-- The one vote each answer kept so far becomes its voter's vote.
INSERT INTO answer_feedback (question_id, user_id, value, created_at, updated_at)
SELECT id, feedback_by, feedback, created_at, created_at
FROM questions
WHERE feedback IS NOT NULL AND feedback_by IS NOT NULL;

ALTER TABLE questions DROP COLUMN feedback, DROP COLUMN feedback_by;
