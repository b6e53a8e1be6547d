/* The store, part 2: ingest. A document is stored whole or not at all: its
 * row, its sections, the sentences its indicators come from and the
 * indicators, in a transaction of its own or, inside a batch (zb_db_begin() …
 * zb_db_commit()), in the batch's transaction, from which a document that
 * fails is deleted again (forget()). The full-text index takes the new
 * sentences in one statement just before the commit. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ahead.h"
#include "db.h"
#include "fields.h"
#include "parse.h"
#include "region.h"
#include "text.h"

void zb__db_stmts_free(zb_db *db) {
    sqlite3_stmt **all[] = {&db->st.find,      &db->st.del,       &db->st.doc,
                            &db->st.section,   &db->st.sentence,  &db->st.indicator,
                            &db->st.count,     &db->st.fts_add,   &db->st.fts_mark,
                            &db->st.next_id,   &db->st.savepoint, &db->st.release};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
    db->prepared = 0;
}

/* The columns an indicator row has before the contract's fields. */
#define ZB_INDICATOR_LEAD 4 /* document_id, section_id, sentence_id, ordinal */

/* INSERT INTO indicators(document_id, section_id, sentence_id, ordinal, <the
 * stored fields of fields.h>) VALUES (?1, …). */
static void insert_sql(char *buf, size_t size) {
    size_t n = (size_t)snprintf(buf, size, "INSERT INTO indicators(document_id, section_id, "
                                           "sentence_id, ordinal");
    int params = ZB_INDICATOR_LEAD;
    for (size_t i = 0; i < zb__field_count; i++)
        if (zb__field_stored(&zb__fields[i])) {
            n += (size_t)snprintf(buf + n, size - n, ", %s", zb__fields[i].name);
            params++;
        }
    n += (size_t)snprintf(buf + n, size - n, ") VALUES (");
    for (int p = 1; p <= params; p++)
        n += (size_t)snprintf(buf + n, size - n, "%s?%d", p > 1 ? ", " : "", p);
    snprintf(buf + n, size - n, ")");
}

/* Bind the stored fields of ind from parameter `first` on. */
static void bind_fields(sqlite3_stmt *s, int first, const zb_indicator *ind) {
    int p = first;
    for (size_t i = 0; i < zb__field_count; i++) {
        const zb_field *f = &zb__fields[i];
        if (!zb__field_stored(f))
            continue;
        if (zb__field_is_null(f, ind))
            sqlite3_bind_null(s, p);
        else if (zb__field_is_int(f))
            sqlite3_bind_int64(s, p, zb__field_int(f, ind));
        else if (f->type == ZB_FT_REAL)
            sqlite3_bind_double(s, p, zb__field_real(f, ind));
        else if (f->type == ZB_FT_ID && !*zb__field_text(f, ind))
            sqlite3_bind_null(s, p);
        else
            sqlite3_bind_text(s, p, zb__field_text(f, ind), -1, SQLITE_STATIC);
        p++;
    }
}

static int prepare_all(zb_db *db) {
    if (db->prepared)
        return ZB_OK;
    static const char *const sql[] = {
        "SELECT id, report_year, region FROM documents WHERE sha256 = ?1",
        "DELETE FROM documents WHERE id = ?1",
        "INSERT INTO documents(id, sha256, region, report_year, title, source, byte_length, "
        "ingested_at, zhibiao_version, body, region_code, form, format, pages) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8, ?9, "
        "?10, ?11, ?12, ?13)",
        "INSERT INTO sections(document_id, ordinal, title, level, plan, sector, span_start, "
        "span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "INSERT INTO sentences(document_id, section_id, ordinal, text, span_start, span_end) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        NULL, /* the indicator INSERT: made from the field list by insert_sql() */
        "SELECT count(*) FROM indicators WHERE document_id = ?1",
        /* the sentences of the documents stored since the index was last filled
         * (schema/007-*.sql): document ids only grow */
        "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE "
        "document_id > (SELECT CAST(value AS INTEGER) FROM zhibiao_meta WHERE name = "
        "'fts_documents')",
        "UPDATE zhibiao_meta SET value = max(CAST(value AS INTEGER), (SELECT coalesce(max(id), "
        "0) FROM documents)) WHERE name = 'fts_documents'",
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'documents'), 0), "
        "coalesce((SELECT max(id) FROM documents), 0)) + 1",
        /* a replacement in a batch; parsed once here, not by sqlite3_exec() each time */
        "SAVEPOINT zb_document",
        "RELEASE zb_document",
    };
    sqlite3_stmt **slots[] = {&db->st.find,     &db->st.del,      &db->st.doc,
                              &db->st.section,  &db->st.sentence, &db->st.indicator,
                              &db->st.count,    &db->st.fts_add,  &db->st.fts_mark,
                              &db->st.next_id,  &db->st.savepoint, &db->st.release};
    char insert[2048];
    insert_sql(insert, sizeof insert);
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (sqlite3_prepare_v3(db->conn, sql[i] ? sql[i] : insert, -1, SQLITE_PREPARE_PERSISTENT,
                               slots[i], NULL) != SQLITE_OK) {
            int rc = zb__db_fail(db, "preparing the ingest");
            zb__db_stmts_free(db);
            return rc;
        }
    db->prepared = 1;
    return ZB_OK;
}

static int step_done(zb_db *db, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? ZB_OK : zb__db_fail(db, what);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s) {
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

/* The region of the last ingest, on the handle: zb_ingest_result points to it. */
static int keep_region(zb_db *db, const char *name, const char *code) {
    if (!name)
        name = "";
    size_t n = strlen(name);
    char *copy = sqlite3_realloc(db->region, (int)(n + 1));
    if (!copy)
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    memcpy(copy, name, n + 1);
    db->region = copy;
    snprintf(db->region_code, sizeof db->region_code, "%s", code ? code : "");
    return ZB_OK;
}

/* The region to store: one the user named (a full or short name or a code,
 * stored by its full name and code; a name the table lacks verbatim), or the
 * document's own. */
static int set_region(zb_db *db, const char *given, const zb_doc *doc) {
    const char *name = zb_doc_region(doc), *code = zb_doc_region_code(doc);
    if (given) {
        zb_err err = {0};
        if (zb__validate(given, strlen(given), &err) != ZB_OK)
            return zb__err_set(&db->err, ZB_EINVAL, "the region is not valid UTF-8 text");
        const zb_region_row *row;
        char why[256];
        int rc = zb__region_find(given, &row, why, sizeof why);
        if (rc == ZB_EINVAL)
            return zb__err_set(&db->err, ZB_EINVAL, "region %s", why);
        name = rc == ZB_OK ? row->name : given;
        code = rc == ZB_OK ? row->code : "";
    }
    return keep_region(db, name, code);
}

/* What a document was read from: its format and its text (the body). */
typedef struct input {
    const char *text;
    size_t len;
    zb_input_format format;
    size_t pages;
} input;

/* The document's row, after its parse (the region, title and form are known
 * only then; its rows were stored under the id it gets, next_id(), with the
 * foreign keys checked at the commit). Its body is written into place: bound
 * as a value, SQLite would make a record of it, more copies of the input in
 * memory, and updating the row afterwards would copy it again. */
static int store_doc(zb_db *db, const zb_doc *doc, const input *in, const char *sha,
                     const char *source, int64_t id) {
    sqlite3_stmt *s = db->st.doc;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, sha);
    bind_text(s, 3, db->region);
    if (zb_doc_report_year(doc))
        sqlite3_bind_int(s, 4, zb_doc_report_year(doc));
    else
        sqlite3_bind_null(s, 4);
    bind_text(s, 5, zb_doc_title(doc));
    bind_text(s, 6, source);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)in->len);
    bind_text(s, 8, zb_version());
    sqlite3_bind_zeroblob64(s, 9, in->len);
    if (db->region_code[0])
        bind_text(s, 10, db->region_code);
    else
        sqlite3_bind_null(s, 10);
    bind_text(s, 11, zb_doc_summary(doc) ? "summary" : "report");
    bind_text(s, 12, zb_input_format_name(in->format));
    if (in->pages)
        sqlite3_bind_int64(s, 13, (sqlite3_int64)in->pages);
    else
        sqlite3_bind_null(s, 13);
    int rc = step_done(db, s, "storing the document");
    sqlite3_clear_bindings(s);
    if (rc || !in->len)
        return rc;
    sqlite3_blob *body;
    if (sqlite3_blob_open(db->conn, "main", "documents", "body", id, 1, &body) != SQLITE_OK)
        return zb__db_fail(db, "storing the document's text");
    for (size_t at = 0; at < in->len && !rc;) {
        size_t n = in->len - at < (1u << 20) ? in->len - at : (1u << 20);
        if (sqlite3_blob_write(body, in->text + at, (int)n, (int)at) != SQLITE_OK)
            rc = zb__db_fail(db, "storing the document's text");
        at += n;
    }
    if (sqlite3_blob_close(body) != SQLITE_OK && !rc)
        rc = zb__db_fail(db, "storing the document's text");
    return rc;
}

/* The id the next document gets: ids are never reused (AUTOINCREMENT). */
static int next_id(zb_db *db, int64_t *id) {
    sqlite3_stmt *st = db->st.next_id;
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? ZB_OK : zb__db_fail(db, "numbering the document");
}

/* What storing one document carries from paragraph to paragraph: rows come
 * from the parse a paragraph at a time (zb__parse_paragraphs()), so memory
 * does not grow with the document. */
typedef struct doc_stream {
    zb_db *db;
    int64_t id;
    int64_t *sections;    /* ids of the sections stored so far */
    size_t nsections, section_cap;
    int64_t *sentences;   /* ids of the paragraph's sentences */
    size_t sentence_cap;
    size_t sentence_ordinal, row_ordinal;
} doc_stream;

static int fit(int64_t **v, size_t *cap, size_t need) {
    if (need <= *cap)
        return ZB_OK;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    int64_t *bigger = zb__realloc(NULL, *v, n * sizeof **v);
    if (!bigger)
        return ZB_ENOMEM;
    *v = bigger;
    *cap = n;
    return ZB_OK;
}

/* Sections first … first + n - 1 of the document (the next ones to store). */
static int store_section_rows(doc_stream *ds, const zb_section *sec, size_t first, size_t n) {
    zb_db *db = ds->db;
    if (first != ds->nsections) /* packets come in order: a bug if not */
        return zb__err_set(&db->err, ZB_ERROR, "sections out of order while storing");
    if (fit(&ds->sections, &ds->section_cap, first + n))
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory while storing");
    for (size_t i = 0; i < n; i++, ds->nsections++) {
        sqlite3_stmt *s = db->st.section;
        sqlite3_bind_int64(s, 1, ds->id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)ds->nsections);
        bind_text(s, 3, sec[i].title);
        sqlite3_bind_int(s, 4, sec[i].level);
        sqlite3_bind_int(s, 5, sec[i].plan);
        if (sec[i].has_sector)
            bind_text(s, 6, zb_sector_name(sec[i].sector));
        else
            sqlite3_bind_null(s, 6);
        sqlite3_bind_int64(s, 7, (sqlite3_int64)sec[i].span_start);
        sqlite3_bind_int64(s, 8, (sqlite3_int64)sec[i].span_end);
        int rc = step_done(db, s, "storing a section");
        if (rc)
            return rc;
        ds->sections[ds->nsections] = sqlite3_last_insert_rowid(db->conn);
    }
    return ZB_OK;
}

/* The sections the parse has met and the store not yet written, at its end. */
static int store_sections(doc_stream *ds, const zb_doc *doc) {
    int rc = ZB_OK;
    for (size_t i = ds->nsections; i < zb_doc_section_count(doc) && !rc; i++)
        rc = store_section_rows(ds, zb_doc_section(doc, i), i, 1);
    return rc;
}

static void bind_section(sqlite3_stmt *s, int i, const doc_stream *ds, size_t section) {
    if (section != SIZE_MAX && section < ds->nsections)
        sqlite3_bind_int64(s, i, ds->sections[section]);
    else
        sqlite3_bind_null(s, i);
}

/* One paragraph's sections, sentences and indicators (zb__packet_fn). */
static int store_packet(void *ctx, const zb_packet *p) {
    doc_stream *ds = ctx;
    zb_db *db = ds->db;
    int rc = store_section_rows(ds, p->sec, p->sec_first, p->nsec);
    if (!rc && fit(&ds->sentences, &ds->sentence_cap, p->nsent))
        rc = zb__err_set(&db->err, ZB_ENOMEM, "out of memory while storing");
    for (size_t i = 0; i < p->nsent && !rc; i++) {
        const zb_sentence *sen = &p->sent[i];
        sqlite3_stmt *s = db->st.sentence;
        sqlite3_bind_int64(s, 1, ds->id);
        bind_section(s, 2, ds, sen->section_index);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)ds->sentence_ordinal++);
        bind_text(s, 4, sen->text);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)sen->span_start);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)sen->span_end);
        rc = step_done(db, s, "storing a sentence");
        ds->sentences[i] = sqlite3_last_insert_rowid(db->conn);
    }
    for (size_t i = 0; i < p->nind && !rc; i++) {
        const zb_indicator *ind = &p->ind[i];
        sqlite3_stmt *s = db->st.indicator;
        sqlite3_bind_int64(s, 1, ds->id);
        bind_section(s, 2, ds, ind->section_index);
        sqlite3_bind_int64(s, 3, ds->sentences[ind->sentence_index]);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)ds->row_ordinal++);
        bind_fields(s, ZB_INDICATOR_LEAD + 1, ind);
        rc = step_done(db, s, "storing an indicator");
    }
    return rc;
}

/* How many indicators a stored document has. */
static int count_rows(zb_db *db, int64_t id, size_t *n) {
    sqlite3_stmt *st = db->st.count;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? ZB_OK : zb__db_fail(db, "counting indicators");
}

/* The caller's options as version 2 (NULL: the defaults); version 1 has no
 * format (AUTO). */
static int read_options(zb_ingest_options *out, const zb_ingest_options *opts) {
    zb_ingest_options d = ZB_INGEST_OPTIONS_INIT;
    *out = d;
    if (!opts)
        return ZB_OK;
    if (opts->version == 1)
        memcpy(out, opts, offsetof(zb_ingest_options, format));
    else if (opts->version == ZB_INGEST_OPTIONS_VERSION)
        *out = *opts;
    else
        return ZB_EINVAL;
    out->version = ZB_INGEST_OPTIONS_VERSION;
    return ZB_OK;
}

/* Add the sentences of the documents stored since the full-text index was
 * last filled, in one statement: the index's own bulk path, and nothing for
 * the savepoints of a batch to flush (a trigger per row was 40 % of ingest). */
static int index_new(zb_db *db) {
    int rc = step_done(db, db->st.fts_add, "filling the full-text index");
    if (!rc)
        rc = step_done(db, db->st.fts_mark, "filling the full-text index");
    return rc;
}

/* Foreign keys wait for the commit (a document's rows are stored before its
 * row). Setting the pragma expires every prepared statement of the connection
 * (SQLite recompiles them: 7 % of an ingest when done per document), so a
 * batch sets it once; it holds until the transaction ends. */
static int defer_keys(zb_db *db) {
    if (db->batch && db->fk_deferred)
        return ZB_OK;
    int rc = zb__db_exec(db, "PRAGMA defer_foreign_keys = ON", "storing the document");
    if (!rc && db->batch)
        db->fk_deferred = 1;
    return rc;
}

/* Take a failed new document of a batch out of it: its rows, and its row if
 * stored. A batch's documents have no savepoint each: in one, SQLite copies
 * every page a document touches into a statement journal first (a third of
 * the writes of an ingest), and the document's id says what to delete. The
 * document was never in the full-text index (its id is above the mark), so
 * nothing is taken out of that. 0, or -1 when a delete failed. */
static int forget(zb_db *db, int64_t id) {
    static const char *const sql[] = {
        "DELETE FROM indicators WHERE document_id = ?1",
        "DELETE FROM sentences WHERE document_id = ?1",
        "DELETE FROM sections WHERE document_id = ?1",
        "DELETE FROM documents WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db->conn, sql[i], -1, &st, NULL) != SQLITE_OK)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return -1;
    }
    return 0;
}

/* What a failed document leaves to undo. */
enum { UNDO_NONE, UNDO_TRANSACTION, UNDO_SAVEPOINT, UNDO_ROWS };

/* Undo a failed document: its transaction, its savepoint (a replacement in a
 * batch: the old document comes back) or its rows. An error that made SQLite
 * roll the whole transaction back (a full disk, no memory), or rows that
 * cannot be deleted, take the batch with them: the handle says so at
 * zb_db_commit(). db->err keeps the first error. */
static void undo(zb_db *db, int what, int64_t id) {
    if (what == UNDO_TRANSACTION) {
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        return;
    }
    if (sqlite3_get_autocommit(db->conn)) {
        db->batch_lost = 1;
        return;
    }
    if (what == UNDO_SAVEPOINT)
        sqlite3_exec(db->conn, "ROLLBACK TO zb_document; RELEASE zb_document", NULL, NULL, NULL);
    else if (what == UNDO_ROWS && forget(db, id) != 0) {
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        db->batch_lost = 1;
    }
}

static int writable(zb_db *db, const char *what) {
    if (!db)
        return ZB_EINVAL;
    if (!db->conn)
        return zb__err_set(&db->err, ZB_EINVAL, "the database is not open");
    if (db->readonly)
        return zb__err_set(&db->err, ZB_EREADONLY, "%s: opened read-only; cannot %s", db->path,
                           what);
    return ZB_OK;
}

int zb_db_begin(zb_db *db) {
    int rc = writable(db, "ingest");
    if (rc)
        return rc;
    if (db->batch)
        return zb__err_set(&db->err, ZB_EINVAL, "%s: a batch is open already", db->path);
    if ((rc = zb__db_exec(db, "BEGIN IMMEDIATE", "starting a batch")) != ZB_OK)
        return rc;
    db->batch = 1;
    db->batch_lost = 0;
    db->fk_deferred = 0;
    db->err.code = ZB_OK;
    return ZB_OK;
}

int zb_db_commit(zb_db *db) {
    int rc = writable(db, "commit");
    if (rc)
        return rc;
    if (!db->batch)
        return zb__err_set(&db->err, ZB_EINVAL, "%s: no batch is open (zb_db_begin())",
                           db->path);
    db->batch = 0;
    if (db->batch_lost) {
        db->batch_lost = 0;
        return zb__err_set(&db->err, ZB_EDB, "%s: the batch was rolled back after an error; "
                           "none of its documents were stored", db->path);
    }
    if ((rc = prepare_all(db)) != ZB_OK || (rc = index_new(db)) != ZB_OK ||
        (rc = zb__db_exec(db, "COMMIT", "committing the batch")) != ZB_OK) {
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    db->err.code = ZB_OK;
    return ZB_OK;
}

int zb_db_rollback(zb_db *db) {
    int rc = writable(db, "roll back");
    if (rc)
        return rc;
    if (!db->batch)
        return zb__err_set(&db->err, ZB_EINVAL, "%s: no batch is open (zb_db_begin())",
                           db->path);
    db->batch = 0;
    if (db->batch_lost) { /* SQLite has rolled it back already */
        db->batch_lost = 0;
        db->err.code = ZB_OK;
        return ZB_OK;
    }
    if ((rc = zb__db_exec(db, "ROLLBACK", "rolling the batch back")) != ZB_OK)
        return rc;
    db->err.code = ZB_OK;
    return ZB_OK;
}

/* One document on its way into the store: its options read, its text made,
 * its parse perhaps started (the next document's runs while one is written). */
typedef struct job {
    zb_ingest_options opts;
    const char *source;
    input in;
    zb_text *src;
    zb_parse_options po;
    char sha[65];
    int rc;         /* failed before the store: err says why */
    zb_err err;
    zb_ahead *parse; /* started by job_start(), or NULL */
} job;

/* The checks and the work before the store needs the database: options,
 * SHA-256, a page or PDF made text, a blank text refused. On failure j->rc
 * and j->err say why. */
static int job_prepare(zb_db *db, job *j, const char *text, size_t len,
                       const zb_ingest_options *opts) {
    *j = (job){0};
    zb_err *err = &j->err;
    if (read_options(&j->opts, opts))
        return j->rc = zb__err_set(err, ZB_EINVAL, "unknown zb_ingest_options version %u",
                                   opts->version);
    if (!text && len)
        return j->rc = zb__err_set(err, ZB_EINVAL, "text is NULL but len is %zu", len);
    zb_err bad = {0};
    if (j->opts.region && zb__validate(j->opts.region, strlen(j->opts.region), &bad) != ZB_OK)
        return j->rc = zb__err_set(err, ZB_EINVAL, "the region is not UTF-8 text (%s)",
                                   zb__err_msg(&bad));
    if (!text)
        text = "";
    const char *source = j->source = j->opts.source ? j->opts.source : "";
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    j->po = po;
    j->po.report_year = j->opts.report_year;
    /* a web page or a PDF: its text is what is parsed and stored as the body */
    j->in = (input){text, len, j->opts.format ? j->opts.format : zb_input_detect(text, len), 0};
    zb__sha256_hex(text, len, db->sha_hw, j->sha);
    /* a page or PDF is made text first, even when stored already: bytes that
     * are not what the caller says they are fail as they always did */
    if (j->in.format != ZB_INPUT_TEXT) {
        int rc = zb_source_text(&j->src, text, len, j->in.format);
        if (rc != ZB_OK)
            return j->rc = zb__err_set(err, rc, "%s%s%s", source, *source ? ": " : "",
                                       rc == ZB_ENOMEM && !j->src ? "out of memory"
                                                                  : zb_text_errmsg(j->src));
        j->in.text = zb_text_data(j->src);
        j->in.len = zb_text_len(j->src);
        j->po.pages = zb_text_pages(j->src, &j->po.page_count);
        j->in.pages = j->po.page_count;
    }
    /* a document with nothing in it is a mistake (a failed download, a wrong
     * file), not a report without figures */
    if (zb_text_blank(j->in.text, j->in.len))
        return j->rc = zb__err_set(err, ZB_EFORMAT, "%s%sno text: the report is empty or "
                                   "only white space; nothing was stored",
                                   source, *source ? ": " : "");
    return ZB_OK;
}

/* Start the parse (in a second thread, unless the options say one thread);
 * 0, or ZB_ENOMEM (j->err says so). */
static int job_start(job *j) {
    size_t ahead = j->opts.flags & ZB_INGEST_ONE_THREAD ? 0 : ZB_AHEAD_QUEUE_BYTES;
    j->parse = zb__ahead_start(j->in.text, j->in.len, &j->po, ahead, 0);
    return j->parse ? ZB_OK
                    : (j->rc = zb__err_set(&j->err, ZB_ENOMEM, "out of memory while parsing"));
}

/* Whether a document with these bytes is stored: 1, 0, or -1 (db->err says why). */
static int stored_already(zb_db *db, const char *sha) {
    sqlite3_stmt *find = db->st.find;
    bind_text(find, 1, sha);
    int found = sqlite3_step(find);
    sqlite3_reset(find);
    return found == SQLITE_ROW ? 1 : found == SQLITE_DONE ? 0
                                   : (zb__db_fail(db, "looking up the document"), -1);
}

static void job_free(job *j) {
    zb__ahead_abandon(j->parse);
    j->parse = NULL;
    zb_text_free(j->src);
    j->src = NULL;
}

/* Store a prepared document: in a transaction of its own or in the batch's,
 * the parse started here unless it was already. */
static int job_store(zb_db *db, job *j, zb_ingest_result *result) {
    if (db->batch && db->batch_lost)
        return zb__err_set(&db->err, ZB_EDB, "%s: the batch was rolled back after an error; "
                           "end it with zb_db_commit() or zb_db_rollback()", db->path);
    if (j->rc) {
        db->err = j->err;
        return j->rc;
    }
    const zb_ingest_options *opts = &j->opts;
    const char *source = j->source;
    zb_ingest_result res = {0};
    zb_doc *doc = NULL;
    doc_stream ds = {.db = db};
    /* alone: a transaction of its own; in a batch, the batch's */
    int own = !db->batch, open = UNDO_NONE, rc = ZB_OK;
    if ((rc = prepare_all(db)) != ZB_OK)
        goto out;
    if (own && (rc = zb__db_exec(db, "BEGIN IMMEDIATE", "starting the ingest")) != ZB_OK)
        goto out;
    open = own ? UNDO_TRANSACTION : UNDO_NONE;
    sqlite3_stmt *find = db->st.find;
    bind_text(find, 1, j->sha);
    int found = sqlite3_step(find);
    int64_t existing = found == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
    if (existing && !(opts->flags & ZB_INGEST_REPLACE)) {
        /* stored already: nothing to parse (a parse started ahead is stopped) */
        zb__ahead_abandon(j->parse);
        j->parse = NULL;
        res.document_id = existing;
        res.report_year = sqlite3_column_int(find, 1);
        rc = keep_region(db, (const char *)sqlite3_column_text(find, 2), "");
        sqlite3_reset(find);
        if (rc || (rc = count_rows(db, existing, &res.indicators)) != ZB_OK)
            goto out;
        res.inserted = 0;
    } else {
        sqlite3_reset(find);
        if (found != SQLITE_ROW && found != SQLITE_DONE) {
            rc = zb__db_fail(db, "looking up the document");
            goto out;
        }
        if (existing) {
            /* in a batch, a savepoint brings the old document back if the new
             * one fails (a replacement is rare: its cost does not matter) */
            if (!own) {
                if ((rc = step_done(db, db->st.savepoint, "replacing the document")) != ZB_OK)
                    goto out;
                open = UNDO_SAVEPOINT;
            }
            sqlite3_bind_int64(db->st.del, 1, existing);
            if ((rc = step_done(db, db->st.del, "replacing the document")) != ZB_OK)
                goto out;
        }
        /* the rows come before their document (above): their foreign keys wait
         * for the commit */
        if ((rc = next_id(db, &ds.id)) != ZB_OK || (rc = defer_keys(db)) != ZB_OK)
            goto out;
        if (open == UNDO_NONE)
            open = UNDO_ROWS;
        /* the parse runs ahead in a second thread while this one writes */
        if (!j->parse && job_start(j) != ZB_OK) {
            db->err = j->err;
            rc = j->rc;
            goto out;
        }
        int said = 0;
        zb_ahead *parse = j->parse;
        j->parse = NULL; /* freed by its finish */
        rc = zb__ahead_finish(parse, &doc, store_packet, &ds, &db->err, &said);
        if (rc) {
            if (!said) /* else db->err says what the store met */
                zb__err_set(&db->err, rc, "%s%s%s", source, *source ? ": " : "",
                            zb_doc_errmsg(doc));
            goto out;
        }
        if ((rc = store_sections(&ds, doc)) != ZB_OK ||
            (rc = set_region(db, opts->region, doc)) != ZB_OK ||
            (rc = store_doc(db, doc, &j->in, j->sha, source, ds.id)) != ZB_OK)
            goto out;
        res.document_id = ds.id;
        res.inserted = 1;
        res.indicators = ds.row_ordinal;
        res.report_year = zb_doc_report_year(doc);
    }
    if (own && (rc = index_new(db)) != ZB_OK)
        goto out;
    if (own && (rc = zb__db_exec(db, "COMMIT", "committing the ingest")) != ZB_OK)
        goto out;
    if (open == UNDO_SAVEPOINT &&
        (rc = step_done(db, db->st.release, "committing the ingest")) != ZB_OK)
        goto out;
    open = UNDO_NONE;
    res.region = db->region ? db->region : "";
    if (result)
        *result = res;
out:
    if (open != UNDO_NONE)
        undo(db, open, ds.id);
    zb_doc_free(doc);
    zb__free(NULL, ds.sections);
    zb__free(NULL, ds.sentences);
    if (rc == ZB_OK)
        db->err.code = ZB_OK;
    return rc;
}

int zb_db_ingest(zb_db *db, const char *text, size_t len, const zb_ingest_options *opts,
                 zb_ingest_result *result) {
    int rc = writable(db, "ingest");
    if (rc)
        return rc;
    job j;
    if ((rc = job_prepare(db, &j, text, len, opts)) == ZB_OK || j.rc)
        rc = job_store(db, &j, result);
    job_free(&j);
    return rc;
}

/* The next document of zb_db_ingest_each(), prepared and its parse started
 * unless it is stored already: 1, 0 when there is none, or what next() said. */
static int job_next(zb_db *db, job *j, zb_ingest_item *item, zb_ingest_next_fn next,
                    void *ctx) {
    zb_ingest_options defaults = ZB_INGEST_OPTIONS_INIT;
    *item = (zb_ingest_item){.options = defaults};
    int got = next(ctx, item);
    if (got != 1)
        return got;
    if (job_prepare(db, j, item->text, item->len, &item->options) != ZB_OK)
        return 1; /* said when its turn comes */
    int stored = 0;
    if (prepare_all(db) == ZB_OK && !(j->opts.flags & ZB_INGEST_REPLACE))
        stored = stored_already(db, j->sha);
    if (stored == 0)
        job_start(j);
    return 1;
}

int zb_db_ingest_each(zb_db *db, zb_ingest_next_fn next, zb_ingest_done_fn done, void *ctx) {
    int rc = writable(db, "ingest");
    if (rc)
        return rc;
    if (!next || !done)
        return zb__err_set(&db->err, ZB_EINVAL, "zb_db_ingest_each() needs next and done");
    /* two documents in flight: the one being stored and the next, parsing */
    job jobs[2];
    zb_ingest_item items[2];
    int cur = 0, have = job_next(db, &jobs[0], &items[0], next, ctx);
    while (have == 1) {
        int nxt = !cur;
        int more = job_next(db, &jobs[nxt], &items[nxt], next, ctx);
        zb_ingest_result res;
        int stored = job_store(db, &jobs[cur], &res);
        int stop = done(ctx, &items[cur], stored, stored == ZB_OK ? &res : NULL);
        job_free(&jobs[cur]);
        if (stop) {
            if (more == 1) {
                job_free(&jobs[nxt]);
                zb__err_set(&db->err, ZB_ERROR, "%s%snot stored: the ingest was stopped",
                            jobs[nxt].source ? jobs[nxt].source : "",
                            jobs[nxt].source && *jobs[nxt].source ? ": " : "");
                done(ctx, &items[nxt], ZB_ERROR, NULL);
            }
            rc = stop;
            break;
        }
        cur = nxt;
        have = more;
        if (have != 1 && have != 0)
            rc = have;
    }
    return rc;
}

/* A .pdf, .html or .htm file whose bytes do not say what they are is read as
 * its name says (and fails with that format's message, not as text). */
static zb_input_format format_by_name(const char *path) {
    size_t n = strlen(path);
    static const struct {
        const char *ext;
        zb_input_format format;
    } names[] = {{".pdf", ZB_INPUT_PDF}, {".html", ZB_INPUT_HTML}, {".htm", ZB_INPUT_HTML}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t k = strlen(names[i].ext);
        int same = n >= k;
        for (size_t j = 0; same && j < k; j++)
            same = (path[n - k + j] | 0x20) == names[i].ext[j];
        if (same)
            return names[i].format;
    }
    return ZB_INPUT_AUTO;
}

int zb_db_ingest_file(zb_db *db, const char *path, const zb_ingest_options *opts,
                      zb_ingest_result *result) {
    if (!db)
        return ZB_EINVAL;
    if (!path)
        return zb__err_set(&db->err, ZB_EINVAL, "no file name given");
    FILE *f = fopen(path, "rb");
    if (!f)
        return zb__err_set(&db->err, ZB_EIO, "%s: cannot open: %s", path, strerror(errno));
    zb_buf text = {0};
    char chunk[65536];
    size_t n;
    int rc = ZB_OK;
    /* held to the parser's limit while reading: a device (/dev/zero) or a pipe
     * never ends, and a regular file too large is refused before it is read */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > ZB_MAX_INPUT)
        rc = zb__err_set(&db->err, ZB_EINVAL, "%s: larger than 4 GiB", path);
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > ZB_MAX_INPUT - text.len)
            rc = zb__err_set(&db->err, ZB_EINVAL, "%s: larger than 4 GiB", path);
        else if (zb__buf_add(NULL, &text, chunk, n))
            rc = zb__err_set(&db->err, ZB_ENOMEM, "%s: out of memory reading it", path);
    }
    if (!rc && ferror(f))
        rc = zb__err_set(&db->err, ZB_EIO, "%s: read failed: %s", path, strerror(errno));
    fclose(f);
    if (!rc) {
        zb_ingest_options o;
        if (read_options(&o, opts))
            rc = zb__err_set(&db->err, ZB_EINVAL, "unknown zb_ingest_options version %u",
                             opts->version);
        else if (!o.source)
            o.source = path;
        if (!rc && !o.format && zb_input_detect(text.data, text.len) == ZB_INPUT_TEXT)
            o.format = format_by_name(path);
        if (!rc)
            rc = zb_db_ingest(db, text.data, text.len, &o, result);
    }
    zb__buf_free(NULL, &text);
    return rc;
}
