/*
 * write.c - the store's write path: identity, source, station and input
 * ids (cached in memory, created on first sight), positions staged in
 * memory and flushed sorted by primary key in multi-row inserts, identity
 * facts summed in memory between flushes (factagg.c), aircraft records.
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

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

int gt__store_ident_id(struct gt_store *st, const struct gt_ident *id, int create, int64_t *out)
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
        s = gt__store_get_stmt(st, S_IDENT_INS);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_int(s, 1, (int)id->kind);
        sqlite3_bind_int64(s, 2, id->value);
        sqlite3_bind_int64(s, 3, id->flags);
        if (sqlite3_step(s) != SQLITE_DONE) {
            return gt__store_db_fail(st, "insert identity");
        }
    }
    s = gt__store_get_stmt(st, S_IDENT_SEL);
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
        return gt__store_db_fail(st, "select identity");
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

void gt__store_names_clear(struct gt_store *st)
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
    sqlite3_stmt *s = gt__store_get_stmt(st, ins);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (ins == S_STATION_INS) {
        sqlite3_bind_int(s, 2, rx);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "insert name");
    }
    s = gt__store_get_stmt(st, sel);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_ROW) {
        return gt__store_db_fail(st, "select name");
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
    sqlite3_stmt *s = gt__store_get_stmt(st, S_SOURCE_SEL);
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
        s = gt__store_get_stmt(st, S_INPUT_BY_HASH);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW) {
            in->id = col_u32(s, 0);
            in->done_pos = col_u64(s, 1);
            in->complete = sqlite3_column_int(s, 2);
            in->accepted = col_u64(s, 3);
            in->found = 1;
            snprintf(in->format, sizeof in->format, "%s", (const char *)sqlite3_column_text(s, 4));
            (void)sqlite3_reset(s);
            return GT_OK;
        }
        (void)sqlite3_reset(s);
    }
    s = gt__store_get_stmt(st, S_INPUT_INS);
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
        return gt__store_db_fail(st, "insert input");
    }
    in->id = (uint32_t)sqlite3_last_insert_rowid(st->db);
    if (format != NULL) {
        snprintf(in->format, sizeof in->format, "%s", format);
    }
    return GT_OK;
}

/* Run one of the reset statements with input_id as ?1 and k[0..nk) as ?2...
 * (the position deletes: the src range's end, the identity and its time
 * range; the fact steps: the identity). */
static int reset_step(struct gt_store *st, enum stmt_id id, int64_t a, const int64_t *k, int nk,
                      const char *what)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, id);
    int i;

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, a);
    for (i = 0; i < nk; i++) {
        sqlite3_bind_int64(s, 2 + i, k[i]);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, what);
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

/* Delete the records of input_id one identity of input_span at a time,
 * each a key range: its positions (pos by ident_id and the time range),
 * the receiver copies (pos_rx, the range widened by GT__DUP_WINDOW_MS: a
 * copy carries the time of the position it duplicates), and its share of
 * the facts (S_FACTSRC_*, fact_src by ident_id); then the spans.  Facts
 * stored before the store kept shares (schema 7) and held by this input
 * alone are deleted whole.  *removed counts the positions. */
static int drop_input(struct gt_store *st, uint32_t input_id, uint64_t *removed)
{
    static const enum stmt_id fact_steps[] = {S_FACTSRC_SUB, S_FACTSRC_EMPTY, S_FACTSRC_FIRST,
                                              S_FACTSRC_LAST, S_FACTSRC_DEL};
    int64_t lo = (int64_t)input_id << SRC_SHIFT, k[4];
    sqlite3_stmt *sel = gt__store_get_stmt(st, S_SPAN_SEL);
    int rc = GT_OK, r;
    size_t i;

    if (sel == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(sel, 1, input_id);
    k[0] = lo | SRC_POS_MASK;
    while (rc == GT_OK && (r = sqlite3_step(sel)) == SQLITE_ROW) {
        k[1] = sqlite3_column_int64(sel, 0);
        k[2] = sqlite3_column_int64(sel, 1);
        k[3] = sqlite3_column_int64(sel, 2);
        if (k[2] <= k[3]) {
            rc = reset_step(st, S_INPUT_DEL_POS, lo, k, 4, "delete input positions");
            if (rc == GT_OK && removed != NULL) {
                *removed += (uint64_t)sqlite3_changes(st->db);
            }
            k[2] -= GT__DUP_WINDOW_MS;
            k[3] += GT__DUP_WINDOW_MS;
            if (rc == GT_OK) {
                rc = reset_step(st, S_INPUT_DEL_POSRX, lo, k, 4, "delete input receivers");
            }
        }
        for (i = 0; i < sizeof fact_steps / sizeof fact_steps[0] && rc == GT_OK; i++) {
            rc = reset_step(st, fact_steps[i], input_id, &k[1], 1, "delete input facts");
        }
    }
    if (rc == GT_OK && r != SQLITE_DONE) {
        rc = gt__store_db_fail(st, "read input spans");
    }
    (void)sqlite3_reset(sel);
    if (rc == GT_OK) {
        rc = reset_step(st, S_INPUT_DEL_FACTS, input_id, NULL, 0, "delete input facts");
    }
    if (rc == GT_OK) {
        rc = reset_step(st, S_SPAN_DEL, input_id, NULL, 0, "delete input spans");
    }
    return rc;
}

int gt_store_input_reset(struct gt_store *st, uint32_t input_id, const char *format,
                         int drop_records, uint64_t *removed)
{
    sqlite3_stmt *s;
    int rc;

    if (removed != NULL) {
        *removed = 0;
    }
    /* staged rows of this input would be written after the delete */
    rc = gt_store_flush(st);
    if (rc == GT_OK && drop_records) {
        rc = drop_input(st, input_id, removed);
    }
    if (rc == GT_OK) {
        rc = reset_step(st, S_INPUT_DEL_REJECTS, input_id, NULL, 0, "delete input rejects");
    }
    if (rc < 0) {
        return rc;
    }
    s = gt__store_get_stmt(st, S_INPUT_RESET);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    if (format != NULL) {
        sqlite3_bind_text(s, 2, format, -1, SQLITE_TRANSIENT);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, "reset input");
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

int gt_store_input_mark(struct gt_store *st, uint32_t input_id, uint64_t done_pos, int complete,
                        uint64_t accepted)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_INPUT_MARK);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    sqlite3_bind_int64(s, 2, u64_i64(done_pos));
    sqlite3_bind_int(s, 3, complete ? 1 : 0);
    sqlite3_bind_int64(s, 4, u64_i64(accepted));
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "mark input");
    }
    return GT_OK;
}

int gt_store_add_rejects(struct gt_store *st, uint32_t input_id, const char *reason, uint64_t count)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_REJECT_ADD);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input_id);
    sqlite3_bind_text(s, 2, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, u64_i64(count));
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "add rejects");
    }
    return GT_OK;
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
        gt__store_set_err(st, "prepare position insert");
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

/* Upsert the fact row f with statement id (S_FACT_UPS: the facts row,
 * S_FACTSRC_UPS: its input's share). */
static int put_fact_row(struct gt_store *st, enum stmt_id id, const struct gt__fact_row *f)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, id);

    if (s == NULL) {
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
    if (f->station_id != 0 && id == S_FACT_UPS) {
        sqlite3_bind_int64(s, 11, f->station_id);
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, "upsert fact");
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

static int put_span(struct gt_store *st, int64_t input, int64_t iid, int64_t lo, int64_t hi);

/* Write the facts summed since the last flush: each row, its input's share
 * and the identity's entry in input_span (an empty time range: a fact
 * widens no position range). */
static int flush_facts(struct gt_store *st)
{
    size_t i;
    int rc = GT_OK;

    for (i = 0; i < st->facts.n && rc == GT_OK; i++) {
        const struct gt__fact_row *f = &st->facts.rows[i];
        rc = put_fact_row(st, S_FACT_UPS, f);
        if (rc == GT_OK) {
            rc = put_fact_row(st, S_FACTSRC_UPS, f);
        }
        if (rc == GT_OK && (i == 0 || f->ident_id != f[-1].ident_id || f->input != f[-1].input)) {
            rc = put_span(st, f->input, f->ident_id, INT64_MAX, INT64_MIN);
        }
    }
    gt__factagg_clear(&st->facts);
    return rc;
}

static void near_key(const struct gt__staged *r, struct gt__near *k)
{
    k->t_ms = r->v[1];
    k->src = r->v[2];
    k->lat = r->v[3];
    k->lon = r->v[4];
    k->alt = (r->nulls & (1u << 6)) ? INT64_MIN : r->v[6];
    k->motion = (r->nulls & (1u << 7)) ? INT64_MIN : r->v[7];
}

static int same_fix(const struct gt__near *a, const struct gt__near *b)
{
    return a->lat == b->lat && a->lon == b->lon && a->alt == b->alt && a->motion == b->motion;
}

/* Load the stored positions of identity iid in [lo, hi] into st->near. */
static int load_near(struct gt_store *st, int64_t iid, int64_t lo, int64_t hi, size_t *n)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_POS_NEAR);
    int rc;

    *n = 0;
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, iid);
    sqlite3_bind_int64(s, 2, lo);
    sqlite3_bind_int64(s, 3, hi);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < GT__NEAR_MAX) {
        struct gt__near *k;
        if (*n == st->near_cap) {
            size_t cap = st->near_cap == 0 ? 64 : st->near_cap * 2;
            struct gt__near *p = gt_realloc(st->near, cap * sizeof *p);
            if (p == NULL) {
                (void)sqlite3_reset(s);
                return GT_ERR_NOMEM;
            }
            st->near = p;
            st->near_cap = cap;
        }
        k = &st->near[(*n)++];
        k->t_ms = sqlite3_column_int64(s, 0);
        k->src = sqlite3_column_int64(s, 1);
        k->lat = sqlite3_column_int64(s, 2);
        k->lon = sqlite3_column_int64(s, 3);
        k->alt = sqlite3_column_type(s, 4) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(s, 4);
        k->motion =
            sqlite3_column_type(s, 5) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(s, 5);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, "read positions near");
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

/* Record that the staged row r is a copy of the position kept. */
static int put_rx(struct gt_store *st, int64_t iid, const struct gt__near *kept,
                  const struct gt__staged *r)
{
    sqlite3_stmt *s;

    st->dupes++;
    if (r->v[2] == kept->src) {
        return GT_OK; /* the same record again (a resumed input) */
    }
    s = gt__store_get_stmt(st, S_POSRX_INS);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, iid);
    sqlite3_bind_int64(s, 2, kept->t_ms);
    sqlite3_bind_int64(s, 3, kept->src);
    sqlite3_bind_int64(s, 4, r->v[5] >> MISC_STATION_SHIFT);
    sqlite3_bind_int64(s, 5, r->v[2]);
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, "insert receiver");
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

/* Drop from the (ordered) stage every position that duplicates one stored
 * or staged before it (GT__DUP_WINDOW_MS), recording its receiver; *nkeep
 * is the count of rows left at the front of st->order. */
static int dedupe(struct gt_store *st, size_t *nkeep)
{
    size_t a = 0, b, i, keep = 0, nnear, j;
    int rc;

    while (a < st->nstage) {
        int64_t iid = st->stage[st->order[a]].v[0];
        size_t lo = 0, first = keep;
        for (b = a; b < st->nstage && st->stage[st->order[b]].v[0] == iid; b++) {
        }
        rc = load_near(st, iid, st->stage[st->order[a]].v[1] - GT__DUP_WINDOW_MS,
                       st->stage[st->order[b - 1]].v[1] + GT__DUP_WINDOW_MS, &nnear);
        if (rc < 0) {
            return rc;
        }
        for (i = a; i < b; i++) {
            const struct gt__staged *r = &st->stage[st->order[i]];
            struct gt__near k, kk;
            const struct gt__near *found = NULL;
            near_key(r, &k);
            while (lo < nnear && st->near[lo].t_ms < k.t_ms - GT__DUP_WINDOW_MS) {
                lo++;
            }
            for (j = lo;
                 found == NULL && j < nnear && st->near[j].t_ms <= k.t_ms + GT__DUP_WINDOW_MS;
                 j++) {
                if (same_fix(&st->near[j], &k)) {
                    found = &st->near[j];
                }
            }
            for (j = keep; found == NULL && j > first; j--) {
                near_key(&st->stage[st->order[j - 1]], &kk);
                if (kk.t_ms < k.t_ms - GT__DUP_WINDOW_MS) {
                    break;
                }
                if (same_fix(&kk, &k)) {
                    found = &kk;
                }
            }
            if (found != NULL) {
                rc = put_rx(st, iid, found, r);
                if (rc < 0) {
                    return rc;
                }
            } else {
                st->order[keep++] = st->order[i];
            }
        }
        a = b;
    }
    *nkeep = keep;
    return GT_OK;
}

/* Widen the time range (input_span) of each identity in each input of the
 * ordered stage, duplicates included: the key ranges a replacement of the
 * input deletes (gt_store_input_reset).  One upsert per identity and input
 * of the batch. */
static int put_span(struct gt_store *st, int64_t input, int64_t iid, int64_t lo, int64_t hi)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_SPAN_UPS);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, input);
    sqlite3_bind_int64(s, 2, iid);
    sqlite3_bind_int64(s, 3, lo);
    sqlite3_bind_int64(s, 4, hi);
    if (sqlite3_step(s) != SQLITE_DONE) {
        (void)sqlite3_reset(s);
        return gt__store_db_fail(st, "record input span");
    }
    (void)sqlite3_reset(s);
    return GT_OK;
}

static int put_spans(struct gt_store *st)
{
    size_t a = 0, b;
    int rc;

    while (a < st->nstage) {
        const struct gt__staged *r = &st->stage[st->order[a]];
        int64_t in = r->v[2] >> SRC_SHIFT, lo = r->v[1], hi = r->v[1];
        for (b = a + 1; b < st->nstage; b++) {
            const struct gt__staged *q = &st->stage[st->order[b]];
            if (q->v[0] != r->v[0] || q->v[2] >> SRC_SHIFT != in) {
                break;
            }
            hi = q->v[1]; /* ordered by time within the identity */
        }
        rc = put_span(st, in, r->v[0], lo, hi);
        if (rc < 0) {
            return rc;
        }
        a = b;
    }
    return GT_OK;
}

int gt_store_flush(struct gt_store *st)
{
    sqlite3_stmt *one, *multi;
    size_t i, rows, r, nkeep = 0;

    if (st->facts.n > 0 && flush_facts(st) < 0) {
        st->nstage = 0;
        return GT_ERR_DB;
    }
    if (st->nstage == 0) {
        return GT_OK;
    }
    gt__stage_order(st->stage, st->nstage, st->order, st->order_tmp);
    {
        int rc = put_spans(st);
        if (rc == GT_OK) {
            rc = dedupe(st, &nkeep);
        }
        if (rc < 0) {
            st->nstage = 0;
            return rc;
        }
    }
    multi = pos_multi_stmt(st);
    one = gt__store_get_stmt(st, S_POS_INS);
    if (multi == NULL || one == NULL) {
        st->nstage = 0;
        return GT_ERR_DB;
    }
    for (i = 0; i < nkeep; i += rows) {
        sqlite3_stmt *s = nkeep - i >= POS_ROWS ? multi : one;
        rows = s == multi ? POS_ROWS : 1;
        for (r = 0; r < rows && i + POS_ROWS + r < nkeep; r++) {
            __builtin_prefetch(&st->stage[st->order[i + POS_ROWS + r]]); /* the next statement's */
        }
        for (r = 0; r < rows; r++) {
            bind_staged(s, 1 + (int)r * POS_NCOLS, &st->stage[st->order[i + r]]);
        }
        if (sqlite3_step(s) != SQLITE_DONE) {
            (void)sqlite3_reset(s);
            st->nstage = 0;
            return gt__store_db_fail(st, "insert position");
        }
        st->dupes += rows - (size_t)sqlite3_changes(st->db);
        (void)sqlite3_reset(s);
    }
    st->nstage = 0;
    return GT_OK;
}

int gt_store_pos_receivers(struct gt_store *st, const struct gt_ident *id, int64_t t_ms,
                           uint32_t input_id, uint64_t pos, uint32_t *out, size_t max, size_t *n)
{
    sqlite3_stmt *s;
    int64_t iid;
    int rc;

    *n = 0;
    rc = gt_store_flush(st);
    if (rc < 0) {
        return rc;
    }
    rc = gt__store_ident_id(st, id, 0, &iid);
    if (rc == GT_ERR_NOTFOUND) {
        return GT_OK;
    }
    if (rc < 0) {
        return rc;
    }
    if (sqlite3_table_column_metadata(st->db, NULL, "pos_rx", "src", NULL, NULL, NULL, NULL,
                                      NULL) != SQLITE_OK) {
        return GT_OK; /* a store from before the receiver sets (read-only) */
    }
    s = gt__store_get_stmt(st, S_POSRX_SEL);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, iid);
    sqlite3_bind_int64(s, 2, t_ms);
    sqlite3_bind_int64(s, 3, ((int64_t)input_id << SRC_SHIFT) | (int64_t)(pos & SRC_POS_MASK));
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n < max) {
            out[*n] = (uint32_t)sqlite3_column_int64(s, 0);
        }
        (*n)++;
    }
    (void)sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        return gt__store_db_fail(st, "read receivers");
    }
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
    rc = gt__store_ident_id(st, &o->id, 1, &iid);
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
    r->v[5] = (int64_t)gt__store_pack_misc(o) | ((int64_t)o->station_id << MISC_STATION_SHIFT);
    if (o->flags & GT_OBS_ALT) {
        r->v[6] = o->alt_ft;
    } else {
        r->nulls |= 1u << 6;
    }
    r->v[7] = gt__store_pack_motion(o);
    if (r->v[7] == 0) {
        r->nulls |= 1u << 7;
    }
    if (o->flags & (GT_OBS_GNSS_ALT | GT_OBS_VRATE | GT_OBS_ROT)) {
        r->v[8] = gt__store_pack_ext(o);
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
    rc = gt__store_ident_id(st, &io->id, 1, &iid);
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
    sqlite3_stmt *s = gt__store_get_stmt(st, S_AIRCRAFT_PUT);

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
        return gt__store_db_fail(st, "insert aircraft");
    }
    return GT_OK;
}
