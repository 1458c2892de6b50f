/*
 * store.c - the SQLite evidence store (C API of SQLite 3, WAL mode): open,
 * migrate, prepared statements, transactions.
 *
 * The schema is embedded below and versioned in PRAGMA user_version; open
 * applies every migration after the file's version, in order, inside one
 * transaction.  Statements are prepared once per handle.  Positions live in
 * a narrow WITHOUT ROWID table clustered on (identity, time, input, offset):
 * integer coordinates in 1e-7 degree, times in ms, so a one-identity time
 * window is one B-tree range scan and re-inserting a record is a no-op.
 * docs/STORE.md documents every table.  The write path is write.c (with
 * the position codec in poscodec.c), reads are read.c, events events.c,
 * reference blobs, evidence and name resolution evidence.c.
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

/* Each entry moves the schema from version index to index + 1. */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE stations(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " rx INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE inputs(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,"
    " sha256 TEXT UNIQUE, size INTEGER, format TEXT, source_id INTEGER,"
    " done_pos INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0,"
    " accepted INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE rejects(input_id INTEGER NOT NULL, reason TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(input_id, reason)) WITHOUT ROWID;"
    "CREATE TABLE identities(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
    " value INTEGER NOT NULL, flags INTEGER NOT NULL DEFAULT 0, UNIQUE(kind, value, flags));"
    "CREATE TABLE positions(ident_id INTEGER NOT NULL, t_ms INTEGER NOT NULL,"
    " input_id INTEGER NOT NULL, pos INTEGER NOT NULL, lat INTEGER NOT NULL,"
    " lon INTEGER NOT NULL, misc INTEGER NOT NULL, alt INTEGER, spd INTEGER, crs INTEGER,"
    " hdg INTEGER, ext INTEGER,"
    " PRIMARY KEY(ident_id, t_ms, input_id, pos)) WITHOUT ROWID;"
    "CREATE TABLE facts(ident_id INTEGER NOT NULL, field INTEGER NOT NULL,"
    " value TEXT NOT NULL, first_ms INTEGER, last_ms INTEGER, count INTEGER NOT NULL,"
    " first_input INTEGER, first_pos INTEGER, last_input INTEGER, last_pos INTEGER,"
    " station_id INTEGER, PRIMARY KEY(ident_id, field, value)) WITHOUT ROWID;"
    "CREATE INDEX facts_value ON facts(field, value COLLATE NOCASE);"
    "CREATE TABLE aircraft(icao INTEGER PRIMARY KEY, registration TEXT, typecode TEXT,"
    " operator TEXT, flags INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX aircraft_reg ON aircraft(registration COLLATE NOCASE);"
    "CREATE TABLE events(id TEXT PRIMARY KEY, type INTEGER NOT NULL, subject TEXT NOT NULL,"
    " peer TEXT, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, lat REAL, lon REAL,"
    " score REAL NOT NULL, detail TEXT NOT NULL);"
    "CREATE INDEX events_start ON events(start_ms);"
    "CREATE TABLE evidence(event_id TEXT NOT NULL, seq INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " input_id INTEGER NOT NULL, pos INTEGER NOT NULL, station_id INTEGER, t_ms INTEGER,"
    " role TEXT, PRIMARY KEY(event_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE refs(kind TEXT PRIMARY KEY, name TEXT, data BLOB NOT NULL);",
    /* 1 -> 2: positions move to the narrower table pos (input and offset
     * in one key column src, speed, course and heading in one column
     * motion); the view positions keeps the version 1 columns. */
    "CREATE TABLE pos(ident_id INTEGER NOT NULL, t_ms INTEGER NOT NULL, src INTEGER NOT NULL,"
    " lat INTEGER NOT NULL, lon INTEGER NOT NULL, misc INTEGER NOT NULL, alt INTEGER,"
    " motion INTEGER, ext INTEGER, PRIMARY KEY(ident_id, t_ms, src)) WITHOUT ROWID;"
    "INSERT INTO pos SELECT ident_id, t_ms, (input_id << 40) | pos, lat, lon, misc, alt,"
    " CASE WHEN spd IS NULL AND crs IS NULL AND hdg IS NULL THEN NULL ELSE"
    " coalesce(min(max(spd, 0), 32766) + 1, 0) | (coalesce(min(max(crs, 0), 4094) + 1, 0) << 15)"
    " | (coalesce(min(max(hdg, 0), 4094) + 1, 0) << 27) END, ext FROM positions;"
    "DROP TABLE positions;"
    "CREATE VIEW positions AS SELECT ident_id, t_ms, src >> 40 AS input_id,"
    " src & 1099511627775 AS pos, lat, lon, misc, alt, nullif(motion & 32767, 0) - 1 AS spd,"
    " nullif((motion >> 15) & 4095, 0) - 1 AS crs, nullif((motion >> 27) & 4095, 0) - 1 AS hdg,"
    " ext, lat / 1e7 AS lat_deg, lon / 1e7 AS lon_deg FROM pos;",
    /* 2 -> 3: a copy of the raw records events cite, so a store is its
     * own proof (bounded per event: GT_STORE_EVIDENCE_KEEP records of at
     * most GT_STORE_EVIDENCE_BYTES bytes). */
    ("CREATE TABLE evidence_raw(input_id INTEGER NOT NULL, pos INTEGER NOT NULL,"
     " data BLOB NOT NULL, PRIMARY KEY(input_id, pos)) WITHOUT ROWID;"),
    /* 3 -> 4: the watch engine's alerts (each kept before it is sent,
     * marked once every sink has it) and its state, committed with the
     * records that changed it (src/store/watch.c, docs/WATCH.md). */
    ("CREATE TABLE IF NOT EXISTS watch_alerts(id TEXT PRIMARY KEY, t_ms INTEGER NOT NULL,"
     " rule TEXT NOT NULL, subject TEXT NOT NULL, alert TEXT NOT NULL,"
     " delivered INTEGER NOT NULL DEFAULT 0);"
     "CREATE TABLE IF NOT EXISTS watch_state(key TEXT PRIMARY KEY, data BLOB NOT NULL);"),
    /* 4 -> 5: lookup views for people reading the file with sqlite3
     * (views.c): identities as the text the commands print, ICAO addresses
     * in hex; event_types and fact_fields are written from the program's
     * name tables at each writable open (gt__store_sync_views()). */
    ("CREATE VIEW IF NOT EXISTS identity_text AS SELECT id, kind, value, flags,"
     " CASE kind WHEN 1 THEN 'mmsi:' || value"
     " WHEN 2 THEN 'icao:' || CASE WHEN flags & 1 THEN '~' ELSE '' END || printf('%06x', value)"
     " END AS ident FROM identities;"),
    /* 5 -> 6: the receiver set of a position heard by several receivers
     * (or twice): each copy not stored again in pos, with its station and
     * its own record (dup_src, as src), for the position (ident_id, t_ms,
     * src) it duplicates.  The key columns come first: SQLite 3.40's
     * integrity_check misreads a WITHOUT ROWID table whose key columns are
     * not in column order. */
    ("CREATE TABLE IF NOT EXISTS pos_rx(ident_id INTEGER NOT NULL, t_ms INTEGER NOT NULL,"
     " src INTEGER NOT NULL, dup_src INTEGER NOT NULL, station_id INTEGER NOT NULL,"
     " PRIMARY KEY(ident_id, t_ms, src, dup_src)) WITHOUT ROWID;"
     "CREATE INDEX IF NOT EXISTS pos_rx_src ON pos_rx(src);"),
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* The oldest version a read-only handle reads without migrating: every
 * migration after it only adds a table the readers treat as empty when
 * it is missing (3: evidence_raw, 4: watch tables, 5: the lookup views, 6: pos_rx). */
#define READONLY_MIN_VERSION 2

int gt__store_schema_version(void)
{
    return SCHEMA_VERSION;
}

static const char *const stmt_sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_IDENT_INS] = "INSERT OR IGNORE INTO identities(kind, value, flags) VALUES(?1, ?2, ?3)",
    [S_IDENT_SEL] = "SELECT id FROM identities WHERE kind = ?1 AND value = ?2 AND flags = ?3",
    [S_POS_INS] = "INSERT OR IGNORE INTO pos VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
    /* Merge one row of the fact aggregator (factagg.h): the same rules,
     * and a record without a time never moves first or last. */
    [S_FACT_UPS] =
        "INSERT INTO facts(ident_id, field, value, first_ms, last_ms, count, first_input,"
        " first_pos, last_input, last_pos, station_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?11) ON CONFLICT(ident_id, field, value) DO UPDATE SET count = count + ?6,"
        " first_input = CASE WHEN ?4 < coalesce(first_ms, ?4 + 1) THEN ?7 ELSE first_input END,"
        " first_pos = CASE WHEN ?4 < coalesce(first_ms, ?4 + 1) THEN ?8 ELSE first_pos END,"
        " first_ms = coalesce(min(first_ms, ?4), first_ms, ?4),"
        " last_input = CASE WHEN ?5 >= coalesce(last_ms, ?5) THEN ?9 ELSE last_input END,"
        " last_pos = CASE WHEN ?5 >= coalesce(last_ms, ?5) THEN ?10 ELSE last_pos END,"
        " last_ms = coalesce(max(last_ms, ?5), last_ms, ?5)",
    [S_INPUT_BY_HASH] = "SELECT id, done_pos, complete, accepted, coalesce(format, '')"
                        " FROM inputs WHERE sha256 = ?1",
    [S_INPUT_INS] = "INSERT INTO inputs(kind, name, sha256, size, format, source_id)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [S_INPUT_MARK] = "UPDATE inputs SET done_pos = max(done_pos, ?2), complete = max(complete,"
                     " ?3), accepted = accepted + ?4 WHERE id = ?1",
    [S_INPUT_RESET] = "UPDATE inputs SET done_pos = 0, complete = 0, accepted = 0,"
                      " format = coalesce(?2, format) WHERE id = ?1",
    [S_INPUT_DEL_POS] = "DELETE FROM pos WHERE src BETWEEN ?1 AND ?2",
    [S_INPUT_DEL_FACTS] = "DELETE FROM facts WHERE first_input = ?1 AND last_input = ?1",
    [S_INPUT_DEL_REJECTS] = "DELETE FROM rejects WHERE input_id = ?1",
    [S_REJECT_ADD] = "INSERT INTO rejects(input_id, reason, count) VALUES(?1, ?2, ?3)"
                     " ON CONFLICT(input_id, reason) DO UPDATE SET count = count + ?3",
    [S_SOURCE_SEL] = "SELECT id FROM sources WHERE name = ?1",
    [S_SOURCE_INS] = "INSERT OR IGNORE INTO sources(name) VALUES(?1)",
    [S_STATION_SEL] = "SELECT id FROM stations WHERE name = ?1",
    [S_STATION_INS] = "INSERT OR IGNORE INTO stations(name, rx) VALUES(?1, ?2)",
    [S_AIRCRAFT_PUT] = "INSERT OR REPLACE INTO aircraft(icao, registration, typecode, operator,"
                       " flags) VALUES(?1, upper(?2), ?3, ?4, ?5)",
    [S_EVENT_PUT] = "INSERT OR REPLACE INTO events(id, type, subject, peer, start_ms, end_ms,"
                    " lat, lon, score, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [S_EVIDENCE_DEL] = "DELETE FROM evidence WHERE event_id = ?1",
    [S_EVIDENCE_PUT] = "INSERT INTO evidence(event_id, seq, kind, input_id, pos, station_id,"
                       " t_ms, role) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_EVIDENCE_SEL] = "SELECT kind, input_id, pos, station_id, t_ms, role FROM evidence"
                       " WHERE event_id = ?1 ORDER BY seq",
    [S_INPUT_NAME] = "SELECT name, kind FROM inputs WHERE id = ?1",
    [S_INPUT_CHECK] = "SELECT name, kind, sha256, size FROM inputs WHERE id = ?1",
    [S_RAW_GET] = "SELECT data FROM evidence_raw WHERE input_id = ?1 AND pos = ?2",
    [S_RAW_PUT] = "INSERT OR IGNORE INTO evidence_raw(input_id, pos, data) VALUES(?1, ?2, ?3)",
    [S_REF_PUT] = "INSERT OR REPLACE INTO refs(kind, name, data) VALUES(?1, ?2, ?3)",
    [S_REF_GET] = "SELECT data FROM refs WHERE kind = ?1",
    [S_WATCH_ALERT_ADD] = "INSERT OR IGNORE INTO watch_alerts(id, t_ms, rule, subject, alert)"
                          " VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_WATCH_ALERT_DONE] = "UPDATE watch_alerts SET delivered = 1 WHERE id = ?1",
    [S_WATCH_STATE_PUT] = "INSERT OR REPLACE INTO watch_state(key, data) VALUES(?1, ?2)",
    [S_WATCH_STATE_DEL] = "DELETE FROM watch_state WHERE key = ?1",
    [S_POS_NEAR] = "SELECT t_ms, src, lat, lon, alt, motion FROM pos WHERE ident_id = ?1"
                   " AND t_ms BETWEEN ?2 AND ?3 ORDER BY t_ms, src",
    [S_POSRX_INS] = "INSERT OR IGNORE INTO pos_rx(ident_id, t_ms, src, station_id, dup_src)"
                    " VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_POSRX_SEL] = "SELECT DISTINCT station_id FROM pos_rx WHERE ident_id = ?1 AND t_ms = ?2"
                    " AND src = ?3 ORDER BY station_id",
    [S_POSRX_BY_SRC] = "SELECT dup_src, station_id FROM pos_rx WHERE src = ?1 ORDER BY dup_src",
    [S_INPUT_DEL_POSRX] = "DELETE FROM pos_rx WHERE dup_src BETWEEN ?1 AND ?2"
                          " OR src BETWEEN ?1 AND ?2",
};

void gt__store_set_err(struct gt_store *st, const char *what)
{
    int code = st->db != NULL ? sqlite3_errcode(st->db) : SQLITE_OK;

    if (code == SQLITE_FULL) {
        /* SQLite says "database or disk is full"; the database has no size
         * limit here, so it is the file system (or a quota) */
        snprintf(st->err, sizeof st->err,
                 "%s: disk full (%s): the last batch was rolled back, every batch committed "
                 "before it is kept; free space and run again to resume",
                 what, sqlite3_errmsg(st->db));
        return;
    }
    snprintf(st->err, sizeof st->err, "%s: %s", what,
             st->db != NULL ? sqlite3_errmsg(st->db) : "no database");
}

int gt__store_db_fail(struct gt_store *st, const char *what)
{
    gt__store_set_err(st, what);
    return GT_ERR_DB;
}

sqlite3_stmt *gt__store_get_stmt(struct gt_store *st, enum stmt_id id)
{
    sqlite3_stmt *s = st->st[id];

    if (s == NULL) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
            SQLITE_OK) {
            gt__store_set_err(st, "prepare");
            return NULL;
        }
        st->st[id] = s;
    }
    (void)sqlite3_reset(s);
    (void)sqlite3_clear_bindings(s);
    return s;
}

static int exec_simple(struct gt_store *st, enum stmt_id id)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, id);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, stmt_sql[id]);
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

/* Read PRAGMA user_version into *version.  Returns GT_OK, or GT_ERR_DB
 * when the file cannot be read at all (not a database, a WAL file that
 * cannot be opened). */
static int read_version(struct gt_store *st, int *version)
{
    sqlite3_stmt *s;
    int rc;

    *version = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "read schema version");
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *version = sqlite3_column_int(s, 0);
    } else if (rc != SQLITE_DONE) {
        gt__store_set_err(st, "read schema version");
        sqlite3_finalize(s);
        return GT_ERR_DB;
    }
    sqlite3_finalize(s);
    return GT_OK;
}

/* Steps of opening a shared file that SQLite may refuse with SQLITE_BUSY
 * without calling the busy handler (changing the journal mode, a WAL file
 * being recovered by another process): retried for up to ~10 s. */
#define BUSY_TRIES    200
#define BUSY_SLEEP_MS 50

static int exec_retry(struct gt_store *st, const char *sql)
{
    int rc = SQLITE_OK, i;

    for (i = 0; i < BUSY_TRIES; i++) {
        rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) {
            break;
        }
        (void)sqlite3_sleep(BUSY_SLEEP_MS);
    }
    return rc;
}

/* Bring the schema up to SCHEMA_VERSION.  Several processes may open a new
 * or old store at once (two ingests started together): the migration runs
 * under the write lock (BEGIN IMMEDIATE, waiting on the busy timeout) and
 * reads the version again once it holds it, so the one that comes second
 * finds the work done instead of creating the tables again. */
static int migrate(struct gt_store *st)
{
    int version = 0, rc;

    rc = read_version(st, &version);
    if (rc < 0) {
        return rc;
    }
    if (version > SCHEMA_VERSION) {
        snprintf(st->err, sizeof st->err, "database schema %d is newer than this program (%d)",
                 version, SCHEMA_VERSION);
        return GT_ERR_UNSUPPORTED;
    }
    if (version == SCHEMA_VERSION) {
        return GT_OK;
    }
    if (st->readonly && version >= READONLY_MIN_VERSION) {
        return GT_OK; /* only additive migrations missing: read as it is */
    }
    if (st->readonly) {
        snprintf(st->err, sizeof st->err, "database schema %d needs migrating; open it writable",
                 version);
        return GT_ERR_DB;
    }
    if (exec_retry(st, "BEGIN IMMEDIATE") != SQLITE_OK) {
        return gt__store_db_fail(st, "begin migration");
    }
    rc = read_version(st, &version);
    if (rc < 0 || version > SCHEMA_VERSION) {
        (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        if (rc == GT_OK) {
            snprintf(st->err, sizeof st->err, "database schema %d is newer than this program (%d)",
                     version, SCHEMA_VERSION);
            return GT_ERR_UNSUPPORTED;
        }
        return rc;
    }
    for (; version < SCHEMA_VERSION; version++) {
        char pragma[64];
        rc = sqlite3_exec(st->db, migrations[version], NULL, NULL, NULL);
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        if (rc != SQLITE_OK || sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            gt__store_set_err(st, "migrate schema");
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return GT_ERR_DB;
        }
    }
    if (exec_retry(st, "COMMIT") != SQLITE_OK) {
        gt__store_set_err(st, "commit migration");
        if (!sqlite3_get_autocommit(st->db)) {
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        }
        return GT_ERR_DB;
    }
    return GT_OK;
}

/* A read-only "file:" URI for path with immutable=1: SQLite then takes no
 * lock and needs no -shm file, which is how a WAL-mode store on read-only
 * media, or in a folder this user cannot write, can be read at all
 * (sqlite.org/wal.html, "read-only databases"; sqlite.org/uri.html).
 * Characters a URI gives a meaning to are %-escaped.  Caller frees. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path), i, o = 0;
    char *u = gt_malloc(n * 3 + 32);

    if (u == NULL) {
        return NULL;
    }
    memcpy(u, path[0] == '/' ? "file://" : "file:", path[0] == '/' ? 7 : 5);
    o = path[0] == '/' ? 7 : 5;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) {
            u[o++] = '%';
            u[o++] = hex[c >> 4];
            u[o++] = hex[c & 15];
        } else {
            u[o++] = (char)c;
        }
    }
    memcpy(u + o, "?immutable=1", 13);
    return u;
}

/* A read-only handle that cannot read the file as usual: a WAL-mode store
 * whose -shm file is missing and cannot be created (read-only media, a
 * folder this user cannot write; SQLite's own message is "unable to open
 * database file").  With no -wal file beside it every committed
 * transaction is in the main file (the last writer checkpointed and
 * removed the log on close), and a writer could not run in that folder
 * either, so it is read as immutable.  A -wal file left beside it holds
 * transactions the main file lacks: refused with the reason, never read
 * without them. */
static int open_immutable(struct gt_store *st, const char *path)
{
    char *wal, *uri;
    FILE *f;
    int rc;

    if (strcmp(path, ":memory:") == 0 || path[0] == '\0') {
        return GT_ERR_DB;
    }
    wal = gt_malloc(strlen(path) + 5);
    if (wal == NULL) {
        return GT_ERR_NOMEM;
    }
    memcpy(wal, path, strlen(path));
    memcpy(wal + strlen(path), "-wal", 5);
    f = fopen(wal, "rb");
    gt_free(wal);
    if (f != NULL) {
        fclose(f);
        snprintf(st->err, sizeof st->err,
                 "cannot read '%s' read-only: its write-ahead log '%s-wal' holds transactions "
                 "not yet in the database and this folder cannot be written; copy the store "
                 "with its -wal file to a writable folder",
                 path, path);
        return GT_ERR_DB;
    }
    uri = immutable_uri(path);
    if (uri == NULL) {
        return GT_ERR_NOMEM;
    }
    sqlite3_close(st->db);
    st->db = NULL;
    rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                         NULL);
    gt_free(uri);
    if (rc != SQLITE_OK) {
        gt__store_set_err(st, path);
        return GT_ERR_DB;
    }
    return GT_OK;
}

int gt_store_open(const char *path, unsigned flags, struct gt_store **out)
{
    struct gt_store *st;
    int oflags, rc;

    *out = NULL;
    st = gt_calloc(1, sizeof *st);
    if (st == NULL) {
        return GT_ERR_NOMEM;
    }
    *out = st;
    st->readonly = (flags & GT_STORE_READONLY) != 0;
    if (st->readonly) {
        oflags = SQLITE_OPEN_READONLY;
    } else {
        oflags = SQLITE_OPEN_READWRITE | ((flags & GT_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    }
    rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        int missing = rc == SQLITE_CANTOPEN && !(flags & GT_STORE_CREATE);
        gt__store_set_err(st, path);
        return missing ? GT_ERR_NOTFOUND : GT_ERR_DB;
    }
    (void)sqlite3_busy_timeout(st->db, 10000);
    if (st->readonly) {
        int version;
        if (read_version(st, &version) < 0) {
            rc = open_immutable(st, path);
            if (rc < 0) {
                return rc;
            }
        }
    } else {
        /* Checkpoint every 10,000 pages (40 MB) of log, not SQLite's
         * 1,000: a batch touches pages all over the positions B-tree, and
         * a page rewritten by several batches is copied back only once. */
        if (exec_retry(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                           " PRAGMA wal_autocheckpoint=10000;") != SQLITE_OK) {
            return gt__store_db_fail(st, "set WAL mode");
        }
    }
    (void)sqlite3_exec(st->db, "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;", NULL, NULL,
                       NULL);
    rc = migrate(st);
    if (rc < 0) {
        return rc;
    }
    rc = gt__store_sync_views(st);
    if (rc < 0) {
        return rc;
    }
    rc = gt__store_set_dir(st, path);
    if (rc < 0) {
        return rc;
    }
    st->icache = gt_calloc(ICACHE_MIN, sizeof *st->icache);
    st->icache_mask = ICACHE_MIN - 1;
    if (st->icache == NULL || gt__factagg_init(&st->facts, FACTS_MAX) < 0) {
        return GT_ERR_NOMEM;
    }
    return GT_OK;
}

void gt_store_close(struct gt_store *st)
{
    int i;

    if (st == NULL) {
        return;
    }
    /* staged positions written outside a batch still get committed */
    if (st->nstage > 0 && !st->in_txn && gt_store_begin(st) < 0) {
        st->nstage = 0;
    }
    if (st->in_txn && gt_store_commit(st) < 0) {
        st->in_txn = 0;
    }
    for (i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(st->st[i]);
    }
    sqlite3_finalize(st->pos_multi);
    sqlite3_close(st->db);
    gt_free(st->icache);
    gt_free(st->stage);
    gt_free(st->order);
    gt_free(st->order_tmp);
    gt_free(st->near);
    gt__factagg_free(&st->facts);
    gt__store_names_clear(st);
    gt__store_checks_free(st);
    gt_free(st);
}

const char *gt_store_errmsg(const struct gt_store *st)
{
    return st != NULL ? st->err : "";
}

void gt_store_filter_init(struct gt_store_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since_ms = GT_TIME_NONE;
    f->until_ms = GT_TIME_NONE;
}

void gt_event_filter_init(struct gt_event_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since_ms = GT_TIME_NONE;
    f->until_ms = GT_TIME_NONE;
}

int gt_store_begin(struct gt_store *st)
{
    int rc;

    if (st->in_txn) {
        return GT_OK;
    }
    rc = exec_simple(st, S_BEGIN);
    if (rc == GT_OK) {
        st->in_txn = 1;
    }
    return rc;
}

int gt_store_commit(struct gt_store *st)
{
    int rc;

    if (!st->in_txn) {
        return GT_OK;
    }
    rc = gt_store_flush(st);
    if (rc < 0) {
        return rc;
    }
    rc = exec_simple(st, S_COMMIT);
    if (rc == GT_OK) {
        st->in_txn = 0;
    }
    return rc;
}

int gt_store_rollback(struct gt_store *st)
{
    if (!st->in_txn) {
        return GT_OK;
    }
    st->in_txn = 0;
    st->nstage = 0;
    gt__factagg_clear(&st->facts);
    gt__store_names_clear(st);
    /* Ids created in the rolled-back transaction are gone. */
    memset(st->icache, 0, ((size_t)st->icache_mask + 1) * sizeof *st->icache);
    st->icache_used = 0;
    /* After a full disk, an I/O error or running out of memory SQLite may
     * have rolled the transaction back itself (sqlite.org/lang_transaction
     * .html, "response to errors within a transaction"): a ROLLBACK then
     * fails with "no transaction is active" and would replace the message
     * that names the cause. */
    if (sqlite3_get_autocommit(st->db)) {
        return GT_OK;
    }
    return exec_simple(st, S_ROLLBACK);
}
