-- Retracting a document (issue 15): the document, its chunks and their embeddings are deleted; this row
-- records who removed what and when. Answers that cited it keep their stored quotes and show "source
-- removed" when reopened. document_id is not a foreign key: the document it names no longer exists.
CREATE TABLE document_removals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL,
  title text NOT NULL,
  source_uri text NOT NULL,
  content_hash text NOT NULL,
  channel_id text,
  visibility text NOT NULL,
  ingested_by text,
  chunks_removed integer NOT NULL,
  removed_by text NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_removals_document ON document_removals (document_id);
