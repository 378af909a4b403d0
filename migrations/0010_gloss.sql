-- Cross-lingual retrieval without a model (issue 11): each chunk also carries its English gloss
-- (src/text/gloss.ts: glossary, CC-CEDICT, Hán-Việt readings, ordinals), indexed in the english config,
-- so that a question in one language meets passages in another on shared English words.
-- Filled by ingestion; rows of earlier versions (gloss_version below the current one) are glossed
-- again at start (src/search/gloss.ts, backfillGlosses).
ALTER TABLE chunks ADD COLUMN gloss tsvector;
ALTER TABLE chunks ADD COLUMN gloss_version smallint NOT NULL DEFAULT 0;
CREATE INDEX chunks_gloss ON chunks USING gin (gloss);
CREATE INDEX chunks_gloss_version ON chunks (gloss_version);
