-- Schema version 6: reports read from web pages and PDF files.
-- An indicator gains its page (the 1-based page of span_start in a PDF; NULL
-- for text and HTML), an extension field after the contract's (lib/fields.h).
-- A document keeps the format it was read from and its page count. Its sha256
-- is of the bytes given — the PDF or the HTML page itself, so that the same
-- file ingested twice is stored once — and body is the text the spans point
-- into (the bytes themselves for text).

ALTER TABLE indicators ADD COLUMN page INTEGER;

ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text'
    CHECK (format IN ('text', 'html', 'pdf'));
ALTER TABLE documents ADD COLUMN pages INTEGER; -- NULL unless a PDF
