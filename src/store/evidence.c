/*
 * evidence.c - reference blobs kept in the store, input names, re-reading
 * the evidence record an event cites from its input file, and resolving a
 * name typed by a person (MMSI, ICAO address, callsign, vessel name) to an
 * identity.
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"

/* ---- reference blobs ---- */

int gt_store_ref_put(struct gt_store *st, const char *kind, const char *name, const void *p,
                     size_t n)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_REF_PUT);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob64(s, 3, n > 0 ? p : "", (sqlite3_uint64)n, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "store reference");
    }
    return GT_OK;
}

int gt_store_ref_get(struct gt_store *st, const char *kind, void **p, size_t *n)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_REF_GET);
    int rc;

    *p = NULL;
    *n = 0;
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        return GT_ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW) {
        return gt__store_db_fail(st, "read reference");
    }
    *n = (size_t)sqlite3_column_bytes(s, 0);
    *p = gt_malloc(*n + 1);
    if (*p == NULL) {
        (void)sqlite3_reset(s);
        *n = 0;
        return GT_ERR_NOMEM;
    }
    if (*n > 0) {
        memcpy(*p, sqlite3_column_blob(s, 0), *n);
    }
    ((char *)*p)[*n] = '\0';
    (void)sqlite3_reset(s);
    return GT_OK;
}

/* ---- names and evidence ---- */

static int input_row(struct gt_store *st, uint32_t input_id, struct gt_buf *name, int *kind)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_INPUT_NAME);
    int rc;

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        (void)sqlite3_reset(s);
        return GT_ERR_NOTFOUND;
    }
    rc = gt_buf_addstr(name, col_text(s, 0));
    *kind = sqlite3_column_int(s, 1);
    (void)sqlite3_reset(s);
    return rc;
}

int gt_store_input_name(struct gt_store *st, uint32_t input_id, struct gt_buf *out)
{
    int kind;
    int rc = input_row(st, input_id, out, &kind);

    return rc == GT_ERR_DB ? GT_ERR_NOTFOUND : rc;
}

int gt_store_evidence_text(struct gt_store *st, const struct gt_prov *prov, struct gt_buf *out)
{
    struct gt_buf name;
    struct gt_io_file *f = NULL;
    unsigned char chunk[512];
    int kind = 0, rc, n, i, text = 1;

    if (prov->kind != GT_PROV_FILE) {
        return GT_ERR_NOTFOUND;
    }
    gt_buf_init(&name, 4096);
    rc = input_row(st, prov->input_id, &name, &kind);
    if (rc < 0 || kind != GT_PROV_FILE || strcmp(gt_buf_str(&name), "-") == 0) {
        gt_buf_release(&name);
        return rc == GT_ERR_NOMEM ? rc : GT_ERR_NOTFOUND;
    }
    rc = gt_io_open(gt_buf_str(&name), &f);
    gt_buf_release(&name);
    if (rc < 0) {
        return rc == GT_ERR_NOMEM ? rc : GT_ERR_NOTFOUND;
    }
    rc = gt_io_seek(f, prov->pos);
    n = rc == GT_OK ? gt_io_read(f, chunk, sizeof chunk) : 0;
    gt_io_close(f);
    if (rc < 0 || n <= 0) {
        return GT_ERR_IO;
    }
    for (i = 0; i < n && chunk[i] != '\n'; i++) {
        if (chunk[i] < 0x20 && chunk[i] != '\t' && chunk[i] != '\r') {
            text = 0;
        }
    }
    if (text) {
        while (i > 0 && chunk[i - 1] == '\r') {
            i--;
        }
        return gt_buf_add(out, chunk, (size_t)i);
    }
    for (i = 0; i < n && i < 64; i++) {
        rc = gt_buf_addf(out, "%02x", chunk[i]);
        if (rc < 0) {
            return rc;
        }
    }
    return GT_OK;
}

/* ---- resolving names ---- */

static int resolve_sql(struct gt_store *st, const char *sql, const char *text, struct gt_ident *id)
{
    sqlite3_stmt *s;
    int found = 0, rc;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "resolve");
    }
    sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct gt_ident got;
        got.kind = (enum gt_id_kind)sqlite3_column_int(s, 0);
        got.value = col_u32(s, 1);
        got.flags = (unsigned)sqlite3_column_int(s, 2);
        if (found == 0) {
            *id = got;
        }
        if (found == 0 || got.kind != id->kind || got.value != id->value ||
            got.flags != id->flags) {
            found++;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        return gt__store_db_fail(st, "resolve");
    }
    if (found == 0) {
        return GT_ERR_NOTFOUND;
    }
    return found > 1 ? GT_ERR_INVAL : GT_OK;
}

int gt_store_resolve(struct gt_store *st, const char *text, struct gt_ident *id)
{
    size_t n = strlen(text), i;
    int rc, digits = n > 0 && n <= 9;

    memset(id, 0, sizeof *id);
    if (strncmp(text, "mmsi:", 5) == 0 || strncmp(text, "icao:", 5) == 0) {
        return gt_ident_parse(text, n, id) == GT_OK ? GT_OK : GT_ERR_NOTFOUND;
    }
    rc = gt_store_flush(st); /* facts still in memory */
    if (rc < 0) {
        return rc;
    }
    for (i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9') {
            digits = 0;
        }
    }
    if (digits && n >= 7) {
        id->kind = GT_ID_MMSI;
        id->value = (uint32_t)strtoul(text, NULL, 10);
        return GT_OK;
    }
    rc = resolve_sql(st,
                     "SELECT 2, icao, 0 FROM aircraft WHERE registration = ?1 COLLATE NOCASE"
                     " ORDER BY icao",
                     text, id);
    if (rc != GT_ERR_NOTFOUND) {
        return rc;
    }
    rc = resolve_sql(st,
                     "SELECT DISTINCT i.kind, i.value, i.flags FROM facts f JOIN identities i"
                     " ON i.id = f.ident_id WHERE f.field = 9 AND f.value = ?1 COLLATE NOCASE"
                     " ORDER BY 1, 2, 3",
                     text, id);
    if (rc != GT_ERR_NOTFOUND) {
        return rc;
    }
    rc = resolve_sql(st,
                     "SELECT DISTINCT i.kind, i.value, i.flags FROM facts f JOIN identities i"
                     " ON i.id = f.ident_id WHERE f.field = 1 AND f.value = ?1 COLLATE NOCASE"
                     " ORDER BY 1, 2, 3",
                     text, id);
    if (rc != GT_ERR_NOTFOUND) {
        return rc;
    }
    return resolve_sql(st,
                       "SELECT DISTINCT i.kind, i.value, i.flags FROM facts f JOIN identities i"
                       " ON i.id = f.ident_id WHERE f.field = 2 AND f.value = ?1 COLLATE NOCASE"
                       " ORDER BY 1, 2, 3",
                       text, id);
}
