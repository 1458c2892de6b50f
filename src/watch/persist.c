/*
 * persist.c - the watch engine's saved state: identities, reception cells,
 * the IMO index and the clocks written by gt_watch_save() inside the
 * store's transaction, and read back at start (see engine.c).
 */
#include "ghosttrack/watch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/time.h"

#include "watch_int.h"

/* ---- persistence ---- */

#define STATE_MAGIC (UINT32_C(0x47545731) ^ (uint32_t)sizeof(struct ent))

struct saved_clock {
    uint32_t magic;
    int64_t clock[2], swept[2];
};

int gt_watch_save(struct gt_watch *w)
{
    char key[48], ids[GT_IDENT_MAX];
    size_t i;
    int rc = GT_OK;

    for (i = 0; i < w->ndirty && rc == GT_OK; i++) {
        struct ent *e = &w->ents[w->dirty[i]];
        if (!e->dirty) {
            continue;
        }
        e->dirty = 0;
        if (e->id.kind == GT_ID_NONE || gt_ident_format(&e->id, ids, sizeof ids) < 0) {
            continue;
        }
        snprintf(key, sizeof key, "e:%s", ids);
        if (e->kinds == 0 && e->narea == 0) {
            rc = gt_store_watch_state_put(w->o.st, key, NULL, 0);
        } else {
            uint8_t blob[sizeof(uint32_t) + sizeof(struct ent)];
            uint32_t magic = STATE_MAGIC;
            memcpy(blob, &magic, sizeof magic);
            memcpy(blob + sizeof magic, e, sizeof *e);
            rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
        }
    }
    w->ndirty = 0;
    for (i = 0; i < w->ndcells && rc == GT_OK; i++) {
        uint32_t c = w->dcells[i];
        uint8_t blob[sizeof(uint32_t) + sizeof(struct cell)];
        uint32_t magic = STATE_MAGIC;
        w->cell_dirty[c] = 0;
        snprintf(key, sizeof key, "c:%u", c);
        memcpy(blob, &magic, sizeof magic);
        memcpy(blob + sizeof magic, &w->cells[c], sizeof w->cells[c]);
        rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
    }
    w->ndcells = 0;
    if (rc == GT_OK && w->imos_dirty) {
        for (i = 0; i < w->nimos && rc == GT_OK; i++) {
            struct imo_slot *s = &w->imos[i];
            if (s->imo != 0 && s->dirty) {
                uint8_t blob[sizeof(uint32_t) + sizeof *s];
                uint32_t magic = STATE_MAGIC;
                s->dirty = 0;
                snprintf(key, sizeof key, "i:%u", s->imo);
                memcpy(blob, &magic, sizeof magic);
                memcpy(blob + sizeof magic, s, sizeof *s);
                rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
            }
        }
        w->imos_dirty = 0;
    }
    if (rc == GT_OK && w->clock_dirty) {
        struct saved_clock sc;
        memset(&sc, 0, sizeof sc);
        sc.magic = STATE_MAGIC;
        sc.clock[0] = w->clock[0];
        sc.clock[1] = w->clock[1];
        sc.swept[0] = w->swept[0];
        sc.swept[1] = w->swept[1];
        rc = gt_store_watch_state_put(w->o.st, "clock", &sc, sizeof sc);
        w->clock_dirty = 0;
    }
    return rc;
}

int gt__watch_load_row(void *ud, const char *key, const void *p, size_t n)
{
    struct gt_watch *w = ud;
    uint32_t magic;

    if (n < sizeof magic) {
        return GT_OK;
    }
    memcpy(&magic, p, sizeof magic);
    if (magic != STATE_MAGIC) {
        return GT_OK; /* another build's layout: start that row afresh */
    }
    w->stats.restored++;
    if (key[0] == 'e' && key[1] == ':' && n == sizeof magic + sizeof(struct ent)) {
        struct ent tmp, *e;
        unsigned kinds;
        int32_t entry;
        int rc;
        memcpy(&tmp, (const uint8_t *)p + sizeof magic, sizeof tmp);
        if (tmp.id.kind != GT_ID_MMSI && tmp.id.kind != GT_ID_ICAO) {
            return GT_OK;
        }
        rc = gt__watch_get_ent(w, &tmp.id, &e);
        if (rc < 0) {
            return rc;
        }
        /* what the watchlist says now: the direct selectors (get_ent), the
         * texts the identity reported, and the entry that matched it before
         * (a name it has since changed) when that entry is still there */
        kinds = e->kinds;
        entry = e->entry;
        {
            uint32_t next = e->next;
            *e = tmp;
            e->next = next;
        }
        e->kinds = kinds; /* already in the watched list when non-zero */
        e->entry = entry;
        e->entry_h = gt__watch_entry_hash(w, entry);
        e->in_slow = 0;
        e->snext = e->sprev = 0;
        e->dirty = 0;
        if (tmp.entry >= 0 && tmp.entry_h != 0 &&
            gt__watch_entry_hash(w, tmp.entry) == tmp.entry_h) {
            kinds |= tmp.kinds;
            if (entry < 0) {
                entry = tmp.entry;
            }
        }
        if (e->name[0]) {
            gt__watch_match(w, GT_WSEL_NAME, e->name, 0, &kinds, &entry);
            gt__watch_match_globs(w, GT_WSEL_NAME, e->name, &kinds, &entry);
        }
        if (e->callsign[0]) {
            gt__watch_match(w, GT_WSEL_CALLSIGN, e->callsign, 0, &kinds, &entry);
            gt__watch_match_globs(w, GT_WSEL_CALLSIGN, e->callsign, &kinds, &entry);
        }
        if (e->reg[0]) {
            gt__watch_match(w, GT_WSEL_REG, e->reg, 0, &kinds, &entry);
        }
        if (e->imo[0]) {
            gt__watch_match(w, GT_WSEL_IMO, NULL, (uint32_t)strtoul(e->imo, NULL, 10), &kinds,
                            &entry);
        }
        for (magic = 0; magic < e->narea && magic < MAX_AREAS; magic++) {
            const struct gt_watch_entry *a =
                gt_watchlist_get(w->o.wl, (size_t)(uint32_t)e->area_in[magic]);
            if (a == NULL || a->sel != GT_WSEL_AREA) {
                e->narea = 0;
            }
        }
        if (e->narea > MAX_AREAS) {
            e->narea = 0;
        }
        if (kinds == 0 && e->narea == 0) {
            /* no longer watched: drop its row at the next save */
            e->kinds = 1;
            gt__watch_mark_dirty(w, e);
            e->kinds = 0;
            return GT_OK;
        }
        return gt__watch_watch_more(w, e, kinds, entry);
    }
    if (key[0] == 'c' && key[1] == ':' && n == sizeof magic + sizeof(struct cell)) {
        unsigned long c = strtoul(key + 2, NULL, 10);
        if (c < NCELLS) {
            memcpy(&w->cells[c], (const uint8_t *)p + sizeof magic, sizeof(struct cell));
            w->stats.cells++;
        }
        return GT_OK;
    }
    if (key[0] == 'i' && key[1] == ':' && n == sizeof magic + sizeof(struct imo_slot)) {
        struct imo_slot tmp, *s;
        memcpy(&tmp, (const uint8_t *)p + sizeof magic, sizeof tmp);
        if (tmp.imo == 0) {
            return GT_OK;
        }
        if ((w->imos_used + 1) * 2 > w->nimos && gt__watch_imo_grow(w) < 0) {
            return GT_ERR_NOMEM;
        }
        s = gt__watch_imo_slot(w, tmp.imo, 1);
        if (s != NULL) {
            *s = tmp;
            s->dirty = 0;
        }
        return GT_OK;
    }
    if (strcmp(key, "clock") == 0 && n == sizeof(struct saved_clock)) {
        struct saved_clock sc;
        memcpy(&sc, p, sizeof sc);
        w->clock[0] = sc.clock[0];
        w->clock[1] = sc.clock[1];
        w->swept[0] = sc.swept[0];
        w->swept[1] = sc.swept[1];
    }
    return GT_OK;
}
