/*
 * watch.c - the watch engine's rows: alerts kept before they are sent (an
 * alert id seen before is never kept, so never sent, twice) and marked
 * delivered once every sink has them, and the engine state committed in the
 * same transaction as the records that changed it (docs/WATCH.md).
 */
#include "ghosttrack/store.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

static int bind_text(sqlite3_stmt *s, int i, const char *t, size_t n)
{
    return sqlite3_bind_text(s, i, t, (int)n, SQLITE_TRANSIENT) == SQLITE_OK ? GT_OK : GT_ERR_DB;
}

static int step_done(struct gt_store *st, sqlite3_stmt *s, const char *what)
{
    int r = sqlite3_step(s);

    (void)sqlite3_reset(s);
    return r == SQLITE_DONE ? GT_OK : gt__store_db_fail(st, what);
}

int gt_store_watch_alert_add(struct gt_store *st, const char *id, int64_t t_ms, const char *rule,
                             const char *subject, const char *json, size_t n, int *added)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_WATCH_ALERT_ADD);
    int rc;

    *added = 0;
    if (s == NULL) {
        return GT_ERR_DB;
    }
    if (n > 0x7fffffff || bind_text(s, 1, id, strlen(id)) < 0 ||
        sqlite3_bind_int64(s, 2, t_ms) != SQLITE_OK || bind_text(s, 3, rule, strlen(rule)) < 0 ||
        bind_text(s, 4, subject, strlen(subject)) < 0 || bind_text(s, 5, json, n) < 0) {
        return gt__store_db_fail(st, "bind alert");
    }
    rc = step_done(st, s, "keep alert");
    if (rc == GT_OK) {
        *added = sqlite3_changes(st->db) > 0;
    }
    return rc;
}

int gt_store_watch_alert_done(struct gt_store *st, const char *id)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, S_WATCH_ALERT_DONE);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    if (bind_text(s, 1, id, strlen(id)) < 0) {
        return gt__store_db_fail(st, "bind alert");
    }
    return step_done(st, s, "mark alert delivered");
}

int gt_store_watch_pending(struct gt_store *st, gt_store_alert_fn *cb, void *ud)
{
    sqlite3_stmt *s;
    int r, rc = GT_OK;

    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, alert FROM watch_alerts WHERE delivered = 0"
                           " ORDER BY t_ms, id",
                           -1, &s, NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "read pending alerts");
    }
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        rc = cb(ud, col_text(s, 0), col_text(s, 1), (size_t)sqlite3_column_bytes(s, 1));
        if (rc != 0) {
            break;
        }
    }
    if (rc == GT_OK && r != SQLITE_DONE) {
        rc = gt__store_db_fail(st, "read pending alerts");
    }
    sqlite3_finalize(s);
    return rc;
}

int gt_store_watch_count(struct gt_store *st, int delivered_only, uint64_t *n)
{
    sqlite3_stmt *s;
    int rc = GT_OK;

    *n = 0;
    if (sqlite3_prepare_v2(st->db,
                           delivered_only ? "SELECT count(*) FROM watch_alerts WHERE delivered = 1"
                                          : "SELECT count(*) FROM watch_alerts",
                           -1, &s, NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "count alerts");
    }
    if (sqlite3_step(s) == SQLITE_ROW) {
        *n = col_u64(s, 0);
    } else {
        rc = gt__store_db_fail(st, "count alerts");
    }
    sqlite3_finalize(s);
    return rc;
}

int gt_store_watch_state_put(struct gt_store *st, const char *key, const void *p, size_t n)
{
    sqlite3_stmt *s = gt__store_get_stmt(st, p != NULL ? S_WATCH_STATE_PUT : S_WATCH_STATE_DEL);

    if (s == NULL) {
        return GT_ERR_DB;
    }
    if (bind_text(s, 1, key, strlen(key)) < 0 ||
        (p != NULL &&
         (n > 0x7fffffff || sqlite3_bind_blob(s, 2, p, (int)n, SQLITE_TRANSIENT) != SQLITE_OK))) {
        return gt__store_db_fail(st, "bind state");
    }
    return step_done(st, s, "keep watch state");
}

int gt_store_watch_state_each(struct gt_store *st, gt_store_state_fn *cb, void *ud)
{
    sqlite3_stmt *s;
    int r, rc = GT_OK;

    if (sqlite3_prepare_v2(st->db, "SELECT key, data FROM watch_state ORDER BY key", -1, &s,
                           NULL) != SQLITE_OK) {
        return gt__store_db_fail(st, "read watch state");
    }
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        rc = cb(ud, col_text(s, 0), sqlite3_column_blob(s, 1), (size_t)sqlite3_column_bytes(s, 1));
        if (rc != 0) {
            break;
        }
    }
    if (rc == GT_OK && r != SQLITE_DONE) {
        rc = gt__store_db_fail(st, "read watch state");
    }
    sqlite3_finalize(s);
    return rc;
}
