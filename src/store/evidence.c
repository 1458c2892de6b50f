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
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- verifying inputs ---- */

/* Trailing parts of a stored name tried below the database's folder. */
#define PATH_TAILS_MAX 16

int gt__store_set_dir(struct gt_store *st, const char *db_path)
{
    const char *slash = strrchr(db_path, '/');
    size_t n;

    if (strcmp(db_path, ":memory:") == 0 || db_path[0] == '\0') {
        return GT_OK; /* no folder: names resolve as given */
    }
    n = slash == NULL ? 1 : (slash == db_path ? 1 : (size_t)(slash - db_path));
    st->dir = gt_malloc(n + 1);
    if (st->dir == NULL) {
        return GT_ERR_NOMEM;
    }
    memcpy(st->dir, slash == NULL ? "." : db_path, n);
    st->dir[n] = '\0';
    return GT_OK;
}

void gt__store_checks_free(struct gt_store *st)
{
    uint32_t i;

    for (i = 0; i < st->checks_n; i++) {
        gt_free(st->checks[i].path);
        gt_io_close(st->checks[i].f);
        if (st->checks[i].fd >= 0) {
            (void)close(st->checks[i].fd);
        }
    }
    gt_free(st->checks);
    st->checks = NULL;
    st->checks_n = 0;
    gt_free(st->dir);
    st->dir = NULL;
}

/* Check the file at path against size and the lower-case hex hash.
 * Returns GT_OK, GT_ERR_CHECKSUM (differs) or GT_ERR_NOTFOUND. */
static int check_file(const char *path, const char *sha, uint64_t size)
{
    struct stat sb;
    char hex[65];
    uint64_t got = 0;

    if (stat(path, &sb) != 0) {
        return GT_ERR_NOTFOUND;
    }
    if (!S_ISREG(sb.st_mode) || (uint64_t)sb.st_size != size) {
        return GT_ERR_CHECKSUM; /* cheap: no hash for a file of another size */
    }
    if (gt_io_hash_file(path, hex, &got) != GT_OK) {
        return GT_ERR_NOTFOUND;
    }
    return got == size && strcmp(hex, sha) == 0 ? GT_OK : GT_ERR_CHECKSUM;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = gt_malloc(a + b + 2);

    if (p != NULL) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* Try the places name may be now (see store.h); on GT_OK *found (caller
 * frees) is the file that verifies.  Returns GT_OK, GT_ERR_CHECKSUM (a
 * file is there but differs), GT_ERR_NOTFOUND or GT_ERR_NOMEM. */
static int locate(const struct gt_store *st, const char *name, const char *sha, uint64_t size,
                  char **found)
{
    const char *tail = name;
    int rc = GT_ERR_NOTFOUND, r, k;

    /* 0: as given when absolute or there is no folder, else below the
     * folder; 1: as given; 2..: each shorter tail below the folder. */
    for (k = 0; k < 2 + PATH_TAILS_MAX && tail != NULL; k++) {
        char *cand;
        if (k == 1) {
            if (name[0] == '/' || st->dir == NULL) {
                continue;
            }
            cand = gt_strndup(name, strlen(name));
        } else if (k == 0 && (name[0] == '/' || st->dir == NULL)) {
            cand = gt_strndup(name, strlen(name));
        } else if (k == 0) {
            cand = join(st->dir, name);
        } else {
            const char *slash = strchr(tail, '/');
            if (slash == NULL || st->dir == NULL) {
                break;
            }
            tail = slash + 1;
            while (*tail == '/') {
                tail++;
            }
            if (*tail == '\0') {
                break;
            }
            cand = join(st->dir, tail);
        }
        if (cand == NULL) {
            return GT_ERR_NOMEM;
        }
        r = check_file(cand, sha, size);
        if (r == GT_OK) {
            *found = cand;
            return GT_OK;
        }
        gt_free(cand);
        if (r == GT_ERR_CHECKSUM) {
            rc = r; /* something is there, but not this input */
        }
    }
    return rc;
}

/* Verify input_id (cached); on GT_OK *chk is its cache slot, or NULL for
 * an id past CHECKS_MAX (then *path, caller frees, is the file). */
static int verify(struct gt_store *st, uint32_t input_id, struct input_check **chk, char **path)
{
    struct input_check *c = NULL;
    sqlite3_stmt *s;
    char *found = NULL;
    int rc;

    *chk = NULL;
    *path = NULL;
    if (input_id < CHECKS_MAX) {
        if (input_id >= st->checks_n) {
            uint32_t n = st->checks_n > 0 ? st->checks_n : 64;
            struct input_check *nc;
            while (n <= input_id) {
                n *= 2;
            }
            nc = gt_realloc(st->checks, (size_t)n * sizeof *nc);
            if (nc == NULL) {
                return GT_ERR_NOMEM;
            }
            memset(nc + st->checks_n, 0, (size_t)(n - st->checks_n) * sizeof *nc);
            for (uint32_t k = st->checks_n; k < n; k++) {
                nc[k].fd = -1;
            }
            st->checks = nc;
            st->checks_n = n;
        }
        c = &st->checks[input_id];
        if (c->state != 0) {
            *chk = c;
            return c->state > 0 ? GT_OK : c->state;
        }
    }
    s = gt__store_get_stmt(st, S_INPUT_CHECK);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 1) != GT_PROV_FILE ||
        sqlite3_column_type(s, 2) == SQLITE_NULL || sqlite3_column_type(s, 3) == SQLITE_NULL ||
        strcmp(col_text(s, 0), "-") == 0) {
        rc = GT_ERR_NOTFOUND; /* no such input, a stream, or stdin */
    } else {
        rc = locate(st, col_text(s, 0), col_text(s, 2), col_u64(s, 3), &found);
    }
    (void)sqlite3_reset(s);
    if (rc == GT_ERR_NOMEM) {
        return rc;
    }
    if (c == NULL) {
        *path = found;
        return rc;
    }
    c->state = rc == GT_OK ? 1 : rc;
    c->path = found;
    *chk = c;
    return rc;
}

int gt_store_input_verify(struct gt_store *st, uint32_t input_id)
{
    struct input_check *c;
    char *path;
    int rc = verify(st, input_id, &c, &path);

    gt_free(path);
    return rc == GT_ERR_DB ? GT_ERR_NOTFOUND : rc;
}

/* ---- evidence ---- */

/* Read up to n bytes at pos of the verified file: a plain file with one
 * pread on a descriptor kept open (c->fd), a gzip file through the zlib
 * handle kept open (c->f: a forward seek decompresses only the bytes
 * between).  c is NULL for an uncached input (opened and closed here).
 * Returns the bytes read, or a negative error. */
static int read_at(struct input_check *c, const char *path, uint64_t pos, unsigned char *p,
                   size_t n)
{
    struct gt_io_file *f = c != NULL ? c->f : NULL;
    int fd = c != NULL ? c->fd : -1, rc, got;

    if (f == NULL && fd < 0) {
        unsigned char magic[2];
        fd = open(c != NULL ? c->path : path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return GT_ERR_NOTFOUND;
        }
        if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
            (void)close(fd);
            fd = -1;
            rc = gt_io_open(c != NULL ? c->path : path, &f);
            if (rc < 0) {
                return rc == GT_ERR_NOMEM ? rc : GT_ERR_NOTFOUND;
            }
        }
        if (c != NULL) {
            c->f = f;
            c->fd = fd;
        }
    }
    if (fd >= 0) {
        ssize_t r = pos <= (uint64_t)INT64_MAX ? pread(fd, p, n, (off_t)pos) : -1;
        got = r < 0 ? GT_ERR_IO : (int)r;
    } else {
        rc = gt_io_seek(f, pos);
        got = rc == GT_OK ? gt_io_read(f, p, n) : rc;
    }
    if (c == NULL) {
        gt_io_close(f);
        if (fd >= 0) {
            (void)close(fd);
        }
    }
    return got;
}

/* Append the record at pos of the verified file to out, cut to max
 * bytes: the line (without its end of line) when it is text, else the
 * first 64 bytes as hex. */
static int read_record(struct input_check *c, const char *path, uint64_t pos, struct gt_buf *out,
                       size_t max)
{
    unsigned char chunk[GT_STORE_EVIDENCE_BYTES];
    int n, i, text = 1;

    n = read_at(c, path, pos, chunk, max < sizeof chunk ? max : sizeof chunk);
    if (n == GT_ERR_NOMEM) {
        return n;
    }
    if (n <= 0) {
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
    {
        static const char digits[] = "0123456789abcdef";
        char hex[128];
        for (i = 0; i < n && i < 64; i++) {
            hex[2 * i] = digits[chunk[i] >> 4];
            hex[2 * i + 1] = digits[chunk[i] & 15];
        }
        return gt_buf_add(out, hex, (size_t)(2 * i));
    }
}

/* Append the store's copy of (input_id, pos) to out.  Returns GT_OK,
 * GT_ERR_NOTFOUND or GT_ERR_NOMEM. */
static int stored_copy(struct gt_store *st, const struct gt_prov *prov, struct gt_buf *out)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_RAW_GET);
    int rc = GT_ERR_NOTFOUND;

    if (s == NULL) {
        return GT_ERR_NOTFOUND; /* a read-only store from before the table */
    }
    sqlite3_bind_int64(s, 1, prov->input_id);
    sqlite3_bind_int64(s, 2, u64_i64(prov->pos));
    if (sqlite3_step(s) == SQLITE_ROW) {
        rc = gt_buf_add(out, sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0));
    }
    (void)sqlite3_reset(s);
    return rc;
}

int gt_store_evidence_text(struct gt_store *st, const struct gt_prov *prov, struct gt_buf *out)
{
    struct input_check *c;
    char *path = NULL;
    int rc, vrc, copy;

    if (prov->kind != GT_PROV_FILE) {
        return GT_ERR_NOTFOUND;
    }
    copy = stored_copy(st, prov, out);
    if (copy == GT_ERR_NOMEM) {
        return copy;
    }
    vrc = verify(st, prov->input_id, &c, &path);
    if (vrc == GT_ERR_NOMEM) {
        return vrc;
    }
    if (vrc == GT_ERR_DB) {
        vrc = GT_ERR_NOTFOUND;
    }
    if (copy == GT_OK) {
        gt_free(path);
        return vrc == GT_OK ? GT_OK : GT_STORE_EVIDENCE_STORED;
    }
    if (vrc < 0) {
        return vrc;
    }
    rc = read_record(c, path, prov->pos, out, GT_STORE_EVIDENCE_BYTES);
    gt_free(path);
    return rc;
}

int gt_store_evidence_status(struct gt_store *st, const struct gt_prov *prov)
{
    struct input_check *c;
    char *path = NULL;
    sqlite3_stmt *s;
    int vrc, copy = 0;

    if (prov->kind != GT_PROV_FILE) {
        return GT_ERR_NOTFOUND;
    }
    vrc = verify(st, prov->input_id, &c, &path);
    gt_free(path);
    if (vrc == GT_OK || vrc == GT_ERR_NOMEM) {
        return vrc;
    }
    s = gt__store_get_stmt(st, S_RAW_GET);
    if (s != NULL) {
        sqlite3_bind_int64(s, 1, prov->input_id);
        sqlite3_bind_int64(s, 2, u64_i64(prov->pos));
        copy = sqlite3_step(s) == SQLITE_ROW;
        (void)sqlite3_reset(s);
    }
    if (copy) {
        return GT_STORE_EVIDENCE_STORED;
    }
    return vrc == GT_ERR_DB ? GT_ERR_NOTFOUND : vrc;
}

int gt__store_keep_evidence(struct gt_store *st, const struct gt_event *e)
{
    struct gt_buf text;
    size_t i, nev = e->nev < GT_EVENT_MAX_EVIDENCE ? e->nev : GT_EVENT_MAX_EVIDENCE;
    size_t head = GT_STORE_EVIDENCE_KEEP / 2, tail = GT_STORE_EVIDENCE_KEEP / 2;
    int rc = GT_OK;

    gt_buf_init(&text, GT_STORE_EVIDENCE_BYTES * 2 + 1);
    for (i = 0; i < nev && rc == GT_OK; i++) {
        const struct gt_prov *p = &e->ev[i].prov;
        struct input_check *c;
        char *path = NULL;
        sqlite3_stmt *s;
        if (p->kind != GT_PROV_FILE || (nev > head + tail && i >= head && i < nev - tail)) {
            continue;
        }
        rc = verify(st, p->input_id, &c, &path);
        if (rc == GT_OK) {
            gt_buf_reset(&text);
            rc = read_record(c, path, p->pos, &text, GT_STORE_EVIDENCE_BYTES);
        }
        gt_free(path);
        if (rc == GT_ERR_NOMEM) {
            break;
        }
        if (rc < 0) {
            rc = GT_OK; /* not verifiable now: left uncopied */
            continue;
        }
        s = gt__store_get_stmt(st, S_RAW_PUT);
        if (s == NULL) {
            rc = GT_ERR_DB;
            break;
        }
        sqlite3_bind_int64(s, 1, p->input_id);
        sqlite3_bind_int64(s, 2, u64_i64(p->pos));
        sqlite3_bind_blob(s, 3, gt_buf_len(&text) > 0 ? gt_buf_str(&text) : "",
                          (int)gt_buf_len(&text), SQLITE_TRANSIENT);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = gt__store_db_fail(st, "keep evidence");
        }
        (void)sqlite3_reset(s);
    }
    gt_buf_release(&text);
    return rc;
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
