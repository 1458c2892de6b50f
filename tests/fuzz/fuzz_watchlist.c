/*
 * fuzz_watchlist.c - the watchlist parser and the GeoJSON area reader
 * (src/watch/watchlist.c).
 *
 * Whatever the bytes, gt_watchlist_parse() must return GT_OK or
 * GT_ERR_NOMEM, report every bad line with a line number inside the text
 * and a reason, and hand back entries whose text is NUL-terminated,
 * upper-case for identities and free of control bytes, with line numbers
 * in order and kinds inside GT_ALERT_ALL.  The same bytes read as a
 * GeoJSON document for an area must give a ring of at least 3 points on
 * the globe or an error.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/watch.h"
#include "fuzz.h"

struct bad {
    unsigned last, lines;
};

static void on_bad(void *ud, unsigned line, const char *why)
{
    struct bad *b = ud;

    if (line == 0 || line <= b->last || line > b->lines || why == NULL || why[0] == '\0') {
        abort();
    }
    b->last = line;
}

static void check_text(const char *s)
{
    if (memchr(s, '\0', GT_WATCH_TEXT_MAX) == NULL) {
        abort();
    }
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t area[] = "area:0,0,1,1\n";
    struct gt_watchlist *wl = NULL;
    struct bad b = {0, 1};
    size_t i;
    unsigned last = 0;
    int rc;

    for (i = 0; i < size; i++) {
        b.lines += data[i] == '\n';
    }
    rc = gt_watchlist_parse(data, size, on_bad, &b, &wl);
    if (rc != GT_OK && rc != GT_ERR_NOMEM) {
        abort();
    }
    for (i = 0; i < gt_watchlist_count(wl); i++) {
        const struct gt_watch_entry *e = gt_watchlist_get(wl, i);
        if (e->line <= last || e->line > b.lines || (e->kinds & ~GT_ALERT_ALL) != 0 ||
            e->kinds == 0) {
            abort();
        }
        last = e->line;
        check_text(e->value);
        check_text(e->label);
        if (e->sel == GT_WSEL_AREA && e->path == NULL &&
            (e->south_deg > e->north_deg || e->west_deg > e->east_deg)) {
            abort();
        }
    }
    gt_watchlist_free(wl);
    wl = NULL;
    if (gt_watchlist_parse(area, sizeof area - 1, NULL, NULL, &wl) == GT_OK) {
        rc = gt_watchlist_set_polygon(wl, 0, data, size);
        if (rc == GT_OK) {
            const struct gt_watch_entry *e = gt_watchlist_get(wl, 0);
            if (e->npoly < 3 || e->poly == NULL || e->south_deg < -90 || e->north_deg > 90 ||
                e->west_deg < -180 || e->east_deg > 180) {
                abort();
            }
        } else if (rc != GT_ERR_BADDATA && rc != GT_ERR_NOMEM) {
            abort();
        }
    }
    gt_watchlist_free(wl);
    return 0;
}
