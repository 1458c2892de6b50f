/*
 * store.c - the SQLite evidence store (C API of SQLite 3, WAL mode).
 *
 * The schema is embedded below and versioned in PRAGMA user_version; open
 * applies every migration after the file's version, in order, inside one
 * transaction.  Statements are prepared once per handle.  Positions live in
 * a narrow WITHOUT ROWID table clustered on (identity, time, input, offset):
 * integer coordinates in 1e-7 degree, times in ms, so a one-identity time
 * window is one B-tree range scan and re-inserting a record is a no-op.
 * docs/STORE.md documents every table.
 */
#include "ghosttrack/store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

#include "factagg.h"
#include "stage.h"

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
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

enum stmt_id {
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_IDENT_INS,
    S_IDENT_SEL,
    S_POS_INS,
    S_FACT_UPS,
    S_INPUT_BY_HASH,
    S_INPUT_INS,
    S_INPUT_MARK,
    S_REJECT_ADD,
    S_SOURCE_SEL,
    S_SOURCE_INS,
    S_STATION_SEL,
    S_STATION_INS,
    S_AIRCRAFT_PUT,
    S_EVENT_PUT,
    S_EVIDENCE_DEL,
    S_EVIDENCE_PUT,
    S_EVIDENCE_SEL,
    S_INPUT_NAME,
    S_REF_PUT,
    S_REF_GET,
    S_COUNT
};

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
    [S_INPUT_BY_HASH] = "SELECT id, done_pos, complete FROM inputs WHERE sha256 = ?1",
    [S_INPUT_INS] = "INSERT INTO inputs(kind, name, sha256, size, format, source_id)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [S_INPUT_MARK] = "UPDATE inputs SET done_pos = max(done_pos, ?2), complete = max(complete,"
                     " ?3), accepted = accepted + ?4 WHERE id = ?1",
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
    [S_REF_PUT] = "INSERT OR REPLACE INTO refs(kind, name, data) VALUES(?1, ?2, ?3)",
    [S_REF_GET] = "SELECT data FROM refs WHERE kind = ?1",
};

/* Positions are staged in memory and inserted sorted by primary key when
 * the batch is flushed (at commit, before a read, or when the stage is
 * full): consecutive inserts then land on the same B-tree leaf.  They go
 * POS_ROWS rows to a statement, which halves SQLite's cost per row.
 * Column values in table pos order; bit k of nulls marks column k + 1
 * NULL. */
/* Measured and left out (build/bench/ingest, 2 x 10^6 positions): 16 KiB
 * pages (about 15 % slower: every page a batch touches is logged whole),
 * 16 or 64 rows per statement instead of 32 (no clear gain), an
 * INSERT ... SELECT from a virtual table over the stage (no gain over
 * multi-row VALUES), a larger page cache or memory-mapped reads (no gain). */
#define STAGE_MIN 4096
#define STAGE_MAX 524288
#define POS_NCOLS GT__POS_NCOLS
#define POS_ROWS  32

/* Distinct identity facts summed in memory before a flush. */
#define FACTS_MAX 8192

/* src = input id << SRC_SHIFT | offset: offsets below 1 TiB. */
#define SRC_SHIFT    40
#define SRC_POS_MASK ((INT64_C(1) << SRC_SHIFT) - 1)

/* Identity id cache: open addressing on (kind, value, flags), linear
 * probing, doubled when half full so every identity seen stays cached. */
#define ICACHE_MIN (1u << 16)

struct icache_slot {
    uint32_t key_value;
    uint16_t key_kind; /* kind | flags << 4; 0 = empty */
    uint32_t id;
};

/* Station ids by name: tag blocks name a station on every line. */
struct name_slot {
    char *name; /* owned; NULL = empty */
    uint32_t id;
};

struct gt_store {
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    int in_txn;
    int readonly;
    char err[256];
    struct icache_slot *icache;
    uint32_t icache_mask; /* slots - 1, a power of two minus one */
    uint32_t icache_used;
    sqlite3_stmt *pos_multi;     /* POS_ROWS-row insert into pos */
    struct gt__staged *stage;    /* positions waiting for the next flush */
    uint32_t *order, *order_tmp; /* insert order of the stage */
    size_t stage_cap;            /* rows allocated, up to STAGE_MAX */
    struct gt__factagg facts;    /* facts waiting for the next flush */
    struct name_slot *stations;  /* station name -> id, open addressing */
    uint32_t stations_mask, stations_used;
    size_t nstage;
    uint64_t dupes; /* positions ignored as already stored, cumulative */
};

static void names_clear(struct gt_store *st);

static void set_err(struct gt_store *st, const char *what)
{
    snprintf(st->err, sizeof st->err, "%s: %s", what,
             st->db != NULL ? sqlite3_errmsg(st->db) : "no database");
}

static int db_fail(struct gt_store *st, const char *what)
{
    set_err(st, what);
    return GT_ERR_DB;
}

static sqlite3_stmt *get_stmt(struct gt_store *st, enum stmt_id id)
{
    sqlite3_stmt *s = st->st[id];

    if (s == NULL) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
            SQLITE_OK) {
            set_err(st, "prepare");
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
    sqlite3_stmt *s = get_stmt(st, id);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return db_fail(st, stmt_sql[id]);
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

static int migrate(struct gt_store *st)
{
    sqlite3_stmt *s;
    int version = 0, rc;

    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "read schema version");
    }
    if (sqlite3_step(s) == SQLITE_ROW) {
        version = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    if (version > SCHEMA_VERSION) {
        snprintf(st->err, sizeof st->err, "database schema %d is newer than this program (%d)",
                 version, SCHEMA_VERSION);
        return GT_ERR_UNSUPPORTED;
    }
    if (version == SCHEMA_VERSION) {
        return GT_OK;
    }
    if (st->readonly) {
        snprintf(st->err, sizeof st->err, "database schema %d needs migrating; open it writable",
                 version);
        return GT_ERR_DB;
    }
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        return db_fail(st, "begin migration");
    }
    for (; version < SCHEMA_VERSION; version++) {
        char pragma[64];
        rc = sqlite3_exec(st->db, migrations[version], NULL, NULL, NULL);
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        if (rc != SQLITE_OK || sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            set_err(st, "migrate schema");
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return GT_ERR_DB;
        }
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        return db_fail(st, "commit migration");
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
        set_err(st, path);
        return missing ? GT_ERR_NOTFOUND : GT_ERR_DB;
    }
    (void)sqlite3_busy_timeout(st->db, 10000);
    if (!st->readonly) {
        /* Checkpoint every 10,000 pages (40 MB) of log, not SQLite's
         * 1,000: a batch touches pages all over the positions B-tree, and
         * a page rewritten by several batches is copied back only once. */
        if (sqlite3_exec(st->db,
                         "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                         " PRAGMA wal_autocheckpoint=10000;",
                         NULL, NULL, NULL) != SQLITE_OK) {
            return db_fail(st, "set WAL mode");
        }
    }
    (void)sqlite3_exec(st->db, "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;", NULL, NULL,
                       NULL);
    rc = migrate(st);
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
    gt__factagg_free(&st->facts);
    names_clear(st);
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
    names_clear(st);
    /* Ids created in the rolled-back transaction are gone. */
    memset(st->icache, 0, ((size_t)st->icache_mask + 1) * sizeof *st->icache);
    st->icache_used = 0;
    return exec_simple(st, S_ROLLBACK);
}

/* ---- small conversions ---- */

static int64_t deg_e7(double d)
{
    return (int64_t)llround(d * 1e7);
}

static double e7_deg(int64_t v)
{
    return (double)v / 1e7;
}

static int64_t tenths(float v)
{
    return (int64_t)llroundf(v * 10.0f);
}

static float from_tenths(int64_t v)
{
    return (float)v / 10.0f;
}

static uint32_t col_u32(sqlite3_stmt *s, int i)
{
    return (uint32_t)sqlite3_column_int64(s, i);
}

static int32_t col_i32(sqlite3_stmt *s, int i)
{
    return (int32_t)sqlite3_column_int64(s, i);
}

static uint64_t col_u64(sqlite3_stmt *s, int i)
{
    return (uint64_t)sqlite3_column_int64(s, i);
}

static int64_t u64_i64(uint64_t v)
{
    return v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t != NULL ? (const char *)t : "";
}

/* ---- identities ---- */

static uint16_t ident_tag(const struct gt_ident *id)
{
    return (uint16_t)(((unsigned)id->kind & 15u) | ((id->flags & 0xfffu) << 4));
}

static uint32_t icache_hash(uint32_t value, uint16_t tag)
{
    uint32_t h = (value * 2654435761u) ^ tag;
    return h ^ (h >> 16);
}

/* Insert without checking for the key; the table has a free slot. */
static void icache_put(struct icache_slot *tab, uint32_t mask, uint16_t tag, uint32_t value,
                       uint32_t id)
{
    uint32_t i = icache_hash(value, tag) & mask;

    while (tab[i].key_kind != 0) {
        i = (i + 1) & mask;
    }
    tab[i].key_kind = tag;
    tab[i].key_value = value;
    tab[i].id = id;
}

/* Remember id; a failed doubling only costs lookups later. */
static void icache_add(struct gt_store *st, uint16_t tag, uint32_t value, uint32_t id)
{
    if (st->icache_used + 1 > (st->icache_mask + 1) / 2) {
        uint32_t nmask = st->icache_mask * 2 + 1, i;
        struct icache_slot *n =
            nmask < st->icache_mask ? NULL : gt_calloc((size_t)nmask + 1, sizeof *n);
        if (n == NULL) {
            return;
        }
        for (i = 0; i <= st->icache_mask; i++) {
            if (st->icache[i].key_kind != 0) {
                icache_put(n, nmask, st->icache[i].key_kind, st->icache[i].key_value,
                           st->icache[i].id);
            }
        }
        gt_free(st->icache);
        st->icache = n;
        st->icache_mask = nmask;
    }
    icache_put(st->icache, st->icache_mask, tag, value, id);
    st->icache_used++;
}

static int ident_id(struct gt_store *st, const struct gt_ident *id, int create, int64_t *out)
{
    uint16_t tag = ident_tag(id);
    uint32_t i = icache_hash(id->value, tag) & st->icache_mask;
    sqlite3_stmt *s;
    int rc;

    for (; st->icache[i].key_kind != 0; i = (i + 1) & st->icache_mask) {
        if (st->icache[i].key_kind == tag && st->icache[i].key_value == id->value) {
            *out = st->icache[i].id;
            return GT_OK;
        }
    }
    if (create) {
        s = get_stmt(st, S_IDENT_INS);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_int(s, 1, (int)id->kind);
        sqlite3_bind_int64(s, 2, id->value);
        sqlite3_bind_int64(s, 3, id->flags);
        if (sqlite3_step(s) != SQLITE_DONE) {
            return db_fail(st, "insert identity");
        }
    }
    s = get_stmt(st, S_IDENT_SEL);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int(s, 1, (int)id->kind);
    sqlite3_bind_int64(s, 2, id->value);
    sqlite3_bind_int64(s, 3, id->flags);
    rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        return GT_ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW) {
        return db_fail(st, "select identity");
    }
    *out = sqlite3_column_int64(s, 0);
    (void)sqlite3_reset(s);
    icache_add(st, tag, id->value, (uint32_t)*out);
    return GT_OK;
}

/* ---- inputs, sources, stations ---- */

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

static void names_clear(struct gt_store *st)
{
    uint32_t i;

    for (i = 0; st->stations != NULL && i <= st->stations_mask; i++) {
        gt_free(st->stations[i].name);
    }
    gt_free(st->stations);
    st->stations = NULL;
    st->stations_mask = 0;
    st->stations_used = 0;
}

static int names_find(const struct gt_store *st, const char *name, uint32_t *id)
{
    uint32_t i;

    if (st->stations == NULL) {
        return 0;
    }
    for (i = name_hash(name) & st->stations_mask; st->stations[i].name != NULL;
         i = (i + 1) & st->stations_mask) {
        if (strcmp(st->stations[i].name, name) == 0) {
            *id = st->stations[i].id;
            return 1;
        }
    }
    return 0;
}

static void names_put(struct name_slot *tab, uint32_t mask, char *name, uint32_t id)
{
    uint32_t i = name_hash(name) & mask;

    while (tab[i].name != NULL) {
        i = (i + 1) & mask;
    }
    tab[i].name = name;
    tab[i].id = id;
}

/* Remember name -> id; failing to (out of memory) only costs lookups. */
static void names_add(struct gt_store *st, const char *name, uint32_t id)
{
    size_t len = strlen(name) + 1;
    char *copy;

    if (st->stations == NULL || st->stations_used + 1 > (st->stations_mask + 1) / 2) {
        uint32_t nmask = st->stations == NULL ? 63 : st->stations_mask * 2 + 1, i;
        struct name_slot *n = gt_calloc((size_t)nmask + 1, sizeof *n);
        if (n == NULL) {
            return;
        }
        for (i = 0; st->stations != NULL && i <= st->stations_mask; i++) {
            if (st->stations[i].name != NULL) {
                names_put(n, nmask, st->stations[i].name, st->stations[i].id);
            }
        }
        gt_free(st->stations);
        st->stations = n;
        st->stations_mask = nmask;
    }
    copy = gt_malloc(len);
    if (copy != NULL) {
        memcpy(copy, name, len);
        names_put(st->stations, st->stations_mask, copy, id);
        st->stations_used++;
    }
}

static int named_id(struct gt_store *st, enum stmt_id ins, enum stmt_id sel, const char *name,
                    int rx, uint32_t *id)
{
    sqlite3_stmt *s = get_stmt(st, ins);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (ins == S_STATION_INS) {
        sqlite3_bind_int(s, 2, rx);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "insert name");
    }
    s = get_stmt(st, sel);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_ROW) {
        return db_fail(st, "select name");
    }
    *id = col_u32(s, 0);
    (void)sqlite3_reset(s);
    return GT_OK;
}

int gt_store_source_ensure(struct gt_store *st, const char *name, uint32_t *id)
{
    return named_id(st, S_SOURCE_INS, S_SOURCE_SEL, name, 0, id);
}

int gt_store_station_ensure(struct gt_store *st, const char *name, enum gt_rx_class rx,
                            uint32_t *id)
{
    int rc;

    if (names_find(st, name, id)) {
        return GT_OK;
    }
    rc = named_id(st, S_STATION_INS, S_STATION_SEL, name, (int)rx, id);
    if (rc == GT_OK) {
        names_add(st, name, *id);
    }
    return rc;
}

uint32_t gt_store_source_id(struct gt_store *st, const char *name)
{
    sqlite3_stmt *s = get_stmt(st, S_SOURCE_SEL);
    uint32_t id = 0;

    if (s == NULL) {
        return 0;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        id = col_u32(s, 0);
    }
    (void)sqlite3_reset(s);
    return id;
}

int gt_store_input_open(struct gt_store *st, enum gt_prov_kind kind, const char *name,
                        const char *hash, uint64_t size, const char *format, uint32_t source_id,
                        struct gt_store_input *in)
{
    sqlite3_stmt *s;

    memset(in, 0, sizeof *in);
    if (hash != NULL) {
        s = get_stmt(st, S_INPUT_BY_HASH);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW) {
            in->id = col_u32(s, 0);
            in->done_pos = col_u64(s, 1);
            in->complete = sqlite3_column_int(s, 2);
            (void)sqlite3_reset(s);
            return GT_OK;
        }
        (void)sqlite3_reset(s);
    }
    s = get_stmt(st, S_INPUT_INS);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int(s, 1, (int)kind);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
    if (hash != NULL) {
        sqlite3_bind_text(s, 3, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 4, u64_i64(size));
    }
    if (format != NULL) {
        sqlite3_bind_text(s, 5, format, -1, SQLITE_TRANSIENT);
    }
    if (source_id != 0) {
        sqlite3_bind_int64(s, 6, source_id);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "insert input");
    }
    in->id = (uint32_t)sqlite3_last_insert_rowid(st->db);
    return GT_OK;
}

int gt_store_input_mark(struct gt_store *st, uint32_t input_id, uint64_t done_pos, int complete,
                        uint64_t accepted)
{
    sqlite3_stmt *s = get_stmt(st, S_INPUT_MARK);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    sqlite3_bind_int64(s, 2, u64_i64(done_pos));
    sqlite3_bind_int(s, 3, complete ? 1 : 0);
    sqlite3_bind_int64(s, 4, u64_i64(accepted));
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "mark input");
    }
    return GT_OK;
}

int gt_store_add_rejects(struct gt_store *st, uint32_t input_id, const char *reason, uint64_t count)
{
    sqlite3_stmt *s = get_stmt(st, S_REJECT_ADD);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    sqlite3_bind_text(s, 2, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, u64_i64(count));
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "add rejects");
    }
    return GT_OK;
}

/* ---- positions and facts ---- */

/* Validity flags that a NULL column cannot carry live in misc. */
#define MISC_GROUND        (1u << 10)
#define MISC_NAVSTAT       (1u << 11)
#define MISC_POS_ACC       (1u << 12)
#define MISC_TIME          (1u << 13)
#define MISC_STATION_SHIFT 14 /* station id in the bits above */

/* The rarely present fields share one column, NULL when none is set:
 * bits 0-2 say which of GNSS altitude, vertical rate and rate of turn
 * follow; bits 3-22 GNSS altitude ft + 2^19, bits 23-39 vertical rate
 * ft/min + 2^16, bits 40-55 rate of turn in 0.1 deg/min + 2^15 (each
 * clamped to its range). */
static int64_t clamp_bias(int64_t v, int bits)
{
    int64_t half = (int64_t)1 << (bits - 1);

    if (v < -half) {
        v = -half;
    } else if (v > half - 1) {
        v = half - 1;
    }
    return v + half;
}

static int64_t pack_ext(const struct gt_obs *o)
{
    int64_t e = 0;

    if (o->flags & GT_OBS_GNSS_ALT) {
        e |= 1 | (clamp_bias(o->gnss_alt_ft, 20) << 3);
    }
    if (o->flags & GT_OBS_VRATE) {
        e |= 2 | (clamp_bias((int64_t)llroundf(o->vrate_fpm), 17) << 23);
    }
    if (o->flags & GT_OBS_ROT) {
        e |= 4 | (clamp_bias(tenths(o->rot_deg_min), 16) << 40);
    }
    return e;
}

static unsigned pack_misc(const struct gt_obs *o)
{
    return (o->on_ground ? 1u : 0u) | (((unsigned)o->nav_status & 15u) << 1) |
           (((unsigned)o->pos_how & 7u) << 5) | (((unsigned)o->rx & 3u) << 8) |
           ((o->flags & GT_OBS_GROUND) ? MISC_GROUND : 0u) |
           ((o->flags & GT_OBS_NAVSTAT) ? MISC_NAVSTAT : 0u) |
           ((o->flags & GT_OBS_POS_ACC) ? MISC_POS_ACC : 0u) |
           ((o->flags & GT_OBS_TIME) ? MISC_TIME : 0u);
}

/* Speed, course and heading share one column, NULL when none is set:
 * bits 0-14 speed in 0.1 kn + 1, bits 15-26 course and bits 27-38
 * heading in 0.1 deg + 1, each 0 when absent (clamped to its range). */
#define MOTION_SPD(m) ((m)&32767)
#define MOTION_CRS(m) (((m) >> 15) & 4095)
#define MOTION_HDG(m) (((m) >> 27) & 4095)

static int64_t motion_field(int64_t tenth, int64_t max)
{
    return (tenth < 0 ? 0 : tenth > max ? max : tenth) + 1;
}

static int64_t pack_motion(const struct gt_obs *o)
{
    int64_t m = 0;

    if (o->flags & GT_OBS_SPEED) {
        m |= motion_field(tenths(o->speed_kn), 32766);
    }
    if (o->flags & GT_OBS_COURSE) {
        m |= motion_field(tenths(o->course_deg), 4094) << 15;
    }
    if (o->flags & GT_OBS_HEADING) {
        m |= motion_field(tenths(o->heading_deg), 4094) << 27;
    }
    return m;
}

/* Rebuild the validity flags of a stored position from misc, motion and
 * whether alt is NULL. */
static uint32_t unpack_flags(unsigned misc, int has_alt, int64_t motion)
{
    uint32_t f = GT_OBS_POS;

    f |= has_alt ? (uint32_t)GT_OBS_ALT : 0u;
    f |= MOTION_SPD(motion) != 0 ? (uint32_t)GT_OBS_SPEED : 0u;
    f |= MOTION_CRS(motion) != 0 ? (uint32_t)GT_OBS_COURSE : 0u;
    f |= MOTION_HDG(motion) != 0 ? (uint32_t)GT_OBS_HEADING : 0u;
    f |= (misc & MISC_GROUND) ? (uint32_t)GT_OBS_GROUND : 0u;
    f |= (misc & MISC_NAVSTAT) ? (uint32_t)GT_OBS_NAVSTAT : 0u;
    f |= (misc & MISC_POS_ACC) ? (uint32_t)GT_OBS_POS_ACC : 0u;
    f |= (misc & MISC_TIME) ? (uint32_t)GT_OBS_TIME : 0u;
    return f;
}

/* The POS_ROWS-row insert, prepared on first use. */
static sqlite3_stmt *pos_multi_stmt(struct gt_store *st)
{
    char sql[64 + POS_ROWS * (4 * POS_NCOLS + 4)];
    size_t n;
    int r, k;

    if (st->pos_multi != NULL) {
        return st->pos_multi;
    }
    n = (size_t)snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO pos VALUES");
    for (r = 0; r < POS_ROWS; r++) {
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(", r > 0 ? "," : "");
        for (k = 0; k < POS_NCOLS; k++) {
            n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?", k > 0 ? "," : "");
        }
        n += (size_t)snprintf(sql + n, sizeof sql - n, ")");
    }
    if (sqlite3_prepare_v3(st->db, sql, (int)n, SQLITE_PREPARE_PERSISTENT, &st->pos_multi, NULL) !=
        SQLITE_OK) {
        set_err(st, "prepare position insert");
        st->pos_multi = NULL;
    }
    return st->pos_multi;
}

static void bind_staged(sqlite3_stmt *s, int first, const struct gt__staged *r)
{
    int k;

    for (k = 0; k < POS_NCOLS; k++) {
        if (r->nulls & (1u << k)) {
            sqlite3_bind_null(s, first + k);
        } else {
            sqlite3_bind_int64(s, first + k, r->v[k]);
        }
    }
}

static int flush_facts(struct gt_store *st)
{
    size_t i;

    for (i = 0; i < st->facts.n; i++) {
        const struct gt__fact_row *f = &st->facts.rows[i];
        sqlite3_stmt *s = get_stmt(st, S_FACT_UPS);
        if (s == NULL) {
            gt__factagg_clear(&st->facts);
            return GT_ERR_DB;
        }
        sqlite3_bind_int64(s, 1, f->ident_id);
        sqlite3_bind_int(s, 2, f->field);
        sqlite3_bind_text(s, 3, f->value, -1, SQLITE_STATIC);
        if (f->first_ms != GT_TIME_NONE) {
            sqlite3_bind_int64(s, 4, f->first_ms);
            sqlite3_bind_int64(s, 5, f->last_ms);
        }
        sqlite3_bind_int64(s, 6, u64_i64(f->count));
        sqlite3_bind_int64(s, 7, f->first_input);
        sqlite3_bind_int64(s, 8, u64_i64(f->first_pos));
        sqlite3_bind_int64(s, 9, f->last_input);
        sqlite3_bind_int64(s, 10, u64_i64(f->last_pos));
        if (f->station_id != 0) {
            sqlite3_bind_int64(s, 11, f->station_id);
        }
        if (sqlite3_step(s) != SQLITE_DONE) {
            (void)sqlite3_reset(s);
            gt__factagg_clear(&st->facts);
            return db_fail(st, "upsert fact");
        }
        (void)sqlite3_reset(s);
    }
    gt__factagg_clear(&st->facts);
    return GT_OK;
}

int gt_store_flush(struct gt_store *st)
{
    sqlite3_stmt *one, *multi;
    size_t i, rows, r;

    if (st->facts.n > 0 && flush_facts(st) < 0) {
        st->nstage = 0;
        return GT_ERR_DB;
    }
    if (st->nstage == 0) {
        return GT_OK;
    }
    gt__stage_order(st->stage, st->nstage, st->order, st->order_tmp);
    multi = pos_multi_stmt(st);
    one = get_stmt(st, S_POS_INS);
    if (multi == NULL || one == NULL) {
        st->nstage = 0;
        return GT_ERR_DB;
    }
    for (i = 0; i < st->nstage; i += rows) {
        sqlite3_stmt *s = st->nstage - i >= POS_ROWS ? multi : one;
        rows = s == multi ? POS_ROWS : 1;
        for (r = 0; r < rows && i + POS_ROWS + r < st->nstage; r++) {
            __builtin_prefetch(&st->stage[st->order[i + POS_ROWS + r]]); /* the next statement's */
        }
        for (r = 0; r < rows; r++) {
            bind_staged(s, 1 + (int)r * POS_NCOLS, &st->stage[st->order[i + r]]);
        }
        if (sqlite3_step(s) != SQLITE_DONE) {
            (void)sqlite3_reset(s);
            st->nstage = 0;
            return db_fail(st, "insert position");
        }
        st->dupes += rows - (size_t)sqlite3_changes(st->db);
        (void)sqlite3_reset(s);
    }
    st->nstage = 0;
    return GT_OK;
}

uint64_t gt_store_duplicates(const struct gt_store *st)
{
    return st->dupes;
}

/* Double the stage (and its order arrays) from STAGE_MIN to STAGE_MAX. */
static int grow_stage(struct gt_store *st)
{
    size_t cap = st->stage_cap == 0 ? STAGE_MIN : st->stage_cap * 2;
    struct gt__staged *rows = gt_realloc(st->stage, cap * sizeof *rows);
    uint32_t *o1, *o2;

    if (rows == NULL) {
        return GT_ERR_NOMEM;
    }
    st->stage = rows;
    o1 = gt_realloc(st->order, cap * sizeof *o1);
    if (o1 == NULL) {
        return GT_ERR_NOMEM;
    }
    st->order = o1;
    o2 = gt_realloc(st->order_tmp, cap * sizeof *o2);
    if (o2 == NULL) {
        return GT_ERR_NOMEM;
    }
    st->order_tmp = o2;
    st->stage_cap = cap;
    return GT_OK;
}

int gt_store_put_obs(struct gt_store *st, const struct gt_obs *o)
{
    struct gt__staged *r;
    int64_t iid;
    int rc;

    if (!(o->flags & GT_OBS_POS) || o->t_ms == GT_TIME_NONE || o->id.kind == GT_ID_NONE ||
        !(o->lat_deg >= -90.0 && o->lat_deg <= 90.0) ||
        !(o->lon_deg >= -180.0 && o->lon_deg <= 180.0) || o->prov.pos > (uint64_t)SRC_POS_MASK ||
        o->prov.input_id >= (1u << (63 - SRC_SHIFT))) {
        return GT_ERR_INVAL;
    }
    rc = ident_id(st, &o->id, 1, &iid);
    if (rc < 0) {
        return rc;
    }
    if (st->nstage == st->stage_cap) {
        rc = st->stage_cap < STAGE_MAX ? grow_stage(st) : gt_store_flush(st);
        if (rc < 0) {
            return rc;
        }
    }
    r = &st->stage[st->nstage++];
    r->nulls = 0;
    r->v[0] = iid;
    r->v[1] = o->t_ms;
    r->v[2] = ((int64_t)o->prov.input_id << SRC_SHIFT) | (int64_t)o->prov.pos;
    r->v[3] = deg_e7(o->lat_deg);
    r->v[4] = deg_e7(o->lon_deg);
    r->v[5] = (int64_t)pack_misc(o) | ((int64_t)o->station_id << MISC_STATION_SHIFT);
    if (o->flags & GT_OBS_ALT) {
        r->v[6] = o->alt_ft;
    } else {
        r->nulls |= 1u << 6;
    }
    r->v[7] = pack_motion(o);
    if (r->v[7] == 0) {
        r->nulls |= 1u << 7;
    }
    if (o->flags & (GT_OBS_GNSS_ALT | GT_OBS_VRATE | GT_OBS_ROT)) {
        r->v[8] = pack_ext(o);
    } else {
        r->nulls |= 1u << 8;
    }
    return GT_OK;
}

int gt_store_put_fact(struct gt_store *st, const struct gt_ident_obs *io)
{
    int64_t iid;
    int rc;

    if (io->id.kind == GT_ID_NONE || io->value[0] == '\0') {
        return GT_ERR_INVAL;
    }
    rc = ident_id(st, &io->id, 1, &iid);
    if (rc < 0) {
        return rc;
    }
    rc = gt__factagg_add(&st->facts, iid, io);
    if (rc == GT_ERR_TOOBIG) {
        rc = flush_facts(st);
        if (rc == GT_OK) {
            rc = gt__factagg_add(&st->facts, iid, io);
        }
    }
    return rc;
}

int gt_store_aircraft_put(struct gt_store *st, uint32_t icao24, const char *registration,
                          const char *typecode, const char *op, unsigned flags)
{
    sqlite3_stmt *s = get_stmt(st, S_AIRCRAFT_PUT);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, icao24);
    if (registration != NULL && registration[0] != '\0') {
        sqlite3_bind_text(s, 2, registration, -1, SQLITE_TRANSIENT);
    }
    if (typecode != NULL && typecode[0] != '\0') {
        sqlite3_bind_text(s, 3, typecode, -1, SQLITE_TRANSIENT);
    }
    if (op != NULL && op[0] != '\0') {
        sqlite3_bind_text(s, 4, op, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(s, 5, flags);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "insert aircraft");
    }
    return GT_OK;
}

/* ---- loading ---- */

struct input_info {
    uint8_t kind;
    uint32_t source_id;
};

static int load_inputs(struct gt_store *st, struct input_info **out, size_t *n)
{
    sqlite3_stmt *s;
    struct input_info *v = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT id, kind, coalesce(source_id, 0) FROM inputs", -1, &s,
                           NULL) != SQLITE_OK) {
        return db_fail(st, "select inputs");
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        uint32_t id = col_u32(s, 0);
        if (id >= cap) {
            size_t ncap = (size_t)id + 64;
            struct input_info *nv = gt_realloc(v, ncap * sizeof *v);
            if (nv == NULL) {
                sqlite3_finalize(s);
                gt_free(v);
                return GT_ERR_NOMEM;
            }
            memset(nv + cap, 0, (ncap - cap) * sizeof *v);
            v = nv;
            cap = ncap;
        }
        v[id].kind = (uint8_t)sqlite3_column_int(s, 1);
        v[id].source_id = col_u32(s, 2);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        gt_free(v);
        return db_fail(st, "select inputs");
    }
    *out = v;
    *n = cap;
    return GT_OK;
}

#define POS_COLS                                                                                   \
    "SELECT i.kind, i.value, i.flags, p.t_ms, p.lat, p.lon, p.misc, p.alt, p.motion, p.src"
#define POS_WHERE                                                                                  \
    " p.t_ms >= ?2 AND p.t_ms <= ?3 AND (?4 = 0 OR (p.lat BETWEEN ?5 AND ?6 AND"                   \
    " ((?7 <= ?8 AND p.lon BETWEEN ?7 AND ?8) OR (?7 > ?8 AND (p.lon >= ?7 OR p.lon <= ?8)))))"

static void bind_window(sqlite3_stmt *s, const struct gt_store_filter *f)
{
    sqlite3_bind_int64(s, 2, f->since_ms == GT_TIME_NONE ? INT64_MIN : f->since_ms);
    sqlite3_bind_int64(s, 3, f->until_ms == GT_TIME_NONE ? INT64_MAX : f->until_ms);
    sqlite3_bind_int(s, 4, f->has_bbox ? 1 : 0);
    sqlite3_bind_int64(s, 5, deg_e7(f->south_deg));
    sqlite3_bind_int64(s, 6, deg_e7(f->north_deg));
    sqlite3_bind_int64(s, 7, deg_e7(f->west_deg));
    sqlite3_bind_int64(s, 8, deg_e7(f->east_deg));
}

static int read_points(struct gt_store *st, sqlite3_stmt *s, const struct input_info *inputs,
                       size_t ninputs, uint32_t source_id, struct gt_fleet *fleet)
{
    int rc;

    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct gt_ident id;
        struct gt_point p;
        struct gt_track *t;
        unsigned misc;
        int64_t misc64, motion, src = sqlite3_column_int64(s, 9);
        uint32_t in_id = (uint32_t)(src >> SRC_SHIFT);

        if (source_id != 0 && (in_id >= ninputs || inputs[in_id].source_id != source_id)) {
            continue;
        }
        memset(&p, 0, sizeof p);
        id.kind = (enum gt_id_kind)sqlite3_column_int(s, 0);
        id.value = col_u32(s, 1);
        id.flags = (unsigned)sqlite3_column_int(s, 2);
        p.t_ms = sqlite3_column_int64(s, 3);
        p.lat_deg = e7_deg(sqlite3_column_int64(s, 4));
        p.lon_deg = e7_deg(sqlite3_column_int64(s, 5));
        misc64 = sqlite3_column_int64(s, 6);
        misc = (unsigned)(misc64 & ((1 << MISC_STATION_SHIFT) - 1));
        p.alt_ft = col_i32(s, 7);
        motion = sqlite3_column_int64(s, 8);
        p.flags = unpack_flags(misc, sqlite3_column_type(s, 7) != SQLITE_NULL, motion);
        p.speed_kn = MOTION_SPD(motion) != 0 ? from_tenths(MOTION_SPD(motion) - 1) : 0.0f;
        p.course_deg = MOTION_CRS(motion) != 0 ? from_tenths(MOTION_CRS(motion) - 1) : 0.0f;
        p.heading_deg = MOTION_HDG(motion) != 0 ? from_tenths(MOTION_HDG(motion) - 1) : 0.0f;
        p.on_ground = (uint8_t)(misc & 1u);
        p.nav_status = (uint8_t)((misc >> 1) & 15u);
        p.rx = (enum gt_rx_class)((misc >> 8) & 3u);
        p.station_id = (uint32_t)(misc64 >> MISC_STATION_SHIFT);
        p.prov.input_id = in_id;
        p.prov.pos = (uint64_t)(src & SRC_POS_MASK);
        p.prov.kind =
            in_id < ninputs && inputs[in_id].kind == GT_PROV_STREAM ? GT_PROV_STREAM : GT_PROV_FILE;
        p.source_id = in_id < ninputs ? inputs[in_id].source_id : 0;
        t = gt_fleet_track(fleet, id);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        rc = gt_track_push(t, &p);
        if (rc == GT_ERR_NOMEM) {
            return rc;
        }
    }
    if (rc != SQLITE_DONE) {
        return db_fail(st, "select positions");
    }
    return GT_OK;
}

static int load_facts(struct gt_store *st, int64_t iid, struct gt_fleet *fleet)
{
    sqlite3_stmt *s;
    int rc;
    const char *sql =
        "SELECT i.kind, i.value, i.flags, f.field, f.value, f.first_ms, f.last_ms,"
        " f.first_input, f.first_pos, f.last_input, f.last_pos, coalesce(f.station_id, 0),"
        " (SELECT kind FROM inputs WHERE id = f.first_input),"
        " (SELECT kind FROM inputs WHERE id = f.last_input)"
        " FROM facts f JOIN identities i ON i.id = f.ident_id WHERE ?1 = 0 OR f.ident_id = ?1";

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "select facts");
    }
    sqlite3_bind_int64(s, 1, iid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct gt_ident_obs io;
        int k;

        memset(&io, 0, sizeof io);
        io.id.kind = (enum gt_id_kind)sqlite3_column_int(s, 0);
        io.id.value = col_u32(s, 1);
        io.id.flags = (unsigned)sqlite3_column_int(s, 2);
        io.field = (enum gt_ident_field)sqlite3_column_int(s, 3);
        snprintf(io.value, sizeof io.value, "%s", col_text(s, 4));
        io.station_id = col_u32(s, 11);
        for (k = 0; k < 2; k++) {
            if (k == 1 && sqlite3_column_int64(s, 5) == sqlite3_column_int64(s, 6)) {
                break;
            }
            io.t_ms = sqlite3_column_type(s, 5 + k) == SQLITE_NULL ? GT_TIME_NONE
                                                                   : sqlite3_column_int64(s, 5 + k);
            io.prov.input_id = col_u32(s, 7 + 2 * k);
            io.prov.pos = col_u64(s, 8 + 2 * k);
            io.prov.kind =
                sqlite3_column_int(s, 12 + k) == GT_PROV_STREAM ? GT_PROV_STREAM : GT_PROV_FILE;
            rc = gt_fleet_add_fact(fleet, &io);
            if (rc < 0) {
                sqlite3_finalize(s);
                return rc;
            }
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? GT_OK : db_fail(st, "select facts");
}

int gt_store_load_fleet(struct gt_store *st, const struct gt_store_filter *f,
                        struct gt_fleet *fleet)
{
    struct input_info *inputs = NULL;
    size_t ninputs = 0, i;
    uint32_t source_id = 0;
    sqlite3_stmt *s = NULL;
    int rc;

    if (f->max_points > 0) {
        fleet->max_points = f->max_points;
    }
    rc = gt_store_flush(st);
    if (rc < 0) {
        return rc;
    }
    if (f->source != NULL) {
        source_id = gt_store_source_id(st, f->source);
        if (source_id == 0) {
            gt_fleet_sort(fleet);
            return GT_OK;
        }
    }
    rc = load_inputs(st, &inputs, &ninputs);
    if (rc < 0) {
        return rc;
    }
    if (f->nids > 0) {
        if (sqlite3_prepare_v2(st->db,
                               POS_COLS " FROM pos p JOIN identities i ON i.id = p.ident_id"
                                        " WHERE p.ident_id = ?1 AND" POS_WHERE,
                               -1, &s, NULL) != SQLITE_OK) {
            rc = db_fail(st, "prepare track query");
            goto out;
        }
        for (i = 0; i < f->nids; i++) {
            int64_t iid;
            rc = ident_id(st, &f->ids[i], 0, &iid);
            if (rc == GT_ERR_NOTFOUND) {
                rc = GT_OK;
                continue;
            }
            if (rc < 0) {
                goto out;
            }
            (void)sqlite3_reset(s);
            sqlite3_bind_int64(s, 1, iid);
            bind_window(s, f);
            rc = read_points(st, s, inputs, ninputs, source_id, fleet);
            if (rc == GT_OK) {
                rc = load_facts(st, iid, fleet);
            }
            if (rc < 0) {
                goto out;
            }
        }
    } else {
        if (sqlite3_prepare_v2(st->db,
                               POS_COLS " FROM pos p JOIN identities i ON i.id = p.ident_id"
                                        " WHERE ?1 = 0 AND" POS_WHERE,
                               -1, &s, NULL) != SQLITE_OK) {
            rc = db_fail(st, "prepare export query");
            goto out;
        }
        sqlite3_bind_int(s, 1, 0);
        bind_window(s, f);
        rc = read_points(st, s, inputs, ninputs, source_id, fleet);
        if (rc == GT_OK) {
            rc = load_facts(st, 0, fleet);
        }
    }
out:
    sqlite3_finalize(s);
    gt_free(inputs);
    gt_fleet_sort(fleet);
    return rc;
}

int gt_store_count_positions(struct gt_store *st, uint64_t *n)
{
    sqlite3_stmt *s;
    int rc = gt_store_flush(st);

    if (rc < 0) {
        return rc;
    }
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM pos", -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "count positions");
    }
    rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? col_u64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? GT_OK : db_fail(st, "count positions");
}

/* ---- events ---- */

static int ident_text(const struct gt_ident *id, char *buf)
{
    return gt_ident_format(id, buf, GT_IDENT_MAX);
}

int gt_store_put_event(struct gt_store *st, const struct gt_event *e)
{
    sqlite3_stmt *s;
    char subj[GT_IDENT_MAX], peer[GT_IDENT_MAX];
    size_t i;

    if (ident_text(&e->subject, subj) < 0) {
        snprintf(subj, sizeof subj, "%s", "");
    }
    s = get_stmt(st, S_EVENT_PUT);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, e->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, (int)e->type);
    sqlite3_bind_text(s, 3, subj, -1, SQLITE_TRANSIENT);
    if (e->peer.kind != GT_ID_NONE && ident_text(&e->peer, peer) >= 0) {
        sqlite3_bind_text(s, 4, peer, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(s, 5, e->start_ms);
    sqlite3_bind_int64(s, 6, e->end_ms);
    if (e->has_pos) {
        sqlite3_bind_double(s, 7, e->lat_deg);
        sqlite3_bind_double(s, 8, e->lon_deg);
    }
    sqlite3_bind_double(s, 9, e->score);
    sqlite3_bind_text(s, 10, gt_buf_len(&e->detail) ? gt_buf_str(&e->detail) : "{}", -1,
                      SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "insert event");
    }
    s = get_stmt(st, S_EVIDENCE_DEL);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, e->id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "delete evidence");
    }
    for (i = 0; i < e->nev && i < GT_EVENT_MAX_EVIDENCE; i++) {
        const struct gt_evidence *ev = &e->ev[i];
        s = get_stmt(st, S_EVIDENCE_PUT);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_text(s, 1, e->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int(s, 3, (int)ev->prov.kind);
        sqlite3_bind_int64(s, 4, ev->prov.input_id);
        sqlite3_bind_int64(s, 5, u64_i64(ev->prov.pos));
        sqlite3_bind_int64(s, 6, ev->station_id);
        sqlite3_bind_int64(s, 7, ev->t_ms);
        sqlite3_bind_text(s, 8, ev->role, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) != SQLITE_DONE) {
            return db_fail(st, "insert evidence");
        }
    }
    return GT_OK;
}

/* Append "?,?,?" placeholders... instead, types are matched in C. */
static int type_wanted(const char *types, int type)
{
    const char *name = gt_event_type_name((enum gt_event_type)type);
    size_t n;

    if (types == NULL) {
        return 1;
    }
    if (name == NULL) {
        return 0;
    }
    n = strlen(name);
    while (*types != '\0') {
        const char *comma = strchr(types, ',');
        size_t len = comma != NULL ? (size_t)(comma - types) : strlen(types);
        if (len == n && memcmp(types, name, n) == 0) {
            return 1;
        }
        if (comma == NULL) {
            break;
        }
        types = comma + 1;
    }
    return 0;
}

int gt_store_clear_events(struct gt_store *st, const char *types)
{
    int t, rc;
    char sql[160];

    for (t = 1; t <= GT_EVENT_TYPE_MAX; t++) {
        if (!type_wanted(types, t)) {
            continue;
        }
        snprintf(sql, sizeof sql,
                 "DELETE FROM evidence WHERE event_id IN (SELECT id FROM events WHERE type = %d);"
                 "DELETE FROM events WHERE type = %d;",
                 t, t);
        rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            return db_fail(st, "clear events");
        }
    }
    return GT_OK;
}

static int parse_ident_col(sqlite3_stmt *s, int i, struct gt_ident *id)
{
    const char *t = col_text(s, i);

    memset(id, 0, sizeof *id);
    if (t[0] == '\0') {
        return GT_OK;
    }
    return gt_ident_parse(t, strlen(t), id);
}

int gt_store_events(struct gt_store *st, const struct gt_event_filter *f, gt_event_fn *cb, void *ud)
{
    sqlite3_stmt *s, *ev;
    char subj[GT_IDENT_MAX] = "";
    size_t emitted = 0;
    int rc = GT_OK, step;
    const char *sql =
        "SELECT id, type, subject, peer, start_ms, end_ms, lat, lon, score, detail FROM events"
        " WHERE end_ms >= ?1 AND start_ms <= ?2 AND (?3 = '' OR subject = ?3 OR peer = ?3)"
        " AND (?4 = 0 OR (lat IS NOT NULL AND lat BETWEEN ?5 AND ?6 AND ((?7 <= ?8 AND lon"
        " BETWEEN ?7 AND ?8) OR (?7 > ?8 AND (lon >= ?7 OR lon <= ?8)))))"
        " ORDER BY start_ms, id";

    if (f->subject != NULL && ident_text(f->subject, subj) < 0) {
        return GT_OK;
    }
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "select events");
    }
    sqlite3_bind_int64(s, 1, f->since_ms == GT_TIME_NONE ? INT64_MIN : f->since_ms);
    sqlite3_bind_int64(s, 2, f->until_ms == GT_TIME_NONE ? INT64_MAX : f->until_ms);
    sqlite3_bind_text(s, 3, subj, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 4, f->has_bbox ? 1 : 0);
    sqlite3_bind_double(s, 5, f->south_deg);
    sqlite3_bind_double(s, 6, f->north_deg);
    sqlite3_bind_double(s, 7, f->west_deg);
    sqlite3_bind_double(s, 8, f->east_deg);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct gt_event e;
        int type = sqlite3_column_int(s, 1);

        if (!type_wanted(f->types, type)) {
            continue;
        }
        gt_event_init(&e, (enum gt_event_type)type);
        snprintf(e.id, sizeof e.id, "%s", col_text(s, 0));
        if (parse_ident_col(s, 2, &e.subject) < 0 || parse_ident_col(s, 3, &e.peer) < 0) {
            gt_event_release(&e);
            continue;
        }
        e.start_ms = sqlite3_column_int64(s, 4);
        e.end_ms = sqlite3_column_int64(s, 5);
        if (sqlite3_column_type(s, 6) != SQLITE_NULL) {
            e.has_pos = 1;
            e.lat_deg = sqlite3_column_double(s, 6);
            e.lon_deg = sqlite3_column_double(s, 7);
        }
        e.score = sqlite3_column_double(s, 8);
        rc = gt_buf_addstr(&e.detail, col_text(s, 9));
        ev = rc == GT_OK ? get_stmt(st, S_EVIDENCE_SEL) : NULL;
        if (ev != NULL) {
            sqlite3_bind_text(ev, 1, e.id, -1, SQLITE_TRANSIENT);
            while (sqlite3_step(ev) == SQLITE_ROW) {
                struct gt_prov p;
                p.kind = (enum gt_prov_kind)sqlite3_column_int(ev, 0);
                p.input_id = col_u32(ev, 1);
                p.pos = col_u64(ev, 2);
                (void)gt_event_add_evidence(&e, &p, col_u32(ev, 3), sqlite3_column_int64(ev, 4),
                                            col_text(ev, 5));
            }
            (void)sqlite3_reset(ev);
            rc = cb(&e, ud);
        } else if (rc == GT_OK) {
            rc = GT_ERR_DB;
        }
        gt_event_release(&e);
        if (rc < 0) {
            break;
        }
        if (f->limit > 0 && ++emitted >= f->limit) {
            break;
        }
    }
    if (rc == GT_OK && step != SQLITE_DONE && step != SQLITE_ROW) {
        rc = db_fail(st, "select events");
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- reference blobs ---- */

int gt_store_ref_put(struct gt_store *st, const char *kind, const char *name, const void *p,
                     size_t n)
{
    sqlite3_stmt *s = get_stmt(st, S_REF_PUT);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob64(s, 3, n > 0 ? p : "", (sqlite3_uint64)n, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return db_fail(st, "store reference");
    }
    return GT_OK;
}

int gt_store_ref_get(struct gt_store *st, const char *kind, void **p, size_t *n)
{
    sqlite3_stmt *s = get_stmt(st, S_REF_GET);
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
        return db_fail(st, "read reference");
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
    sqlite3_stmt *s = get_stmt(st, S_INPUT_NAME);
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
        return db_fail(st, "resolve");
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
        return db_fail(st, "resolve");
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

/* ---- summary ---- */

static int summary_query(struct gt_store *st, struct gt_buf *out, const char *title,
                         const char *sql)
{
    sqlite3_stmt *s;
    int rc, ncol, i, any = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "summary");
    }
    ncol = sqlite3_column_count(s);
    rc = gt_buf_addf(out, "%s\n", title);
    while (rc == GT_OK && sqlite3_step(s) == SQLITE_ROW) {
        any = 1;
        rc = gt_buf_addstr(out, "  ");
        for (i = 0; i < ncol && rc == GT_OK; i++) {
            const char *t = col_text(s, i);
            if (i > 0) {
                rc = gt_buf_addstr(out, "  ");
            }
            if (rc == GT_OK) {
                rc = gt_esc_text(out, t, strlen(t));
            }
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(out, "\n");
        }
    }
    if (rc == GT_OK && !any) {
        rc = gt_buf_addstr(out, "  (none)\n");
    }
    sqlite3_finalize(s);
    return rc;
}

static int scalar(struct gt_store *st, const char *sql, int64_t *v, int *isnull)
{
    sqlite3_stmt *s;
    int rc;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return db_fail(st, "summary");
    }
    rc = sqlite3_step(s);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    *isnull = rc != SQLITE_ROW || sqlite3_column_type(s, 0) == SQLITE_NULL;
    sqlite3_finalize(s);
    return GT_OK;
}

int gt_store_summary(struct gt_store *st, struct gt_buf *out)
{
    static const struct {
        const char *label, *sql;
    } counts[] = {
        {"inputs", "SELECT count(*) FROM inputs"},
        {"files complete", "SELECT count(*) FROM inputs WHERE kind = 1 AND complete = 1"},
        {"files incomplete", "SELECT count(*) FROM inputs WHERE kind = 1 AND complete = 0"},
        {"streams", "SELECT count(*) FROM inputs WHERE kind = 2"},
        {"identities", "SELECT count(*) FROM identities"},
        {"vessels (mmsi)", "SELECT count(*) FROM identities WHERE kind = 1"},
        {"aircraft (icao)", "SELECT count(*) FROM identities WHERE kind = 2"},
        {"positions", "SELECT count(*) FROM pos"},
        {"identity facts", "SELECT count(*) FROM facts"},
        {"aircraft database", "SELECT count(*) FROM aircraft"},
        {"events", "SELECT count(*) FROM events"},
        {"rejected records", "SELECT coalesce(sum(count), 0) FROM rejects"},
    };
    size_t i;
    int64_t v, lo, hi;
    int isnull, isnull2, rc;
    char a[GT_TIME_ISO_MAX], b[GT_TIME_ISO_MAX];

    rc = gt_store_flush(st);
    if (rc == GT_OK) {
        rc = gt_buf_addf(out, "schema version: %d\n", SCHEMA_VERSION);
    }
    for (i = 0; i < sizeof counts / sizeof counts[0] && rc == GT_OK; i++) {
        rc = scalar(st, counts[i].sql, &v, &isnull);
        if (rc == GT_OK) {
            rc = gt_buf_addf(out, "%s: %lld\n", counts[i].label, (long long)v);
        }
    }
    if (rc == GT_OK) {
        rc = scalar(st, "SELECT min(t_ms) FROM pos", &lo, &isnull);
    }
    if (rc == GT_OK) {
        rc = scalar(st, "SELECT max(t_ms) FROM pos", &hi, &isnull2);
    }
    if (rc == GT_OK) {
        if (isnull || isnull2 || gt_time_format_iso(lo, a, sizeof a, 0) < 0 ||
            gt_time_format_iso(hi, b, sizeof b, 0) < 0) {
            rc = gt_buf_addstr(out, "time span: (none)\n");
        } else {
            rc = gt_buf_addf(out, "time span: %s .. %s\n", a, b);
        }
    }
    if (rc == GT_OK) {
        rc = summary_query(
            st, out, "sources (name, inputs, accepted records):",
            "SELECT coalesce(s.name, '(unnamed)'), count(*), sum(i.accepted) FROM inputs i"
            " LEFT JOIN sources s ON s.id = i.source_id GROUP BY 1 ORDER BY 1");
    }
    if (rc == GT_OK) {
        rc = summary_query(st, out, "formats (format, inputs, accepted records):",
                           "SELECT coalesce(format, '?'), count(*), sum(accepted) FROM inputs"
                           " GROUP BY 1 ORDER BY 1");
    }
    if (rc == GT_OK) {
        rc = summary_query(st, out, "rejects by reason:",
                           "SELECT reason, sum(count) FROM rejects GROUP BY 1 ORDER BY 1");
    }
    return rc;
}
