/*
 * watchlist.c - the watchlist parser: bytes in, entries out.
 *
 * One entry a line:
 *
 *     SELECTOR:VALUE [kinds=K1,K2] [label="TEXT"]   # comment
 *
 * VALUE runs to the first ` kinds=` / ` label=` or the end of the line; it
 * may be quoted ("ORIENT STAR").  Names, callsigns, registrations and
 * operators compare ignoring case and runs of spaces; a name, callsign or
 * operator holding '*' or '?' is a glob pattern.  `registration:` is a
 * synonym of `reg:`.  A bad line is reported with its number and skipped.
 * docs/WATCH.md has the grammar and examples.
 */
#include "ghosttrack/watch.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"

#define MAX_ENTRIES (1u << 22) /* 4 million lines: a hard bound */
#define MAX_RING    100000     /* points of one area polygon */

struct gt_watchlist {
    struct gt_watch_entry *e;
    size_t n, cap;
    char **paths;             /* owned area file paths, one per entry or NULL */
    struct gt_latlon **polys; /* owned polygons, one per entry or NULL */
};

static const char *const kind_names[GT_ALERT_NKIND] = {
    "first_heard", "heard_again", "dark",    "area_enter", "area_leave", "encounter",
    "loiter",      "takeoff",     "landing", "identity",   "spoof",
};

const char *gt_watch_kind_name(unsigned kind)
{
    unsigned i;

    for (i = 0; i < GT_ALERT_NKIND; i++) {
        if (kind == (1u << i)) {
            return kind_names[i];
        }
    }
    return NULL;
}

/* The kinds that apply to a selector when the line names none. */
static unsigned default_kinds(enum gt_watch_sel sel)
{
    switch (sel) {
    case GT_WSEL_AREA:
        return GT_ALERT_AREA_ENTER | GT_ALERT_AREA_LEAVE;
    default:
        return GT_ALERT_ALL & ~(unsigned)(GT_ALERT_AREA_ENTER | GT_ALERT_AREA_LEAVE);
    }
}

static const struct {
    const char *name;
    enum gt_watch_sel sel;
} selectors[] = {
    {"mmsi", GT_WSEL_MMSI}, {"imo", GT_WSEL_IMO},          {"icao", GT_WSEL_ICAO},
    {"reg", GT_WSEL_REG},   {"registration", GT_WSEL_REG}, {"callsign", GT_WSEL_CALLSIGN},
    {"name", GT_WSEL_NAME}, {"type", GT_WSEL_TYPE},        {"operator", GT_WSEL_OPERATOR},
    {"area", GT_WSEL_AREA},
};

/* Copy s[0..n) upper-cased with space runs collapsed and ends trimmed into
 * out (GT_WATCH_TEXT_MAX).  Returns 0, or -1 when empty or too long. */
static int normalise(const char *s, size_t n, char *out)
{
    size_t i, k = 0;
    int space = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') {
            space = k > 0;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            return -1;
        }
        if (space) {
            if (k + 1 >= GT_WATCH_TEXT_MAX) {
                return -1;
            }
            out[k++] = ' ';
            space = 0;
        }
        if (k + 1 >= GT_WATCH_TEXT_MAX) {
            return -1;
        }
        out[k++] = (char)toupper(c);
    }
    out[k] = '\0';
    return k > 0 ? 0 : -1;
}

static int parse_uint(const char *s, size_t n, int base, uint64_t max, uint64_t *v)
{
    size_t i;
    uint64_t x = 0;

    if (n == 0 || n > 16) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        int d;
        char c = s[i];
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (base == 16 && c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (base == 16 && c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        x = x * (uint64_t)base + (uint64_t)d;
    }
    if (x > max) {
        return -1;
    }
    *v = x;
    return 0;
}

/* Parse up to 4 comma-separated numbers of s[0..n) into v. */
static int parse_box(const char *s, size_t n, double v[4])
{
    char tmp[128], *p, *end;
    int i;

    if (n == 0 || n >= sizeof tmp) {
        return -1;
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    p = tmp;
    for (i = 0; i < 4; i++) {
        while (*p == ' ') {
            p++;
        }
        v[i] = strtod(p, &end);
        if (end == p || isnan(v[i])) {
            return -1;
        }
        p = end;
        while (*p == ' ') {
            p++;
        }
        if (i < 3) {
            if (*p != ',') {
                return -1;
            }
            p++;
        }
    }
    return *p == '\0' ? 0 : -1;
}

static unsigned parse_kinds(const char *s, size_t n)
{
    unsigned mask = 0;
    size_t i = 0;

    while (i < n) {
        size_t j = i, k;
        unsigned bit = 0;
        while (j < n && s[j] != ',') {
            j++;
        }
        if (j - i == 3 && memcmp(s + i, "all", 3) == 0) {
            bit = GT_ALERT_ALL;
        } else if (j - i == 4 && memcmp(s + i, "area", 4) == 0) {
            bit = GT_ALERT_AREA_ENTER | GT_ALERT_AREA_LEAVE;
        } else if (j - i == 6 && memcmp(s + i, "flight", 6) == 0) {
            bit = GT_ALERT_TAKEOFF | GT_ALERT_LANDING;
        } else {
            for (k = 0; k < GT_ALERT_NKIND; k++) {
                if (strlen(kind_names[k]) == j - i && memcmp(kind_names[k], s + i, j - i) == 0) {
                    bit = 1u << k;
                }
            }
        }
        if (bit == 0) {
            return 0;
        }
        mask |= bit;
        i = j + 1;
    }
    return mask;
}

/* Where the options begin: the first " kinds=" or " label=" outside quotes;
 * n when none. */
static size_t options_at(const char *s, size_t n)
{
    size_t i;
    int q = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == '"') {
            q = !q;
        } else if (!q && (s[i] == ' ' || s[i] == '\t')) {
            if ((n - i > 7 && memcmp(s + i + 1, "kinds=", 6) == 0) ||
                (n - i > 7 && memcmp(s + i + 1, "label=", 6) == 0)) {
                return i;
            }
        }
    }
    return n;
}

/* ASCII case-insensitive equality of n bytes. */
static int ieq(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) {
            return 0;
        }
    }
    return 1;
}

/* Copy n bytes of s into out (GT_WATCH_TEXT_MAX), cut to fit. */
static void copy_cut(char *out, const char *s, size_t n)
{
    if (n >= GT_WATCH_TEXT_MAX) {
        n = GT_WATCH_TEXT_MAX - 1;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

static int add_entry(struct gt_watchlist *wl, const struct gt_watch_entry *e, const char *path,
                     size_t pathn)
{
    if (wl->n == wl->cap) {
        size_t cap = wl->cap ? wl->cap * 2 : 64;
        struct gt_watch_entry *ne;
        char **np;
        struct gt_latlon **pp;
        if (wl->n >= MAX_ENTRIES) {
            return GT_ERR_TOOBIG;
        }
        ne = gt_realloc(wl->e, cap * sizeof *ne);
        if (ne == NULL) {
            return GT_ERR_NOMEM;
        }
        wl->e = ne;
        np = gt_realloc(wl->paths, cap * sizeof *np);
        if (np == NULL) {
            return GT_ERR_NOMEM;
        }
        wl->paths = np;
        pp = gt_realloc(wl->polys, cap * sizeof *pp);
        if (pp == NULL) {
            return GT_ERR_NOMEM;
        }
        wl->polys = pp;
        wl->cap = cap;
    }
    wl->paths[wl->n] = NULL;
    wl->polys[wl->n] = NULL;
    if (path != NULL) {
        wl->paths[wl->n] = gt_strndup(path, pathn);
        if (wl->paths[wl->n] == NULL) {
            return GT_ERR_NOMEM;
        }
    }
    wl->e[wl->n] = *e;
    wl->e[wl->n].path = wl->paths[wl->n];
    wl->n++;
    return GT_OK;
}

/* Strip surrounding quotes and blanks of s[*i..*n). */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && (s[*a] == ' ' || s[*a] == '\t')) {
        (*a)++;
    }
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r')) {
        (*b)--;
    }
    if (*b - *a >= 2 && s[*a] == '"' && s[*b - 1] == '"') {
        (*a)++;
        (*b)--;
    }
}

/* Parse one line (without its newline).  Returns GT_OK (entry added or a
 * blank/comment line), GT_ERR_BADDATA with *why set, or GT_ERR_NOMEM. */
static int parse_line(struct gt_watchlist *wl, const char *s, size_t n, unsigned line,
                      const char **why)
{
    struct gt_watch_entry e;
    size_t i, colon, a, b, opt, sn;
    uint64_t v;
    int q = 0;

    /* a '#' outside quotes starts a comment */
    for (i = 0; i < n; i++) {
        if (s[i] == '"') {
            q = !q;
        } else if (s[i] == '#' && !q) {
            break;
        }
    }
    n = i;
    a = 0;
    trim(s, &a, &n);
    if (a == n) {
        return GT_OK;
    }
    s += a;
    n -= a;
    memset(&e, 0, sizeof e);
    e.line = line;
    for (colon = 0; colon < n && s[colon] != ':'; colon++) {
    }
    if (colon == n) {
        *why = "no selector (expected mmsi:, imo:, icao:, reg:, callsign:, name:, type:, "
               "operator: or area:)";
        return GT_ERR_BADDATA;
    }
    for (i = 0; i < sizeof selectors / sizeof selectors[0]; i++) {
        sn = strlen(selectors[i].name);
        if (sn == colon && ieq(s, selectors[i].name, sn)) {
            e.sel = selectors[i].sel;
        }
    }
    if (e.sel == 0) {
        *why = "unknown selector";
        return GT_ERR_BADDATA;
    }
    opt = options_at(s, n);
    /* options */
    e.kinds = default_kinds(e.sel);
    i = opt;
    while (i < n) {
        size_t k, j;
        while (i < n && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        }
        if (i == n) {
            break;
        }
        if (n - i > 6 && memcmp(s + i, "kinds=", 6) == 0) {
            k = i + 6;
            for (j = k; j < n && s[j] != ' ' && s[j] != '\t'; j++) {
            }
            e.kinds = parse_kinds(s + k, j - k);
            if (e.kinds == 0) {
                *why = "unknown alert kind in kinds=";
                return GT_ERR_BADDATA;
            }
            i = j;
        } else if (n - i > 6 && memcmp(s + i, "label=", 6) == 0) {
            k = i + 6;
            if (k < n && s[k] == '"') {
                for (j = k + 1; j < n && s[j] != '"'; j++) {
                }
                if (j == n) {
                    *why = "label without closing quote";
                    return GT_ERR_BADDATA;
                }
                a = k + 1;
                b = j;
                j++;
            } else {
                for (j = k; j < n && s[j] != ' ' && s[j] != '\t'; j++) {
                }
                a = k;
                b = j;
            }
            if (b - a >= GT_WATCH_TEXT_MAX) {
                *why = "label longer than 63 bytes";
                return GT_ERR_BADDATA;
            }
            memcpy(e.label, s + a, b - a);
            e.label[b - a] = '\0';
            for (k = 0; e.label[k] != '\0'; k++) {
                if ((unsigned char)e.label[k] < 0x20) {
                    *why = "control character in label";
                    return GT_ERR_BADDATA;
                }
            }
            i = j;
        } else {
            *why = "unexpected text after the value (options are kinds= and label=)";
            return GT_ERR_BADDATA;
        }
    }
    a = colon + 1;
    b = opt;
    trim(s, &a, &b);
    if (a == b) {
        *why = "empty value";
        return GT_ERR_BADDATA;
    }
    switch (e.sel) {
    case GT_WSEL_MMSI:
        if (parse_uint(s + a, b - a, 10, 999999999, &v) < 0 || b - a > 9) {
            *why = "invalid MMSI (1 to 9 digits)";
            return GT_ERR_BADDATA;
        }
        e.num = (uint32_t)v;
        snprintf(e.value, sizeof e.value, "%u", e.num);
        break;
    case GT_WSEL_IMO:
        if (b - a != 7 || parse_uint(s + a, b - a, 10, 9999999, &v) < 0) {
            *why = "invalid IMO number (7 digits)";
            return GT_ERR_BADDATA;
        }
        e.num = (uint32_t)v;
        snprintf(e.value, sizeof e.value, "%07u", e.num);
        break;
    case GT_WSEL_ICAO:
        if (b - a != 6 || parse_uint(s + a, b - a, 16, 0xffffff, &v) < 0) {
            *why = "invalid ICAO address (6 hex digits)";
            return GT_ERR_BADDATA;
        }
        e.num = (uint32_t)v;
        snprintf(e.value, sizeof e.value, "%06x", e.num);
        break;
    case GT_WSEL_AREA: {
        double box[4];
        if (parse_box(s + a, b - a, box) == 0) {
            if (box[0] < -90 || box[0] > 90 || box[2] < -90 || box[2] > 90 || box[1] < -180 ||
                box[1] > 180 || box[3] < -180 || box[3] > 180) {
                *why = "area corner off the globe";
                return GT_ERR_BADDATA;
            }
            e.south_deg = box[0] < box[2] ? box[0] : box[2];
            e.north_deg = box[0] < box[2] ? box[2] : box[0];
            e.west_deg = box[1] < box[3] ? box[1] : box[3];
            e.east_deg = box[1] < box[3] ? box[3] : box[1];
            if (normalise(s + a, b - a, e.value) < 0) {
                e.value[0] = '\0';
            }
            return add_entry(wl, &e, NULL, 0);
        }
        if (memchr(s + a, ',', b - a) != NULL &&
            (b - a < 8 ||
             (memcmp(s + b - 8, ".geojson", 8) != 0 && memcmp(s + b - 5, ".json", 5) != 0))) {
            *why = "invalid area (expected lat1,lon1,lat2,lon2 or a GeoJSON file)";
            return GT_ERR_BADDATA;
        }
        if (b - a >= GT_WATCH_TEXT_MAX * 4) {
            *why = "area file name too long";
            return GT_ERR_BADDATA;
        }
        for (i = a; i < b; i++) {
            if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
                *why = "control character in the area file name";
                return GT_ERR_BADDATA;
            }
        }
        copy_cut(e.value, s + a, b - a);
        return add_entry(wl, &e, s + a, b - a);
    }
    default:
        if (normalise(s + a, b - a, e.value) < 0) {
            *why = "value too long (63 bytes at most) or holds a control character";
            return GT_ERR_BADDATA;
        }
        e.glob = strpbrk(e.value, "*?") != NULL;
        if (e.glob && e.sel != GT_WSEL_NAME && e.sel != GT_WSEL_CALLSIGN &&
            e.sel != GT_WSEL_OPERATOR) {
            *why = "patterns are for name:, callsign: and operator: only";
            return GT_ERR_BADDATA;
        }
        break;
    }
    return add_entry(wl, &e, NULL, 0);
}

int gt_watchlist_parse(const uint8_t *p, size_t n, gt_watchlist_bad_fn *bad, void *ud,
                       struct gt_watchlist **out)
{
    struct gt_watchlist *wl;
    size_t i = 0;
    unsigned line = 0;

    *out = NULL;
    wl = gt_calloc(1, sizeof *wl);
    if (wl == NULL) {
        return GT_ERR_NOMEM;
    }
    if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
        i = 3; /* UTF-8 byte order mark */
    }
    while (i < n) {
        const uint8_t *nl = memchr(p + i, '\n', n - i);
        size_t end = nl != NULL ? (size_t)(nl - p) : n;
        const char *why = NULL;
        int rc;

        line++;
        if (memchr(p + i, '\0', end - i) != NULL) {
            rc = GT_ERR_BADDATA;
            why = "NUL byte in line";
        } else {
            rc = parse_line(wl, (const char *)p + i, end - i, line, &why);
        }
        if (rc == GT_ERR_BADDATA || rc == GT_ERR_TOOBIG) {
            if (bad != NULL) {
                bad(ud, line, why != NULL ? why : "too many entries");
            }
        } else if (rc < 0) {
            gt_watchlist_free(wl);
            return rc;
        }
        i = end + 1;
    }
    *out = wl;
    return GT_OK;
}

size_t gt_watchlist_count(const struct gt_watchlist *wl)
{
    return wl != NULL ? wl->n : 0;
}

const struct gt_watch_entry *gt_watchlist_get(const struct gt_watchlist *wl, size_t i)
{
    return wl != NULL && i < wl->n ? &wl->e[i] : NULL;
}

/* Read one JSON number at p[*i..n) into *v. */
static int json_num(const uint8_t *p, size_t n, size_t *i, double *v)
{
    char tmp[40], *end;
    size_t k = 0;

    while (*i < n && (p[*i] == ' ' || p[*i] == '\t' || p[*i] == '\r' || p[*i] == '\n')) {
        (*i)++;
    }
    while (*i < n && k + 1 < sizeof tmp && p[*i] != 0 && strchr("+-.0123456789eE", p[*i]) != NULL) {
        tmp[k++] = (char)p[(*i)++];
    }
    tmp[k] = '\0';
    if (k == 0) {
        return -1;
    }
    *v = strtod(tmp, &end);
    return *end == '\0' && !isnan(*v) ? 0 : -1;
}

int gt_watchlist_set_polygon(struct gt_watchlist *wl, size_t idx, const uint8_t *p, size_t n)
{
    static const char key[] = "\"coordinates\"";
    struct gt_latlon *ring = NULL;
    size_t i, cap = 0, np = 0, k;
    int depth = 0;

    if (wl == NULL || idx >= wl->n || wl->e[idx].sel != GT_WSEL_AREA) {
        return GT_ERR_INVAL;
    }
    /* the first "coordinates" member, then its first ring: the first '['
     * whose next non-blank byte is '[' followed by a number */
    for (i = 0; i + sizeof key - 1 <= n; i++) {
        if (memcmp(p + i, key, sizeof key - 1) == 0) {
            break;
        }
    }
    if (i + sizeof key - 1 > n) {
        return GT_ERR_BADDATA;
    }
    i += sizeof key - 1;
    for (; i < n; i++) {
        if (p[i] == '[') {
            size_t j = i + 1;
            depth++;
            while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n')) {
                j++;
            }
            if (j < n && p[j] == '[') {
                size_t m = j + 1;
                while (m < n && (p[m] == ' ' || p[m] == '\t' || p[m] == '\r' || p[m] == '\n')) {
                    m++;
                }
                if (m < n && p[m] != '[') {
                    i = j;
                    break; /* p[i] opens the first position of the ring */
                }
            }
        } else if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n' && p[i] != ':') {
            return GT_ERR_BADDATA;
        }
    }
    (void)depth;
    /* positions [lon, lat(, alt)] until the ring's ']' */
    while (i < n && p[i] == '[') {
        double lon, lat, extra;
        i++;
        if (json_num(p, n, &i, &lon) < 0) {
            break;
        }
        while (i < n && (p[i] == ' ' || p[i] == ',')) {
            i++;
        }
        if (json_num(p, n, &i, &lat) < 0) {
            break;
        }
        while (i < n && p[i] != ']') {
            if (p[i] == ',') {
                i++;
                if (json_num(p, n, &i, &extra) < 0) {
                    break;
                }
            } else if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n') {
                i++;
            } else {
                break;
            }
        }
        if (i >= n || p[i] != ']' || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            break;
        }
        i++;
        if (np == cap) {
            struct gt_latlon *nr;
            if (cap >= MAX_RING) {
                break;
            }
            cap = cap ? cap * 2 : 16;
            nr = gt_realloc(ring, cap * sizeof *nr);
            if (nr == NULL) {
                gt_free(ring);
                return GT_ERR_NOMEM;
            }
            ring = nr;
        }
        ring[np].lat_deg = lat;
        ring[np].lon_deg = lon;
        np++;
        while (i < n &&
               (p[i] == ' ' || p[i] == ',' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) {
            i++;
        }
    }
    if (np < 3) {
        gt_free(ring);
        return GT_ERR_BADDATA;
    }
    gt_free(wl->polys[idx]);
    wl->polys[idx] = ring;
    wl->e[idx].poly = ring;
    wl->e[idx].npoly = np;
    wl->e[idx].south_deg = wl->e[idx].north_deg = ring[0].lat_deg;
    wl->e[idx].west_deg = wl->e[idx].east_deg = ring[0].lon_deg;
    for (k = 1; k < np; k++) {
        struct gt_watch_entry *e = &wl->e[idx];
        if (ring[k].lat_deg < e->south_deg) {
            e->south_deg = ring[k].lat_deg;
        }
        if (ring[k].lat_deg > e->north_deg) {
            e->north_deg = ring[k].lat_deg;
        }
        if (ring[k].lon_deg < e->west_deg) {
            e->west_deg = ring[k].lon_deg;
        }
        if (ring[k].lon_deg > e->east_deg) {
            e->east_deg = ring[k].lon_deg;
        }
    }
    return GT_OK;
}

void gt_watchlist_free(struct gt_watchlist *wl)
{
    size_t i;

    if (wl == NULL) {
        return;
    }
    for (i = 0; i < wl->n; i++) {
        gt_free(wl->paths[i]);
        gt_free(wl->polys[i]);
    }
    gt_free(wl->paths);
    gt_free(wl->polys);
    gt_free(wl->e);
    gt_free(wl);
}
