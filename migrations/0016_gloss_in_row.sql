-- Glosses kept in the row (issue 16). The gloss retriever scores up to 1,000 chunks per question by
-- their glosses; out of line (a tsvector's default storage, EXTENDED, and a row over the 2 kB TOAST
-- threshold), every gloss scored was a TOAST index lookup and a second page read. MAIN keeps it in the
-- row, and a TOAST target of 4,080 bytes (two rows a page) lets a row hold its vector (MAIN, migration
-- 0013), its gloss and its text while the full-text tsvector, read only for the chunks the lexical
-- retriever ranks, goes out of line. Measured at 300k chunks (bench:gloss-cost, bench:scale --reuse):
-- gloss retriever p50 29–31 → 23–25 ms, hybrid search() p50 47–49 → 37–41 ms; heap 586 → 1,178 MB,
-- TOAST 1,074 → 522 MB.
ALTER TABLE chunks ALTER COLUMN gloss SET STORAGE MAIN;
ALTER TABLE chunks SET (toast_tuple_target = 4080);

-- SET STORAGE applies to values written from now on. Glosses already stored move into their rows when
-- a row is written again (a new gloss version, re-ingestion) or when the table is rewritten
-- (`VACUUM FULL chunks`, which also rebuilds the indexes): rewriting them here would insert every
-- chunk into the HNSW index again, which takes hours for a million chunks.
