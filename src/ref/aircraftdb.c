/*
 * aircraftdb.c - the aircraft database (see aircraftdb.h).
 *
 * The CSV layout is the common denominator of the OpenSky aircraft
 * database and readsb's basic-ac-db: address, registration, type
 * designator, operator.  Aircraft are kept sorted by address (binary
 * search) with a second array of indexes sorted by normalised registration.
 * Cruise speeds are typical published values rounded to 10 kn; they only
 * bound feasibility checks, so being a little high is the safe side.
 */
#include "ghosttrack/aircraftdb.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ref_int.h"
#include "ghosttrack/csv.h"
#include "ghosttrack/mem.h"

struct gt_aircraftdb {
    struct gt_aircraft *ac; /* sorted by icao24 */
    size_t n;
    size_t *by_reg; /* indexes into ac sorted by normalised registration */
};

/* Normalise a registration: upper case, hyphens and spaces removed. */
static void norm_reg(char *dst, size_t size, const char *s)
{
    size_t j = 0;
    for (; *s && j + 1 < size; s++) {
        if (*s != '-' && *s != ' ') {
            dst[j++] = (char)toupper((unsigned char)*s);
        }
    }
    dst[j] = '\0';
}

static void copy_text(char *dst, size_t size, const char *s, int upper)
{
    size_t i;
    for (i = 0; s[i] && i + 1 < size; i++) {
        dst[i] = upper ? (char)toupper((unsigned char)s[i]) : s[i];
    }
    dst[i] = '\0';
}

/* Parse 1..6 hex digits; 1 on success. */
static int parse_hex24(const char *s, uint32_t *v)
{
    size_t n = strlen(s), i;
    uint32_t x = 0;
    if (n == 0 || n > 6) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        int c = tolower((unsigned char)s[i]), d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else {
            return 0;
        }
        x = x * 16 + (uint32_t)d;
    }
    *v = x;
    return 1;
}

/* Does s contain word w (lower case), ignoring case? */
static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++) {
        if (strncasecmp(s, w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Flags from one extra column: words or a readsb dbFlags number. */
static unsigned parse_flags(const char *s)
{
    unsigned f = 0;
    if (isdigit((unsigned char)s[0])) {
        unsigned long v = strtoul(s, NULL, 10);
        f |= (v & 1u) ? GT_AIRCRAFT_MILITARY : 0;
        f |= (v & 4u) ? GT_AIRCRAFT_PIA : 0;
        f |= (v & 8u) ? GT_AIRCRAFT_LADD : 0;
        return f;
    }
    if (has_word(s, "mil")) {
        f |= GT_AIRCRAFT_MILITARY;
    }
    if (has_word(s, "pia")) {
        f |= GT_AIRCRAFT_PIA;
    }
    if (has_word(s, "ladd")) {
        f |= GT_AIRCRAFT_LADD;
    }
    return f;
}

static int cmp_icao(const void *x, const void *y)
{
    const struct gt_aircraft *a = x, *b = y;
    return a->icao24 < b->icao24 ? -1 : a->icao24 > b->icao24 ? 1 : 0;
}

/* qsort has no context argument: the array being indexed is passed here. */
static const struct gt_aircraft *sort_base;

static int cmp_reg(const void *x, const void *y)
{
    char a[16], b[16];
    norm_reg(a, sizeof a, sort_base[*(const size_t *)x].registration);
    norm_reg(b, sizeof b, sort_base[*(const size_t *)y].registration);
    return strcmp(a, b);
}

int gt_aircraftdb_parse(const void *p, size_t n, struct gt_aircraftdb **out)
{
    struct gt_csv *rec;
    struct gt_aircraftdb *db;
    int r;
    size_t pos = 0, cap = 0, i, j;

    *out = NULL;
    rec = gt_malloc(sizeof *rec);
    db = gt_calloc(1, sizeof *db);
    if (rec == NULL || db == NULL) {
        goto nomem;
    }
    gt_csv_init(rec, 0);
    while ((r = gt_csv_next(rec, p, n, &pos)) != 0) {
        struct gt_aircraft a;
        uint32_t icao;
        if (r < 0 || rec->n < 1 || !parse_hex24(rec->f[0].p, &icao)) {
            continue;
        }
        memset(&a, 0, sizeof a);
        a.icao24 = icao;
        copy_text(a.registration, sizeof a.registration, gt_csv_get(rec, 1), 1);
        copy_text(a.typecode, sizeof a.typecode, gt_csv_get(rec, 2), 1);
        copy_text(a.op, sizeof a.op, gt_csv_get(rec, 3), 0);
        for (i = 4; i < rec->n; i++) {
            a.flags |= parse_flags(rec->f[i].p);
        }
        if (db->n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            struct gt_aircraft *np = gt_realloc(db->ac, nc * sizeof *np);
            if (np == NULL) {
                goto nomem;
            }
            db->ac = np;
            cap = nc;
        }
        db->ac[db->n++] = a;
    }
    gt_free(rec);
    rec = NULL;
    if (db->n == 0) {
        gt_aircraftdb_free(db);
        return GT_ERR_BADDATA;
    }
    /* stable "last line wins": sort by (icao, line) and keep the last */
    {
        size_t *order = gt_malloc(db->n * sizeof *order);
        struct gt_aircraft *tmp = gt_malloc(db->n * sizeof *tmp);
        if (order == NULL || tmp == NULL) {
            gt_free(order);
            gt_free(tmp);
            goto nomem;
        }
        memcpy(tmp, db->ac, db->n * sizeof *tmp);
        qsort(db->ac, db->n, sizeof *db->ac, cmp_icao);
        /* qsort is not stable: redo duplicates from the original order */
        for (i = 0; i < db->n; i++) {
            struct gt_aircraft *hit = bsearch(&tmp[i], db->ac, db->n, sizeof *db->ac, cmp_icao);
            if (hit != NULL) {
                size_t k = (size_t)(hit - db->ac);
                while (k > 0 && db->ac[k - 1].icao24 == tmp[i].icao24) {
                    k--;
                }
                for (; k < db->n && db->ac[k].icao24 == tmp[i].icao24; k++) {
                    db->ac[k] = tmp[i]; /* later lines overwrite earlier ones */
                }
            }
        }
        for (i = 0, j = 0; i < db->n; i++) { /* drop the duplicates */
            if (j == 0 || db->ac[j - 1].icao24 != db->ac[i].icao24) {
                db->ac[j++] = db->ac[i];
            }
        }
        db->n = j;
        gt_free(tmp);
        for (i = 0; i < db->n; i++) {
            order[i] = i;
        }
        sort_base = db->ac;
        qsort(order, db->n, sizeof *order, cmp_reg);
        sort_base = NULL;
        db->by_reg = order;
    }
    *out = db;
    return GT_OK;
nomem:
    gt_free(rec);
    gt_aircraftdb_free(db);
    return GT_ERR_NOMEM;
}

void gt_aircraftdb_free(struct gt_aircraftdb *db)
{
    if (db != NULL) {
        gt_free(db->ac);
        gt_free(db->by_reg);
        gt_free(db);
    }
}

size_t gt_aircraftdb_count(const struct gt_aircraftdb *db)
{
    return db ? db->n : 0;
}

const struct gt_aircraft *gt_aircraftdb_find(const struct gt_aircraftdb *db, uint32_t icao24)
{
    struct gt_aircraft key;
    if (db == NULL) {
        return NULL;
    }
    memset(&key, 0, sizeof key);
    key.icao24 = icao24;
    return bsearch(&key, db->ac, db->n, sizeof *db->ac, cmp_icao);
}

const struct gt_aircraft *gt_aircraftdb_find_reg(const struct gt_aircraftdb *db, const char *reg)
{
    char want[16], have[16];
    size_t lo = 0, hi;

    if (db == NULL || reg == NULL) {
        return NULL;
    }
    norm_reg(want, sizeof want, reg);
    if (want[0] == '\0') {
        return NULL;
    }
    hi = db->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c;
        norm_reg(have, sizeof have, db->ac[db->by_reg[mid]].registration);
        c = strcmp(have, want);
        if (c == 0) {
            return &db->ac[db->by_reg[mid]];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

/* Typical cruise true airspeeds, knots. */
static const struct {
    const char *type;
    short kn;
} cruise[] = {
    {"A124", 430}, {"A19N", 450}, {"A20N", 450}, {"A21N", 450}, {"A306", 470}, {"A310", 470},
    {"A318", 450}, {"A319", 450}, {"A320", 450}, {"A321", 450}, {"A332", 470}, {"A333", 470},
    {"A339", 470}, {"A343", 470}, {"A346", 480}, {"A359", 490}, {"A35K", 490}, {"A388", 490},
    {"A400", 420}, {"AN12", 320}, {"AN26", 240}, {"AN72", 380}, {"AT72", 280}, {"AT76", 280},
    {"B38M", 450}, {"B39M", 450}, {"B712", 440}, {"B733", 430}, {"B734", 430}, {"B737", 450},
    {"B738", 450}, {"B739", 450}, {"B744", 490}, {"B748", 490}, {"B752", 460}, {"B763", 470},
    {"B764", 470}, {"B772", 490}, {"B77L", 490}, {"B77W", 490}, {"B788", 490}, {"B789", 490},
    {"B78X", 490}, {"BCS1", 450}, {"BCS3", 450}, {"C130", 300}, {"C17", 450},  {"C30J", 340},
    {"C5M", 450},  {"CRJ2", 430}, {"CRJ7", 450}, {"CRJ9", 450}, {"DH8D", 310}, {"E135", 430},
    {"E145", 430}, {"E170", 440}, {"E190", 450}, {"E195", 450}, {"E75L", 440}, {"F900", 460},
    {"FA7X", 480}, {"GLEX", 490}, {"GLF4", 470}, {"GLF5", 490}, {"GLF6", 500}, {"IL62", 460},
    {"IL76", 430}, {"IL96", 470}, {"K35R", 460}, {"MD11", 480}, {"PC12", 270}, {"SU95", 450},
    {"T134", 440}, {"T154", 470}, {"T204", 450}, {"TU95", 400}, {"Y20", 430},
};

double gt_aircraft_cruise_kn(const char *typecode)
{
    size_t i;
    if (typecode != NULL) {
        for (i = 0; i < sizeof cruise / sizeof cruise[0]; i++) {
            if (strcasecmp(cruise[i].type, typecode) == 0) {
                return cruise[i].kn;
            }
        }
    }
    return 450.0;
}
