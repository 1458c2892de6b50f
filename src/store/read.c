/*
 * read.c - reading the store back: inputs, the positions of a filtered
 * window as a fleet of tracks with their identity facts, counts, and the
 * text summary for people (`ghosttrack stats`).
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

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
        return gt__store_db_fail(st, "select inputs");
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
        return gt__store_db_fail(st, "select inputs");
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
        p.flags = gt__store_unpack_flags(misc, sqlite3_column_type(s, 7) != SQLITE_NULL, motion);
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
        return gt__store_db_fail(st, "select positions");
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
        return gt__store_db_fail(st, "select facts");
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
    return rc == SQLITE_DONE ? GT_OK : gt__store_db_fail(st, "select facts");
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
            rc = gt__store_db_fail(st, "prepare track query");
            goto out;
        }
        for (i = 0; i < f->nids; i++) {
            int64_t iid;
            rc = gt__store_ident_id(st, &f->ids[i], 0, &iid);
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
            rc = gt__store_db_fail(st, "prepare export query");
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
        return gt__store_db_fail(st, "count positions");
    }
    rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? col_u64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? GT_OK : gt__store_db_fail(st, "count positions");
}

/* ---- summary ---- */

static int summary_query(struct gt_store *st, struct gt_buf *out, const char *title,
                         const char *sql)
{
    sqlite3_stmt *s;
    int rc, ncol, i, any = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "summary");
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
        return gt__store_db_fail(st, "summary");
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
        rc = gt_buf_addf(out, "schema version: %d\n", gt__store_schema_version());
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
