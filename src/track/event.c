/*
 * event.c - event construction, stable ids and the NDJSON form (see event.h).
 */
#include "ghosttrack/event.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/time.h"

static const char *const type_names[GT_EVENT_TYPE_MAX + 1] = {
    NULL, "gap", "encounter", "loiter", "spoof", "identity", "flight", "port_call", "source_diff",
};

const char *gt_event_type_name(enum gt_event_type t)
{
    if ((int)t < 1 || (int)t > GT_EVENT_TYPE_MAX) {
        return NULL;
    }
    return type_names[t];
}

int gt_event_type_parse(const char *s, size_t n, enum gt_event_type *t)
{
    int i;

    for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
        if (strlen(type_names[i]) == n && memcmp(type_names[i], s, n) == 0) {
            *t = (enum gt_event_type)i;
            return GT_OK;
        }
    }
    return GT_ERR_BADDATA;
}

void gt_event_init(struct gt_event *e, enum gt_event_type t)
{
    memset(e, 0, sizeof *e);
    e->type = t;
    e->score = 1.0;
    gt_buf_init(&e->detail, 4096);
}

void gt_event_release(struct gt_event *e)
{
    gt_buf_release(&e->detail);
}

int gt_event_emit(struct gt_event *e, int rc, gt_event_fn *fn, void *ud)
{
    if (rc == GT_OK) {
        gt_event_seal(e);
        rc = fn(e, ud);
    }
    gt_event_release(e);
    return rc;
}

int gt_event_add_evidence(struct gt_event *e, const struct gt_prov *prov, uint32_t station_id,
                          int64_t t_ms, const char *role)
{
    struct gt_evidence *v;

    if (e->nev >= GT_EVENT_MAX_EVIDENCE) {
        return GT_OK;
    }
    v = &e->ev[e->nev++];
    v->prov = *prov;
    v->station_id = station_id;
    v->t_ms = t_ms;
    memset(v->role, 0, sizeof v->role);
    if (role != NULL) {
        strncpy(v->role, role, sizeof v->role - 1);
    }
    return GT_OK;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Hash an integer byte by byte, little-endian, so ids do not depend on the
 * host's byte order or struct padding. */
static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    int i;

    for (i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    return fnv(h, b, 8);
}

/* Hash the string value of key in the detail text, when there is one:
 * `"key":"value"` (the detail's keys are sorted and unique). */
static uint64_t fnv_key(uint64_t h, const struct gt_buf *d, const char *key)
{
    char pat[24];
    const char *v, *q;

    if (d->p == NULL || (size_t)snprintf(pat, sizeof pat, "\"%s\":\"", key) >= sizeof pat) {
        return h;
    }
    v = strstr(d->p, pat);
    if (v == NULL) {
        return h;
    }
    v += strlen(pat);
    q = strchr(v, '"');
    return q == NULL ? h : fnv(h, v, (size_t)(q - v));
}

void gt_event_seal(struct gt_event *e)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    static const char hex[] = "0123456789abcdef";
    int i;

    h = fnv_u64(h, (uint64_t)e->type);
    h = fnv_u64(h, (uint64_t)e->subject.kind);
    h = fnv_u64(h, e->subject.value);
    h = fnv_u64(h, e->subject.flags);
    h = fnv_u64(h, (uint64_t)e->peer.kind);
    h = fnv_u64(h, e->peer.value);
    h = fnv_u64(h, e->peer.flags);
    h = fnv_u64(h, (uint64_t)e->start_ms);
    /* two events of one subject at one instant (a name and a callsign
     * change, a circle and an invalid id) differ by these */
    h = fnv_key(h, &e->detail, "field");
    h = fnv_key(h, &e->detail, "kind");
    memcpy(e->id, "ev_", 3);
    for (i = 0; i < 16; i++) {
        e->id[3 + i] = hex[(h >> (60 - 4 * i)) & 0xf];
    }
    e->id[19] = '\0';
}

static int put_time(struct gt_buf *b, const char *key, int64_t t_ms)
{
    char ts[GT_TIME_ISO_MAX];

    if (gt_time_format_iso(t_ms, ts, sizeof ts, 0) < 0) {
        return gt_buf_addf(b, "\"%s\":null", key);
    }
    return gt_buf_addf(b, "\"%s\":\"%s\"", key, ts);
}

static int put_ident(struct gt_buf *b, const char *key, const struct gt_ident *id)
{
    char s[GT_IDENT_MAX];

    if (gt_ident_format(id, s, sizeof s) < 0) {
        return gt_buf_addf(b, "\"%s\":null", key);
    }
    return gt_buf_addf(b, "\"%s\":\"%s\"", key, s);
}

static int put_evidence(struct gt_buf *b, const struct gt_evidence *v,
                        const char *(*names)(uint32_t, void *), void *ud)
{
    int rc = gt_buf_addstr(b, "{");

    if (rc == GT_OK && names != NULL && v->prov.kind == GT_PROV_FILE) {
        const char *name = names(v->prov.input_id, ud);
        if (name != NULL) {
            rc = gt_buf_addstr(b, "\"file\":");
            if (rc == GT_OK) {
                rc = gt_esc_json(b, name, strlen(name));
            }
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, ",");
            }
        }
    }
    if (rc == GT_OK) {
        switch (v->prov.kind) {
        case GT_PROV_FILE:
            rc = gt_buf_addf(b, "\"input\":%u,\"offset\":%llu,", (unsigned)v->prov.input_id,
                             (unsigned long long)v->prov.pos);
            break;
        case GT_PROV_STREAM:
            rc = gt_buf_addf(b, "\"seq\":%llu,", (unsigned long long)v->prov.pos);
            break;
        case GT_PROV_NONE:
            break;
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\"role\":");
    }
    if (rc == GT_OK) {
        rc = gt_esc_json(b, v->role, strlen(v->role));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",\"station\":%u", (unsigned)v->station_id);
    }
    if (rc == GT_OK && v->prov.kind == GT_PROV_STREAM) {
        rc = gt_buf_addf(b, ",\"stream\":%u", (unsigned)v->prov.input_id);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK) {
        rc = put_time(b, "t", v->t_ms);
    }
    return rc == GT_OK ? gt_buf_addstr(b, "}") : rc;
}

int gt_event_to_json(const struct gt_event *e, struct gt_buf *out,
                     const char *(*names)(uint32_t input_id, void *ud), void *ud)
{
    const char *detail = gt_buf_len(&e->detail) ? gt_buf_str(&e->detail) : "{}";
    int rc;
    size_t i;

    rc = gt_buf_addf(out, "{\"detail\":%s,", detail);
    if (rc == GT_OK) {
        rc = put_time(out, "end", e->end_ms);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(out, ",\"evidence\":[");
    }
    for (i = 0; rc == GT_OK && i < e->nev; i++) {
        if (i > 0) {
            rc = gt_buf_addstr(out, ",");
        }
        if (rc == GT_OK) {
            rc = put_evidence(out, &e->ev[i], names, ud);
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(out, "],\"id\":\"%s\",", e->id);
    }
    if (rc == GT_OK) {
        rc = e->has_pos ? gt_buf_addf(out, "\"lat\":%.6f,\"lon\":%.6f,", e->lat_deg, e->lon_deg)
                        : gt_buf_addstr(out, "\"lat\":null,\"lon\":null,");
    }
    if (rc == GT_OK) {
        rc = put_ident(out, "peer", &e->peer);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(out, ",\"schema\":1,\"score\":%.3f,", e->score);
    }
    if (rc == GT_OK) {
        rc = put_time(out, "start", e->start_ms);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(out, ",");
    }
    if (rc == GT_OK) {
        rc = put_ident(out, "subject", &e->subject);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(out, ",\"type\":\"%s\"}\n", gt_event_type_name(e->type));
    }
    return rc;
}
