/* The store, part 2: ingest. One transaction per document: the document, its
 * sections, the sentences its indicators come from (with search terms) and the
 * indicators, or nothing at all. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db.h"
#include "fields.h"
#include "region.h"
#include "text.h"

/* Words for the full-text index: every pair of neighbouring Chinese characters
 * (粮食总产量 → 粮食 食总 总产 产量), a character standing alone as itself, and
 * other text as is. Pairs are what people search for ('粮食'); longer words
 * are found as pairs ('总产 产量'). */
static int terms_of(const char *s, zb_buf *out) {
    out->len = 0;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = zb__utf8_decode(s + i, n - i, &cp);
        if (cp < 0 || !zb__is_cjk((uint32_t)cp)) {
            if (zb__buf_add(NULL, out, s + i, k))
                return ZB_ENOMEM;
            i += k;
            continue;
        }
        size_t run = i, chars = 0;
        while (i < n) {
            k = zb__utf8_decode(s + i, n - i, &cp);
            if (cp < 0 || !zb__is_cjk((uint32_t)cp))
                break;
            i += k;
            chars++;
        }
        if (zb__buf_addc(NULL, out, ' '))
            return ZB_ENOMEM;
        if (chars == 1 && (zb__buf_add(NULL, out, s + run, i - run) || zb__buf_addc(NULL, out, ' ')))
            return ZB_ENOMEM;
        for (size_t j = run; j < i;) {
            size_t a = zb__utf8_len((unsigned char)s[j]);
            if (j + a >= i)
                break;
            size_t b = zb__utf8_len((unsigned char)s[j + a]);
            if (zb__buf_add(NULL, out, s + j, a + b) || zb__buf_addc(NULL, out, ' '))
                return ZB_ENOMEM;
            j += a;
        }
    }
    if (zb__buf_addc(NULL, out, 0))
        return ZB_ENOMEM;
    return ZB_OK;
}

/* Prepared statements of one ingest, finalized together. */
typedef struct stmts {
    sqlite3_stmt *find, *del, *doc, *section, *sentence, *indicator, *count;
} stmts;

static void finalize_all(stmts *st) {
    sqlite3_finalize(st->find);
    sqlite3_finalize(st->del);
    sqlite3_finalize(st->doc);
    sqlite3_finalize(st->section);
    sqlite3_finalize(st->sentence);
    sqlite3_finalize(st->indicator);
    sqlite3_finalize(st->count);
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

static int prepare_all(zb_db *db, stmts *st) {
    static const char *const sql[] = {
        "SELECT id FROM documents WHERE sha256 = ?1",
        "DELETE FROM documents WHERE id = ?1",
        "INSERT INTO documents(sha256, region, report_year, title, source, byte_length, "
        "ingested_at, zhibiao_version, body, region_code, form, format, pages) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7, ?8, ?9, "
        "?10, ?11, ?12)",
        "INSERT INTO sections(document_id, ordinal, title, level, plan, sector, span_start, "
        "span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "INSERT INTO sentences(document_id, section_id, ordinal, text, terms, span_start, "
        "span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        NULL, /* the indicator INSERT: made from the field list by insert_sql() */
        "SELECT count(*) FROM indicators WHERE document_id = ?1",
    };
    sqlite3_stmt **slots[] = {&st->find,     &st->del,       &st->doc,  &st->section,
                              &st->sentence, &st->indicator, &st->count};
    char insert[2048];
    insert_sql(insert, sizeof insert);
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (sqlite3_prepare_v2(db->conn, sql[i] ? sql[i] : insert, -1, slots[i], NULL) !=
            SQLITE_OK)
            return zb__db_fail(db, "preparing the ingest");
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
    size_t n = strlen(name);
    char *copy = sqlite3_realloc(db->region, (int)(n + 1));
    if (!copy)
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    memcpy(copy, name, n + 1);
    db->region = copy;
    snprintf(db->region_code, sizeof db->region_code, "%s", code);
    return ZB_OK;
}

/* What a document was read from: its format and its text (the body). */
typedef struct input {
    const char *text;
    size_t len;
    zb_input_format format;
    size_t pages;
} input;

static int store_doc(zb_db *db, stmts *st, const zb_doc *doc, const input *in,
                     const char *sha, const char *source, int64_t *id) {
    const char *text = in->text;
    size_t len = in->len;
    sqlite3_stmt *s = st->doc;
    bind_text(s, 1, sha);
    bind_text(s, 2, db->region);
    if (zb_doc_report_year(doc))
        sqlite3_bind_int(s, 3, zb_doc_report_year(doc));
    else
        sqlite3_bind_null(s, 3);
    bind_text(s, 4, zb_doc_title(doc));
    bind_text(s, 5, source);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)len);
    bind_text(s, 7, zb_version());
    sqlite3_bind_blob64(s, 8, text, len, SQLITE_STATIC);
    if (db->region_code[0])
        bind_text(s, 9, db->region_code);
    else
        sqlite3_bind_null(s, 9);
    bind_text(s, 10, zb_doc_summary(doc) ? "summary" : "report");
    bind_text(s, 11, zb_input_format_name(in->format));
    if (in->pages)
        sqlite3_bind_int64(s, 12, (sqlite3_int64)in->pages);
    else
        sqlite3_bind_null(s, 12);
    int rc = step_done(db, s, "storing the document");
    sqlite3_clear_bindings(s);
    if (rc)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return ZB_OK;
}

static int store_parts(zb_db *db, stmts *st, const zb_doc *doc, int64_t id) {
    size_t nsec = zb_doc_section_count(doc), nsent = zb_doc_sentence_count(doc);
    int64_t *section_ids = zb__alloc(NULL, (nsec + 1) * sizeof *section_ids);
    int64_t *sentence_ids = zb__alloc(NULL, (nsent + 1) * sizeof *sentence_ids);
    zb_buf terms = {0};
    int rc = ZB_OK;
    if (!section_ids || !sentence_ids) {
        rc = zb__err_set(&db->err, ZB_ENOMEM, "out of memory while storing");
        goto out;
    }
    for (size_t i = 0; i < nsec && !rc; i++) {
        const zb_section *sec = zb_doc_section(doc, i);
        sqlite3_stmt *s = st->section;
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        bind_text(s, 3, sec->title);
        sqlite3_bind_int(s, 4, sec->level);
        sqlite3_bind_int(s, 5, sec->plan);
        if (sec->has_sector)
            bind_text(s, 6, zb_sector_name(sec->sector));
        else
            sqlite3_bind_null(s, 6);
        sqlite3_bind_int64(s, 7, (sqlite3_int64)sec->span_start);
        sqlite3_bind_int64(s, 8, (sqlite3_int64)sec->span_end);
        rc = step_done(db, s, "storing a section");
        section_ids[i] = sqlite3_last_insert_rowid(db->conn);
    }
    for (size_t i = 0; i < nsent && !rc; i++) {
        const zb_sentence *sen = zb_doc_sentence(doc, i);
        sqlite3_stmt *s = st->sentence;
        if (terms_of(sen->text, &terms)) {
            rc = zb__err_set(&db->err, ZB_ENOMEM, "out of memory while storing");
            break;
        }
        sqlite3_bind_int64(s, 1, id);
        if (sen->section_index != SIZE_MAX)
            sqlite3_bind_int64(s, 2, section_ids[sen->section_index]);
        else
            sqlite3_bind_null(s, 2);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
        bind_text(s, 4, sen->text);
        bind_text(s, 5, terms.data);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)sen->span_start);
        sqlite3_bind_int64(s, 7, (sqlite3_int64)sen->span_end);
        rc = step_done(db, s, "storing a sentence");
        sentence_ids[i] = sqlite3_last_insert_rowid(db->conn);
    }
    for (size_t i = 0; i < zb_doc_count(doc) && !rc; i++) {
        const zb_indicator *ind = zb_doc_get(doc, i);
        sqlite3_stmt *s = st->indicator;
        sqlite3_bind_int64(s, 1, id);
        if (ind->section_index != SIZE_MAX)
            sqlite3_bind_int64(s, 2, section_ids[ind->section_index]);
        else
            sqlite3_bind_null(s, 2);
        sqlite3_bind_int64(s, 3, sentence_ids[ind->sentence_index]);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)i);
        bind_fields(s, ZB_INDICATOR_LEAD + 1, ind);
        rc = step_done(db, s, "storing an indicator");
    }
out:
    zb__free(NULL, section_ids);
    zb__free(NULL, sentence_ids);
    zb__buf_free(NULL, &terms);
    return rc;
}

/* The region of this ingest, whole, on the handle: zb_ingest_result points to it. */
static int count_rows(zb_db *db, stmts *st, int64_t id, size_t *n) {
    sqlite3_bind_int64(st->count, 1, id);
    int rc = sqlite3_step(st->count);
    *n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st->count, 0) : 0;
    sqlite3_reset(st->count);
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

int zb_db_ingest(zb_db *db, const char *text, size_t len, const zb_ingest_options *opts,
                 zb_ingest_result *result) {
    if (!db)
        return ZB_EINVAL;
    if (!db->conn)
        return zb__err_set(&db->err, ZB_EINVAL, "the database is not open");
    zb_ingest_options o;
    if (read_options(&o, opts))
        return zb__err_set(&db->err, ZB_EINVAL, "unknown zb_ingest_options version %u",
                           opts->version);
    opts = &o;
    if (!text && len)
        return zb__err_set(&db->err, ZB_EINVAL, "text is NULL but len is %zu", len);
    if (db->readonly)
        return zb__err_set(&db->err, ZB_EREADONLY, "%s: opened read-only; cannot ingest",
                           db->path);
    zb_err bad = {0};
    if (opts && opts->region && zb__validate(opts->region, strlen(opts->region), &bad) != ZB_OK)
        return zb__err_set(&db->err, ZB_EINVAL, "the region is not UTF-8 text (%s)",
                           zb__err_msg(&bad));
    if (!text)
        text = "";
    const char *source = opts && opts->source ? opts->source : "";
    zb_ingest_result res = {0};
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    po.report_year = opts->report_year;
    /* a web page or a PDF: its text is what is parsed and stored as the body */
    input in = {text, len, opts->format ? opts->format : zb_input_detect(text, len), 0};
    zb_text *src = NULL;
    int rc = ZB_OK;
    if (in.format != ZB_INPUT_TEXT) {
        rc = zb_source_text(&src, text, len, in.format);
        if (rc) {
            zb__err_set(&db->err, rc, "%s%s%s", source, *source ? ": " : "",
                        rc == ZB_ENOMEM && !src ? "out of memory" : zb_text_errmsg(src));
            zb_text_free(src);
            return rc;
        }
        in.text = zb_text_data(src);
        in.len = zb_text_len(src);
        po.pages = zb_text_pages(src, &po.page_count);
        in.pages = po.page_count;
    }
    /* a document with nothing in it is a mistake (a failed download, a wrong
     * file), not a report without figures */
    if (zb_text_blank(in.text, in.len)) {
        zb__err_set(&db->err, ZB_EFORMAT, "%s%sno text: the report is empty or only white "
                    "space; nothing was stored", source, *source ? ": " : "");
        zb_text_free(src);
        return ZB_EFORMAT;
    }
    zb_doc *doc = NULL;
    rc = zb_parse(&doc, in.text, in.len, &po);
    if (rc) {
        zb__err_set(&db->err, rc, "%s%s%s", source, *source ? ": " : "", zb_doc_errmsg(doc));
        zb_doc_free(doc);
        zb_text_free(src);
        return rc;
    }
    if ((rc = set_region(db, opts->region, doc)) != ZB_OK) {
        zb_doc_free(doc);
        zb_text_free(src);
        return rc;
    }
    char sha[65];
    zb__sha256_hex(text, len, sha);
    stmts st = {0};
    int in_tx = 0;
    if ((rc = prepare_all(db, &st)) != ZB_OK)
        goto out;
    if ((rc = zb__db_exec(db, "BEGIN IMMEDIATE", "starting the ingest")) != ZB_OK)
        goto out;
    in_tx = 1;
    bind_text(st.find, 1, sha);
    int found = sqlite3_step(st.find);
    int64_t existing = found == SQLITE_ROW ? sqlite3_column_int64(st.find, 0) : 0;
    sqlite3_reset(st.find);
    if (found != SQLITE_ROW && found != SQLITE_DONE) {
        rc = zb__db_fail(db, "looking up the document");
        goto out;
    }
    if (existing && !(opts->flags & ZB_INGEST_REPLACE)) {
        res.document_id = existing;
        if ((rc = count_rows(db, &st, existing, &res.indicators)) != ZB_OK)
            goto out;
        res.inserted = 0;
    } else {
        if (existing) {
            sqlite3_bind_int64(st.del, 1, existing);
            if ((rc = step_done(db, st.del, "replacing the document")) != ZB_OK)
                goto out;
        }
        if ((rc = store_doc(db, &st, doc, &in, sha, source, &res.document_id)) != ZB_OK ||
            (rc = store_parts(db, &st, doc, res.document_id)) != ZB_OK)
            goto out;
        res.inserted = 1;
        res.indicators = zb_doc_count(doc);
    }
    if ((rc = zb__db_exec(db, "COMMIT", "committing the ingest")) != ZB_OK)
        goto out;
    in_tx = 0;
    res.report_year = zb_doc_report_year(doc);
    res.region = db->region ? db->region : "";
    if (result)
        *result = res;
out:
    if (in_tx)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    finalize_all(&st);
    zb_doc_free(doc);
    zb_text_free(src);
    if (rc == ZB_OK)
        db->err.code = ZB_OK;
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
