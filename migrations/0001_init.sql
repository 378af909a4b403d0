-- Core schema of Minutebook (DESIGN.md §3). Applied in one transaction by src/db/migrate.ts.

-- Embedding models: vectors of two models never mix; each model gets its own HNSW index.
CREATE TABLE embedding_models (
  name text PRIMARY KEY,
  dims integer NOT NULL CHECK (dims BETWEEN 1 AND 16000),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO embedding_models (name, dims) VALUES ('local-ngram-v1', 384);

CREATE TABLE documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_uri text NOT NULL UNIQUE,
  title text NOT NULL,
  language text NOT NULL,
  published_on date,
  -- The cleaned text; chunk offsets point into it so citations quote it exactly.
  content text NOT NULL,
  content_hash text NOT NULL UNIQUE,
  -- Documents that are translations of one article share a group (the id of the first of them).
  translation_group bigint,
  -- Slack channel the document came from; private documents answer only in that channel.
  channel_id text,
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
  ingested_by text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_translation_group ON documents (translation_group);
CREATE INDEX documents_created_at ON documents (created_at);
CREATE INDEX documents_channel ON documents (channel_id);

CREATE TABLE chunks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord integer NOT NULL,
  text text NOT NULL,
  start_char integer NOT NULL,
  end_char integer NOT NULL,
  language text NOT NULL,
  lang_config regconfig NOT NULL DEFAULT 'simple',
  tsv tsvector GENERATED ALWAYS AS (to_tsvector(lang_config, text)) STORED,
  embedding vector,
  embed_model text REFERENCES embedding_models (name),
  UNIQUE (document_id, ord),
  CHECK (start_char >= 0 AND end_char >= start_char),
  CHECK ((embedding IS NULL) = (embed_model IS NULL))
);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
CREATE INDEX chunks_embed_model ON chunks (embed_model);
-- HNSW index of the offline embedder; other models get theirs when registered (src/db/chunks.ts).
CREATE INDEX chunks_embedding_local_ngram_v1 ON chunks
  USING hnsw ((embedding::vector(384)) vector_cosine_ops)
  WHERE embed_model = 'local-ngram-v1';

-- Name variants (Guangxi = Quảng Tây = 广西); a query naming one alias also searches the others.
CREATE TABLE aliases (
  canonical text NOT NULL,
  alias text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (canonical, alias)
);
CREATE INDEX aliases_alias_lower ON aliases (lower(alias));

CREATE TABLE commitments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  owners text[] NOT NULL CHECK (cardinality(owners) > 0),
  created_by text NOT NULL,
  due_on date,
  tz text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('proposed', 'open', 'done', 'cancelled')),
  channel_id text,
  thread_ts text,
  source_permalink text,
  source_document_id bigint REFERENCES documents (id) ON DELETE SET NULL,
  -- Slack trigger/command id: a retried request creates one row.
  idempotency_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX commitments_status_due ON commitments (status, due_on);
CREATE INDEX commitments_owners ON commitments USING gin (owners);
CREATE INDEX commitments_channel ON commitments (channel_id);
CREATE INDEX commitments_created_at ON commitments (created_at);

CREATE TABLE commitment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commitment_id bigint NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
  actor text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commitment_events_commitment ON commitment_events (commitment_id);

-- One row per reminder sent: the primary key makes each (commitment, owner, kind) go out once.
CREATE TABLE commitment_reminders (
  commitment_id bigint NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
  owner text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_on date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commitment_id, owner, kind, due_on)
);

CREATE TABLE digest_schedules (
  channel_id text PRIMARY KEY,
  -- ISO weekday: 1 = Monday … 7 = Sunday.
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  local_time time NOT NULL,
  tz text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Claimed before posting: at most one digest per channel per period, whatever the number of replicas.
CREATE TABLE digest_posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id text NOT NULL,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  claimed_by text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  posted_at timestamptz,
  message_ts text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  UNIQUE (channel_id, period_start)
);

-- Slack retries an event up to three times; the first insert wins.
CREATE TABLE slack_events (
  event_id text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE questions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  asked_by text,
  channel_id text,
  thread_ts text,
  message_ts text,
  question text NOT NULL,
  language text,
  answer text,
  abstained boolean NOT NULL DEFAULT false,
  citations jsonb NOT NULL DEFAULT '[]'::jsonb,
  chunk_ids bigint[] NOT NULL DEFAULT '{}',
  prompt_version text,
  model text,
  latency_ms integer,
  error text,
  feedback smallint CHECK (feedback IN (-1, 1)),
  feedback_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questions_created_at ON questions (created_at);
CREATE INDEX questions_thread ON questions (channel_id, thread_ts);
