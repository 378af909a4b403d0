-- The years and ordinals each document holds in its chunks' glosses (issue 16): search() asks which of
-- a question's constraints (2016, ord15: src/search/constraints.ts) the documents of its hits hold. At
-- 1M chunks reading that out of the glosses cost 25 / 53 ms p50 / p95 per question (a GIN bitmap of a
-- year found in a fifth of all chunks, or the glosses of ~3,000 chunks read out of TOAST), on the
-- critical path of every answer; from this table it is a key lookup.
--
-- Kept by triggers on chunks, so that every way chunks change (ingestion, replacement, gloss backfill,
-- removal) keeps it: an insert adds its rows' values; an update that changes a gloss, and a delete,
-- compute their documents' values again from the chunks left. Holds every gloss lexeme of four digits
-- (a superset of the years a question can name, 1990–2100) and every ordinal (ord1, ord15, …).
CREATE TABLE document_gloss_values (
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  lexeme text NOT NULL,
  PRIMARY KEY (document_id, lexeme)
);

-- The lexemes of a gloss that the table keeps.
CREATE FUNCTION gloss_values(gloss tsvector) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  SELECT l.lexeme FROM unnest(gloss) AS l WHERE l.lexeme ~ '^(ord[0-9]+|[0-9]{4})$'
$$;

CREATE FUNCTION refresh_document_gloss_values(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM document_gloss_values WHERE document_id = ANY (ids);
  INSERT INTO document_gloss_values (document_id, lexeme)
  SELECT DISTINCT c.document_id, v.lexeme
    FROM chunks c CROSS JOIN LATERAL gloss_values(c.gloss) AS v(lexeme)
   WHERE c.document_id = ANY (ids)
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION chunks_gloss_values_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_gloss_values (document_id, lexeme)
  SELECT DISTINCT n.document_id, v.lexeme
    FROM new_rows n CROSS JOIN LATERAL gloss_values(n.gloss) AS v(lexeme)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE FUNCTION chunks_gloss_values_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The documents of the rows whose gloss changed, or that moved (both documents then).
  PERFORM refresh_document_gloss_values(ARRAY(
    SELECT DISTINCT unnest(ARRAY[o.document_id, n.document_id])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE o.gloss IS DISTINCT FROM n.gloss OR o.document_id <> n.document_id));
  RETURN NULL;
END
$$;

CREATE FUNCTION chunks_gloss_values_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_document_gloss_values(ARRAY(SELECT DISTINCT document_id FROM old_rows));
  RETURN NULL;
END
$$;

CREATE TRIGGER chunks_gloss_values_inserted AFTER INSERT ON chunks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_gloss_values_inserted();
CREATE TRIGGER chunks_gloss_values_updated AFTER UPDATE ON chunks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION chunks_gloss_values_updated();
CREATE TRIGGER chunks_gloss_values_deleted AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_gloss_values_deleted();

-- The chunks already stored.
INSERT INTO document_gloss_values (document_id, lexeme)
SELECT DISTINCT c.document_id, v.lexeme
  FROM chunks c CROSS JOIN LATERAL gloss_values(c.gloss) AS v(lexeme);
