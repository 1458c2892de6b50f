/*
 * store_int.h - private to src/store: the position stage (stage.c), the
 * identity fact sums (factagg.c), the handle, the prepared statement ids,
 * the in-memory caches, the small conversions every part uses, and the
 * functions the parts share (store.c, write.c, poscodec.c, read.c,
 * events.c, evidence.c).
 */
#ifndef GT_STORE_INT_H
#define GT_STORE_INT_H

#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/obs.h"
#include "ghosttrack/store.h"

struct gt_io_file;

/* ---- stage.c: positions staged in memory until the next flush, and the
 * order they are inserted in. */

/* Columns of table pos: ident_id, t_ms, src, lat, lon, misc, alt, motion,
 * ext. */
#define GT__POS_NCOLS 9

struct gt__staged {
    int64_t v[GT__POS_NCOLS];
    uint32_t nulls; /* bit k: column k is NULL */
};

/* Fill order[0..n) with the indices of rows sorted by key (ident_id, t_ms,
 * src), equal keys in arrival order.  Identity ids are small and dense, so
 * this is a counting sort by identity followed by a check of each
 * identity's run, which a time-ordered feed leaves sorted; an unsorted run
 * is merge-sorted (so is everything when the ids are too sparse to count
 * or memory is short).  tmp holds n indices. */
void gt__stage_order(const struct gt__staged *rows, size_t n, uint32_t *order, uint32_t *tmp);

/* ---- factagg.c: identity facts summed in memory between flushes, so a
 * vessel repeating its static report every six minutes costs one database
 * upsert per batch, not one per report.
 *
 * Rows merge by the same rules as the facts table: count adds; first is
 * the earliest time (the first record seen wins a tie); last is the
 * latest time (the last record seen wins a tie); the station is the one
 * of the first record.  Records without a time never move first or last. */

struct gt__fact_row {
    int64_t ident_id;
    int field;
    char value[GT_IDENT_VALUE_MAX];
    int64_t first_ms, last_ms; /* GT_TIME_NONE when no record had a time */
    uint32_t first_input, last_input, station_id;
    uint64_t first_pos, last_pos, count;
};

struct gt__factagg {
    struct gt__fact_row *rows; /* rows[0..n), insertion order */
    uint32_t *slots;           /* open addressing: row index + 1, 0 = empty */
    size_t mask;               /* slots - 1: a power of two at least 2 * max, minus one */
    size_t n, max;
};

/* Room for max distinct facts.  Returns GT_OK or GT_ERR_NOMEM. */
int gt__factagg_init(struct gt__factagg *a, size_t max);
void gt__factagg_free(struct gt__factagg *a);

/* Fold io (of identity row ident_id) in.  Returns GT_OK, or GT_ERR_TOOBIG
 * when it is a new fact and the table is full: flush, clear, retry. */
int gt__factagg_add(struct gt__factagg *a, int64_t ident_id, const struct gt_ident_obs *io);

/* Forget every row. */
void gt__factagg_clear(struct gt__factagg *a);

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
    S_INPUT_RESET,
    S_INPUT_DEL_POS,
    S_INPUT_DEL_FACTS,
    S_INPUT_DEL_REJECTS,
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
    S_INPUT_CHECK,
    S_RAW_GET,
    S_RAW_PUT,
    S_REF_PUT,
    S_REF_GET,
    S_WATCH_ALERT_ADD,
    S_WATCH_ALERT_DONE,
    S_WATCH_STATE_PUT,
    S_WATCH_STATE_DEL,
    S_POS_NEAR,
    S_POSRX_INS,
    S_POSRX_SEL,
    S_POSRX_BY_SRC,
    S_INPUT_DEL_POSRX,
    S_COUNT
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

/* What one run found out about an input file (evidence.c): checked once,
 * then every evidence read reuses the verdict and the open file. */
struct input_check {
    int state;            /* 0 not checked, 1 verified, else the negative error */
    char *path;           /* owned: the file that verified */
    struct gt_io_file *f; /* a gzip input open on path, or NULL */
    int fd;               /* a plain input open on path (pread), or -1 */
};

/* Inputs whose verdict is cached (ids above are checked every time). */
#define CHECKS_MAX (1u << 20)

/* Duplicates across receivers (write.c): a staged position is a copy of
 * one already stored, or staged before it, when it has the same identity,
 * the same latitude, longitude, altitude and motion, and a time within
 * GT__DUP_WINDOW_MS.  The copy is not stored again: its receiver and record
 * go to pos_rx, the receiver set of the position kept. */
#define GT__DUP_WINDOW_MS 2000
#define GT__NEAR_MAX      65536 /* stored positions compared per identity and flush */

struct gt__near {
    int64_t t_ms, src, lat, lon, alt, motion; /* alt, motion INT64_MIN when NULL */
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
    uint64_t dupes;        /* positions ignored as already stored, cumulative */
    struct gt__near *near; /* stored positions near a staged run (dedupe) */
    size_t near_cap;
    char *dir;                  /* folder of the database file ("." when none given); owned */
    struct input_check *checks; /* by input id, checks_n entries */
    uint32_t checks_n;
};

/* Validity flags that a NULL column cannot carry live in misc. */
#define MISC_GROUND        (1u << 10)
#define MISC_NAVSTAT       (1u << 11)
#define MISC_POS_ACC       (1u << 12)
#define MISC_TIME          (1u << 13)
#define MISC_STATION_SHIFT 14 /* station id in the bits above */
#define MOTION_SPD(m)      ((m)&32767)
#define MOTION_CRS(m)      (((m) >> 15) & 4095)
#define MOTION_HDG(m)      (((m) >> 27) & 4095)

/* ---- small conversions ---- */

static inline int64_t deg_e7(double d)
{
    return (int64_t)llround(d * 1e7);
}

static inline double e7_deg(int64_t v)
{
    return (double)v / 1e7;
}

static inline int64_t tenths(float v)
{
    return (int64_t)llroundf(v * 10.0f);
}

static inline float from_tenths(int64_t v)
{
    return (float)v / 10.0f;
}

static inline uint32_t col_u32(sqlite3_stmt *s, int i)
{
    return (uint32_t)sqlite3_column_int64(s, i);
}

static inline int32_t col_i32(sqlite3_stmt *s, int i)
{
    return (int32_t)sqlite3_column_int64(s, i);
}

static inline uint64_t col_u64(sqlite3_stmt *s, int i)
{
    return (uint64_t)sqlite3_column_int64(s, i);
}

static inline int64_t u64_i64(uint64_t v)
{
    return v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static inline const char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t != NULL ? (const char *)t : "";
}

/* store.c */
int gt__store_schema_version(void);
/* Write the lookup views event_types and fact_fields when they are missing
 * or differ from the program's name tables (views.c); nothing on a
 * read-only handle.  Returns GT_OK, GT_ERR_DB or GT_ERR_NOMEM. */
int gt__store_sync_views(struct gt_store *st);

int gt__store_db_fail(struct gt_store *st, const char *what);
sqlite3_stmt *gt__store_get_stmt(struct gt_store *st, enum stmt_id id);
void gt__store_set_err(struct gt_store *st, const char *what);

/* evidence.c */
int gt__store_set_dir(struct gt_store *st, const char *db_path);
void gt__store_checks_free(struct gt_store *st);
int gt__store_keep_evidence(struct gt_store *st, const struct gt_event *e);

/* write.c */
int gt__store_ident_id(struct gt_store *st, const struct gt_ident *id, int create, int64_t *out);
void gt__store_names_clear(struct gt_store *st);

/* poscodec.c */
int64_t gt__store_pack_ext(const struct gt_obs *o);
unsigned gt__store_pack_misc(const struct gt_obs *o);
int64_t gt__store_pack_motion(const struct gt_obs *o);
uint32_t gt__store_unpack_flags(unsigned misc, int has_alt, int64_t motion);

#endif /* GT_STORE_INT_H */
