-- Vectors stored in line (issue 16). `chunks.embedding` is an untyped `vector`, whose default storage
-- is EXTENDED: a 384-dimension vector (1,544 bytes) next to a chunk's text and two tsvectors pushes
-- the row over the 2 kB TOAST threshold, and the toaster moved the vector (the largest value, which
-- does not compress) out of line. Every exact scan and every distance computed outside the HNSW index
-- then read a second relation (100k chunks before this migration: heap 133 MB, TOAST 298 MB; exact
-- scans ~6x slower than on a plain table). MAIN keeps the vector in the row and lets the text and the
-- tsvectors, which full-text search reads only for the few chunks it ranks, go out of line instead;
-- a vector too large for any row (thousands of dimensions) is still moved out as a last resort.
ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE MAIN;

-- SET STORAGE applies to values written from now on; an UPDATE that keeps a value keeps its TOAST
-- pointer, so stored vectors are rebuilt (text round trip, exact) to be written in line. One pass
-- over the table, once.
UPDATE chunks SET embedding = embedding::text::vector WHERE embedding IS NOT NULL;
