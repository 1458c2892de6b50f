/*
 * reception.c - AIS reception quality measured from the data itself (see
 * maritime.h).
 *
 * Welch et al. (2022, Science Advances) separate gaps caused by poor
 * reception from intentional disabling with the number of positions a
 * vessel-day yields in each 1-degree cell; a gap whose off fix sits in a
 * cell that normally yields more than 10 positions per vessel-day cannot be
 * blamed on coverage.  Here the counts come from the fleet being analysed:
 * positions and distinct (vessel, UTC day) pairs per cell, per receiver
 * class (terrestrial, satellite, unknown) and for all classes together,
 * per 30-day period when the data span more than 62 days.
 *
 * The cells live in an open-addressing hash table keyed by period and cell.
 */
#include <math.h>
#include <string.h>

#include "ghosttrack/maritime.h"
#include "ghosttrack/mem.h"

/* Counts of one (period, cell): positions and vessel-days by receiver
 * class (0 unknown, 1 terrestrial, 2 satellite) and vessel-days with any
 * class, which is the denominator of the all-class figure. */
struct rx_cell {
    uint64_t key; /* (period << 17 | cell) + 1; 0 = empty slot */
    uint32_t pos[3];
    uint32_t vd[3];
    uint32_t vd_all;
    uint32_t hh[3];  /* distinct (vessel, UTC hour) pairs heard, by class */
    uint32_t hh_all; /* the same, any class */
    double pres_h;   /* vessel-hours present: intervals to the next position */
};

struct gt_reception {
    struct rx_cell *cells;
    size_t cap, n;
    uint64_t total[3]; /* positions by class, whole model */
    int64_t t0;        /* start of period 0 */
    int64_t period;    /* period length, ms (0 = one period) */
};

#define DAY_MS  86400000LL
#define HOUR_MS 3600000LL

/* The 1-degree cell of a position, row-major from 90 S, 180 W. */
static size_t cell_index(double lat, double lon)
{
    if (!(lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0)) {
        return 0; /* off the globe: counted in a cell of its own (Antarctica) */
    }
    int r = (int)floor(lat + 90.0), c = (int)floor(lon + 180.0);
    r = r < 0 ? 0 : r > 179 ? 179 : r;
    c = c < 0 ? 0 : c > 359 ? 359 : c;
    return (size_t)(r * 360 + c);
}

/* Hash key of (period, cell); + 1 so that 0 marks an empty slot. */
static uint64_t key_of(const struct gt_reception *r, double lat, double lon, int64_t t)
{
    uint64_t per = 0;
    if (r->period > 0 && t > r->t0) {
        per = (uint64_t)((t - r->t0) / r->period);
    }
    return ((per << 17) | (uint64_t)cell_index(lat, lon)) + 1;
}

/* Fibonacci hashing of the key into a power-of-two table. */
static size_t slot_of(uint64_t key, size_t cap)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 20) & (cap - 1);
}

/* Double the table and re-insert every cell. */
static int grow(struct gt_reception *r)
{
    size_t nc = r->cap ? r->cap * 2 : 4096, i;
    struct rx_cell *nv = gt_calloc(nc, sizeof *nv);

    if (nv == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < r->cap; i++) {
        if (r->cells[i].key) {
            size_t s = slot_of(r->cells[i].key, nc);
            while (nv[s].key) {
                s = (s + 1) & (nc - 1);
            }
            nv[s] = r->cells[i];
        }
    }
    gt_free(r->cells);
    r->cells = nv;
    r->cap = nc;
    return GT_OK;
}

/* Look a cell up (linear probing); NULL if absent. */
static struct rx_cell *find(const struct gt_reception *r, uint64_t key)
{
    size_t s;

    if (r->cap == 0) {
        return NULL;
    }
    s = slot_of(key, r->cap);
    while (r->cells[s].key) {
        if (r->cells[s].key == key) {
            return &r->cells[s];
        }
        s = (s + 1) & (r->cap - 1);
    }
    return NULL;
}

/* Look a cell up, inserting it when absent; grows at half load. */
static struct rx_cell *get(struct gt_reception *r, uint64_t key)
{
    struct rx_cell *c = find(r, key);
    size_t s;

    if (c != NULL) {
        return c;
    }
    if ((r->n + 1) * 2 > r->cap && grow(r) != GT_OK) {
        return NULL;
    }
    s = slot_of(key, r->cap);
    while (r->cells[s].key) {
        s = (s + 1) & (r->cap - 1);
    }
    r->cells[s].key = key;
    r->n++;
    return &r->cells[s];
}

/* The (cell key, class) pairs one vessel has been seen in today; class 3
 * stands for "any class". */
struct seen {
    uint64_t key[128];
    unsigned char cls[128];
    size_t n;
};

/* Note (key, cls) as seen; return 1 if it is new today. */
static int first_today(struct seen *sn, uint64_t key, unsigned char cls)
{
    size_t i;

    for (i = sn->n; i > 0; i--) {
        if (sn->key[i - 1] == key && sn->cls[i - 1] == cls) {
            return 0;
        }
    }
    if (sn->n < 128) {
        sn->key[sn->n] = key;
        sn->cls[sn->n] = cls;
        sn->n++;
    }
    return 1;
}

/* Counter index of a receiver class. */
static unsigned char class_of(enum gt_rx_class c)
{
    return c == GT_RX_TERRESTRIAL ? 1 : c == GT_RX_SATELLITE ? 2 : 0;
}

/* One pass over every MMSI position; see maritime.h. */
int gt_reception_build(const struct gt_fleet *f, struct gt_reception **out)
{
    struct gt_reception *r = gt_calloc(1, sizeof *r);
    int64_t tmin = INT64_MAX, tmax = INT64_MIN;
    size_t i, k;
    struct seen *sn = gt_malloc(sizeof *sn), *sh = gt_malloc(sizeof *sh);

    *out = NULL;
    if (r == NULL || sn == NULL || sh == NULL || grow(r) != GT_OK) {
        gt_free(sn);
        gt_free(sh);
        gt_reception_free(r);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        if (t->id.kind == GT_ID_MMSI && t->n > 0) {
            tmin = t->pts[0].t_ms < tmin ? t->pts[0].t_ms : tmin;
            tmax = t->pts[t->n - 1].t_ms > tmax ? t->pts[t->n - 1].t_ms : tmax;
        }
    }
    /* Long spans are measured per 30-day period so a receiver that was
     * added or lost part-way through does not blur the whole record. */
    r->t0 = tmin == INT64_MAX ? 0 : tmin;
    r->period = tmax > tmin && tmax - tmin > 62 * DAY_MS ? 30 * DAY_MS : 0;
    for (i = 0; i < f->n; i++) {
        const struct gt_track *t = &f->tracks[i];
        int64_t day = INT64_MIN, hour = INT64_MIN;
        uint64_t lastkey = 0;
        struct rx_cell *c = NULL;
        if (t->id.kind != GT_ID_MMSI) {
            continue;
        }
        for (k = 0; k < t->n; k++) {
            const struct gt_point *p = &t->pts[k];
            int64_t d = p->t_ms >= 0 ? p->t_ms / DAY_MS : (p->t_ms + 1) / DAY_MS - 1;
            int64_t hr = p->t_ms >= 0 ? p->t_ms / HOUR_MS : (p->t_ms + 1) / HOUR_MS - 1;
            uint64_t key = key_of(r, p->lat_deg, p->lon_deg, p->t_ms);
            unsigned char cls = class_of(p->rx);
            /* A new UTC day: the vessel has been seen nowhere yet today. */
            if (d != day) {
                day = d;
                sn->n = 0;
            }
            if (hr != hour) {
                hour = hr;
                sh->n = 0;
            }
            /* Consecutive positions mostly stay in one cell: look the
             * cell up only when the key changes. */
            if (key != lastkey || c == NULL) {
                c = get(r, key);
                if (c == NULL) {
                    gt_free(sn);
                    gt_free(sh);
                    gt_reception_free(r);
                    return GT_ERR_NOMEM;
                }
                lastkey = key;
            }
            /* A position counts in its class; a vessel-day counts once per
             * (cell, class) and once per cell for the all-class figure. */
            c->pos[cls]++;
            r->total[cls]++;
            if (first_today(sn, key, cls)) {
                c->vd[cls]++;
            }
            if (first_today(sn, key, 3)) {
                c->vd_all++;
            }
            /* Heard hours: a satellite pass that yields twenty positions
             * in ten minutes is one hour heard, so bursts of reception do
             * not pass for steady coverage.  The time to the vessel's next
             * position (at most a day) is time it spent in this cell. */
            if (first_today(sh, key, cls)) {
                c->hh[cls]++;
            }
            if (first_today(sh, key, 3)) {
                c->hh_all++;
            }
            if (k + 1 < t->n) {
                int64_t dt = t->pts[k + 1].t_ms - p->t_ms;
                c->pres_h += (double)(dt < DAY_MS ? dt : DAY_MS) / (double)HOUR_MS;
            }
        }
    }
    gt_free(sn);
    gt_free(sh);
    *out = r;
    return GT_OK;
}

/* Positions per vessel-day of a cell; 0 where nobody was heard. */
double gt_reception_get(const struct gt_reception *r, double lat_deg, double lon_deg, int64_t t_ms,
                        enum gt_rx_class cls)
{
    const struct rx_cell *c;

    if (r == NULL) {
        return 0.0;
    }
    c = find(r, key_of(r, lat_deg, lon_deg, t_ms));
    if (c == NULL) {
        return 0.0;
    }
    /* GT_RX_UNKNOWN asks for all classes together: every position over
     * the vessel-days with any class, not a mean of the class figures. */
    if (cls == GT_RX_UNKNOWN) {
        uint32_t all = c->pos[0] + c->pos[1] + c->pos[2];
        return c->vd_all ? (double)all / (double)c->vd_all : 0.0;
    }
    {
        unsigned char k = class_of(cls);
        return c->vd[k] ? (double)c->pos[k] / (double)c->vd[k] : 0.0;
    }
}

/* Hours heard per vessel-day present; see maritime.h. */
double gt_reception_heard(const struct gt_reception *r, double lat_deg, double lon_deg,
                          int64_t t_ms, enum gt_rx_class cls)
{
    const struct rx_cell *c;
    uint32_t h;

    if (r == NULL) {
        return 0.0;
    }
    c = find(r, key_of(r, lat_deg, lon_deg, t_ms));
    if (c == NULL || !(c->pres_h > 0.0)) {
        return 0.0;
    }
    h = cls == GT_RX_UNKNOWN ? c->hh_all : c->hh[class_of(cls)];
    /* the hour of a vessel's last position in the cell counts as heard
     * but adds no time present: hence the cap */
    return fmin((double)h * 24.0 / c->pres_h, 24.0);
}

/* The heard figure of class cls with excl_h vessel-hours of presence
 * taken out: the silence being judged is no evidence about the cell. */
double gt_reception_heard_excluding(const struct gt_reception *r, double lat_deg, double lon_deg,
                                    int64_t t_ms, double excl_h, enum gt_rx_class cls)
{
    uint32_t h;
    const struct rx_cell *c;
    double pres;

    if (r == NULL) {
        return 0.0;
    }
    c = find(r, key_of(r, lat_deg, lon_deg, t_ms));
    if (c == NULL) {
        return 0.0;
    }
    pres = c->pres_h - fmin(fmax(excl_h, 0.0), 24.0);
    if (!(pres > 1e-9)) {
        return 0.0;
    }
    h = cls == GT_RX_UNKNOWN ? c->hh_all : c->hh[class_of(cls)];
    return fmin((double)h * 24.0 / pres, 24.0);
}

/* Positions of receiver class cls in the whole model. */
uint64_t gt_reception_total(const struct gt_reception *r, enum gt_rx_class cls)
{
    return r == NULL ? 0 : r->total[class_of(cls)];
}

/* The all-class heard figure without track t's own contribution: a gap is
 * judged by how well the other vessels in its cell are heard, not by the
 * silence being judged.  Replays the counting of gt_reception_build() for
 * the one track and cell. */
double gt_reception_heard_others(const struct gt_reception *r, double lat_deg, double lon_deg,
                                 int64_t t_ms, const struct gt_track *t)
{
    uint64_t key;
    const struct rx_cell *c;
    int64_t hour = INT64_MIN;
    uint32_t own_h = 0;
    double own_p = 0.0, pres;
    size_t k;

    if (r == NULL) {
        return 0.0;
    }
    key = key_of(r, lat_deg, lon_deg, t_ms);
    c = find(r, key);
    if (c == NULL) {
        return 0.0;
    }
    for (k = 0; t != NULL && k < t->n; k++) {
        const struct gt_point *p = &t->pts[k];
        int64_t hr = p->t_ms >= 0 ? p->t_ms / HOUR_MS : (p->t_ms + 1) / HOUR_MS - 1;
        if (key_of(r, p->lat_deg, p->lon_deg, p->t_ms) != key) {
            continue;
        }
        /* an hour counts once per cell; the cell's positions of this hour
         * need not be consecutive, but revisits within the hour are rare */
        if (hr != hour) {
            hour = hr;
            own_h++;
        }
        if (k + 1 < t->n) {
            int64_t dt = t->pts[k + 1].t_ms - p->t_ms;
            own_p += (double)(dt < DAY_MS ? dt : DAY_MS) / (double)HOUR_MS;
        }
    }
    pres = c->pres_h - own_p;
    if (!(pres > 1e-9) || own_h > c->hh_all) {
        return 0.0;
    }
    return fmin((double)(c->hh_all - own_h) * 24.0 / pres, 24.0);
}

/* Free the table and the model. */
void gt_reception_free(struct gt_reception *r)
{
    if (r == NULL) {
        return;
    }
    gt_free(r->cells);
    gt_free(r);
}
