-- Retrieval (issue 4): Chinese-aware full-text vectors and the indexes that search filters use.

-- Chinese and Japanese have no spaces between words, so the default parser turns a whole sentence
-- into one token and "广西" never matches. Spacing out Han/kana characters makes each a lexeme;
-- queries do the same and join them with <-> (phrase), which matches the word.
DROP INDEX chunks_tsv;
ALTER TABLE chunks DROP COLUMN tsv;
ALTER TABLE chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
  to_tsvector(lang_config, regexp_replace(text, '([㐀-䶿一-鿿豈-﫿぀-ヿ])', ' \1 ', 'g'))
) STORED;
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);

CREATE INDEX documents_published_on ON documents (published_on);
CREATE INDEX documents_language ON documents (language);
