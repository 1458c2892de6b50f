/*
 * views.c - the lookup views that let a person read the store with the
 * sqlite3 shell alone (docs/STORE.md, "Reading the file directly"):
 *
 *   event_types(code, name)   events.type -> "gap", "encounter", ...
 *   fact_fields(code, name)   facts.field -> "name", "callsign", ...
 *   identity_text(id, kind, value, flags, ident)
 *                             identities with the text every command
 *                             prints: mmsi:273456000, icao:4b1805 (hex),
 *                             icao:~2d0001
 *
 * identity_text is plain SQL (a migration step).  The two code views are
 * written from the program's own name tables (gt_event_type_name(),
 * gt_ident_field_name()), so they cannot drift from the integers the
 * program writes: a writable open compares each view with the tables and
 * replaces it when a code was added.  A read-only open reads the file as it
 * is.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/event.h"
#include "ghosttrack/obs.h"
#include "store_int.h"

#define CODE_MAX 255 /* codes are small integers; names have gaps only at the end */

/* name of code in one of the two tables, or NULL */
static const char *code_name(int events, int code)
{
    return events ? gt_event_type_name((enum gt_event_type)code)
                  : gt_ident_field_name((enum gt_ident_field)code);
}

/* "1=gap,2=encounter,..." as group_concat() gives it back from the view */
static int expected(int events, struct gt_buf *b)
{
    int code, rc = GT_OK, n = 0;

    for (code = 1; code <= CODE_MAX && rc == GT_OK; code++) {
        const char *name = code_name(events, code);
        if (name != NULL) {
            rc = gt_buf_addf(b, "%s%d=%s", n++ ? "," : "", code, name);
        }
    }
    return rc;
}

/* Is the view there with exactly the expected rows? */
static int view_current(struct gt_store *st, const char *view, const char *want)
{
    char sql[128];
    sqlite3_stmt *s;
    int same = 0;

    snprintf(sql, sizeof sql,
             "SELECT group_concat(code || '=' || name, ',') FROM (SELECT code, name FROM %s"
             " ORDER BY code)",
             view);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        return 0; /* missing */
    }
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL) {
        same = strcmp((const char *)sqlite3_column_text(s, 0), want) == 0;
    }
    sqlite3_finalize(s);
    return same;
}

/* DROP VIEW IF EXISTS v; CREATE VIEW v(code, name) AS VALUES (1, 'gap'), ... */
static int view_sql(int events, const char *view, struct gt_buf *b)
{
    int code, rc, n = 0;

    rc =
        gt_buf_addf(b, "DROP VIEW IF EXISTS %s; CREATE VIEW %s(code, name) AS VALUES ", view, view);
    for (code = 1; code <= CODE_MAX && rc == GT_OK; code++) {
        const char *name = code_name(events, code);
        if (name != NULL && strchr(name, '\'') == NULL) {
            rc = gt_buf_addf(b, "%s(%d, '%s')", n++ ? ", " : "", code, name);
        }
    }
    return rc == GT_OK ? gt_buf_addstr(b, ";") : rc;
}

int gt__store_sync_views(struct gt_store *st)
{
    static const char *const views[2] = {"fact_fields", "event_types"};
    struct gt_buf want, sql;
    int i, rc = GT_OK, stale = 0;

    if (st->readonly) {
        return GT_OK;
    }
    gt_buf_init(&want, 1 << 16);
    gt_buf_init(&sql, 1 << 16);
    for (i = 0; i < 2 && rc == GT_OK; i++) {
        gt_buf_reset(&want);
        rc = expected(i, &want);
        if (rc == GT_OK && !view_current(st, views[i], gt_buf_str(&want))) {
            rc = view_sql(i, views[i], &sql);
            stale = 1;
        }
    }
    if (rc == GT_OK && stale) {
        rc = gt_buf_addstr(&sql, "COMMIT;");
        if (rc == GT_OK &&
            (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
             sqlite3_exec(st->db, gt_buf_str(&sql), NULL, NULL, NULL) != SQLITE_OK)) {
            rc = gt__store_db_fail(st, "write the lookup views");
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    gt_buf_release(&want);
    gt_buf_release(&sql);
    return rc;
}
