/*
 * events.c - detector events and their evidence rows: put (replacing an
 * event with the same id), clear by type, and the filtered event listing.
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/time.h"

/* ---- events ---- */

static int ident_text(const struct gt_ident *id, char *buf)
{
    return gt_ident_format(id, buf, GT_IDENT_MAX);
}

static int put_evidence(struct gt_store *st, const char *id, int64_t seq, enum gt_prov_kind kind,
                        uint32_t input_id, uint64_t pos, uint32_t station_id, int64_t t_ms,
                        const char *role)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_EVIDENCE_PUT);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, seq);
    sqlite3_bind_int(s, 3, (int)kind);
    sqlite3_bind_int64(s, 4, input_id);
    sqlite3_bind_int64(s, 5, u64_i64(pos));
    sqlite3_bind_int64(s, 6, station_id);
    sqlite3_bind_int64(s, 7, t_ms);
    sqlite3_bind_text(s, 8, role, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "insert evidence");
    }
    return GT_OK;
}

int gt_store_put_event(struct gt_store *st, const struct gt_event *e)
{
    sqlite3_stmt *s;
    char subj[GT_IDENT_MAX], peer[GT_IDENT_MAX];
    size_t i, k, nrx, extra = 0;
    int64_t seq = 0, rx[16][2];
    int rc, have_rx = sqlite3_table_column_metadata(st->db, NULL, "pos_rx", "src", NULL, NULL, NULL,
                                                    NULL, NULL) == SQLITE_OK;

    if (ident_text(&e->subject, subj) < 0) {
        snprintf(subj, sizeof subj, "%s", "");
    }
    s = gt__store_get_stmt(st, S_EVENT_PUT);
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
        return gt__store_db_fail(st, "insert event");
    }
    s = gt__store_get_stmt(st, S_EVIDENCE_DEL);
    if (s == NULL) {
        return GT_ERR_DB;
    }
    sqlite3_bind_text(s, 1, e->id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
        return gt__store_db_fail(st, "delete evidence");
    }
    for (i = 0; i < e->nev && i < GT_EVENT_MAX_EVIDENCE; i++) {
        const struct gt_evidence *ev = &e->ev[i];
        rc = put_evidence(st, e->id, seq++, ev->prov.kind, ev->prov.input_id, ev->prov.pos,
                          ev->station_id, ev->t_ms, ev->role);
        if (rc < 0) {
            return rc;
        }
    }
    /* the other receivers of each position cited (duplicates across
     * receivers, pos_rx): the same role, from their own records */
    for (i = 0; i < e->nev && i < GT_EVENT_MAX_EVIDENCE && extra < GT_EVENT_MAX_EVIDENCE; i++) {
        const struct gt_evidence *ev = &e->ev[i];
        if (ev->prov.kind != GT_PROV_FILE || !have_rx) {
            continue;
        }
        s = gt__store_get_stmt(st, S_POSRX_BY_SRC);
        if (s == NULL) {
            return GT_ERR_DB;
        }
        sqlite3_bind_int64(s, 1,
                           ((int64_t)ev->prov.input_id << SRC_SHIFT) |
                               (int64_t)(ev->prov.pos & (uint64_t)SRC_POS_MASK));
        nrx = 0;
        while (nrx < 16 && sqlite3_step(s) == SQLITE_ROW) {
            rx[nrx][0] = sqlite3_column_int64(s, 0);
            rx[nrx][1] = sqlite3_column_int64(s, 1);
            nrx++;
        }
        (void)sqlite3_reset(s);
        for (k = 0; k < nrx && extra < GT_EVENT_MAX_EVIDENCE; k++, extra++) {
            rc = put_evidence(st, e->id, seq++, GT_PROV_FILE, (uint32_t)(rx[k][0] >> SRC_SHIFT),
                              (uint64_t)(rx[k][0] & SRC_POS_MASK), (uint32_t)rx[k][1], ev->t_ms,
                              ev->role);
            if (rc < 0) {
                return rc;
            }
        }
    }
    return gt__store_keep_evidence(st, e);
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
            return gt__store_db_fail(st, "clear events");
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
        return gt__store_db_fail(st, "select events");
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
        ev = rc == GT_OK ? gt__store_get_stmt(st, S_EVIDENCE_SEL) : NULL;
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
        rc = gt__store_db_fail(st, "select events");
    }
    sqlite3_finalize(s);
    return rc;
}
