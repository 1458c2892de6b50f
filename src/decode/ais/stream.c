/*
 * stream.c - from lines of an AIS archive to decoded messages.
 *
 * Handles every receive-time and station form real archives use:
 *   - NMEA 4 tag blocks before a sentence: \s:station,c:seconds|ms,g:n-m-id*hh\
 *     (several per line too, as Spire writes them),
 *   - a leading epoch (s or ms, optional fraction) or ISO 8601 time,
 *   - USCG/NAIS fields after the checksum: ,s..,d..,T..,r<station>,<unix s>
 *     (or b<station>), and the exactEarth ",<unix ms>" suffix,
 *   - Gatehouse $PGHP,1,yyyy,m,d,h,m,s,ms,... lines preceding a sentence.
 * Multi-sentence messages are reassembled in a fixed number of slots keyed
 * by (station, talker, channel, sequence id), or by tag-block group id when
 * there is one; slots expire by message time (never the clock) or by lines
 * when the data carry no time, and every dropped fragment is counted as an
 * orphan.  Type 24 part A names are remembered (8 MMSIs per channel) and
 * joined to the part B that follows, as gpsd does.
 */
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

#define T24_RING 8

struct slot {
    int used;
    int group; /* tag-block group id, -1 none */
    char station[32];
    char talker[3];
    char channel;
    int seq;
    uint8_t nfrag, next; /* fragments expected, next fragment number */
    uint64_t line;       /* line number of the first fragment */
    struct gt_ais_msg msg;
};

struct t24 {
    int used;
    uint32_t mmsi;
    char name[21];
};

struct gt_ais_stream {
    struct gt_ais_stream_config cfg;
    gt_ais_msg_fn *fn;
    void *ud;
    struct gt_ais_counters c;
    struct slot *slots;
    struct gt_ais_msg one; /* single-sentence scratch */
    /* time and station pending for the next sentence: from a Gatehouse
     * $PGHP line, or a tag block alone on its line */
    int64_t pghp_t_ms;
    char pghp_station[32];
    /* the receiver's clock: the last $--ZDA or valid $--RMC, for messages
     * with no time of their own (GT_TIME_NONE: none, or the fix was lost) */
    int64_t gnss_t_ms;
    struct t24 ring[2][T24_RING]; /* per channel (A, B), as gpsd keeps them */
    unsigned ring_next[2];
};

static const char *const reason_names[GT_AISR_COUNT] = {
    "blank",    "junk",   "other_nmea", "checksum", "malformed", "bad_payload",
    "too_long", "orphan", "short",      "bad_type", "strict",    "tagblock",
};

const char *gt_ais_reason_name(enum gt_ais_reason r)
{
    return (unsigned)r < GT_AISR_COUNT ? reason_names[r] : "unknown";
}

struct gt_ais_stream *gt_ais_stream_new(const struct gt_ais_stream_config *cfg, gt_ais_msg_fn *fn,
                                        void *ud)
{
    struct gt_ais_stream *s = gt_calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    if (cfg != NULL) {
        s->cfg = *cfg;
    }
    if (s->cfg.slots == 0) {
        s->cfg.slots = 64;
    }
    if (s->cfg.expiry_ms <= 0) {
        s->cfg.expiry_ms = 60000;
    }
    if (s->cfg.expiry_lines == 0) {
        s->cfg.expiry_lines = 1000;
    }
    s->slots = gt_calloc(s->cfg.slots, sizeof *s->slots);
    if (s->slots == NULL) {
        gt_free(s);
        return NULL;
    }
    s->fn = fn;
    s->ud = ud;
    s->pghp_t_ms = GT_TIME_NONE;
    s->gnss_t_ms = GT_TIME_NONE;
    return s;
}

void gt_ais_stream_free(struct gt_ais_stream *s)
{
    if (s == NULL) {
        return;
    }
    gt_free(s->slots);
    gt_free(s);
}

const struct gt_ais_counters *gt_ais_stream_counters(const struct gt_ais_stream *s)
{
    return &s->c;
}

/* Per-sentence context gathered from the line. */
struct ctx {
    int64_t t_ms;
    char station[32];
    char keystation[32]; /* station from a tag block: part of the reassembly key */
    int group;           /* -1 none */
    int group_n;         /* sentence number in group */
    unsigned quality;
};

static void copy_station(char *dst, const uint8_t *p, size_t n)
{
    size_t k = n < 31 ? n : 31, i;
    for (i = 0; i < k; i++) {
        dst[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
    }
    dst[k] = '\0';
}

static int all_digits(const uint8_t *p, size_t n)
{
    size_t i;
    if (n == 0) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
    }
    return 1;
}

/* A Unix time of 10 (s) or 13 (ms) digits, with an optional fraction. */
static int parse_unix(const uint8_t *p, size_t n, int64_t *t)
{
    const uint8_t *dot = memchr(p, '.', n);
    size_t ni = dot != NULL ? (size_t)(dot - p) : n;
    if (!all_digits(p, ni)) {
        return -1;
    }
    if (ni == 13 && dot == NULL) {
        int64_t v = 0;
        size_t i;
        for (i = 0; i < 13; i++) {
            v = v * 10 + (p[i] - '0');
        }
        *t = v;
        return 0;
    }
    if (ni < 9 || ni > 10) {
        return -1;
    }
    return gt_time_parse((const char *)p, n, t) == GT_OK ? 0 : -1;
}

/* Fields after the checksum: USCG ",s..,d..,T..,r<station>,<unix>" and
 * exactEarth ",<unix ms>". */
static void parse_suffix(const uint8_t *p, size_t n, struct ctx *cx)
{
    size_t i = 0, start;
    while (i < n) {
        if (p[i] == ',') {
            i++;
            continue;
        }
        start = i;
        while (i < n && p[i] != ',' && p[i] != ' ' && p[i] != '\r' && p[i] != '\n' &&
               p[i] != '\\') {
            i++;
        }
        if (i > start) {
            const uint8_t *f = p + start;
            size_t len = i - start;
            int64_t t;
            if ((f[0] == 'r' || f[0] == 'b') && len > 1 && cx->station[0] == '\0') {
                copy_station(cx->station, f, len);
            } else if (f[0] >= '0' && f[0] <= '9' && parse_unix(f, len, &t) == 0 &&
                       cx->t_ms == GT_TIME_NONE) {
                cx->t_ms = t;
            }
        }
        if (i < n && p[i] != ',') {
            break;
        }
    }
}

/* $PGHP,1,yyyy,m,d,h,m,s,ms,country,region,station,...: time (and station)
 * of the next sentence. */
static void parse_pghp(struct gt_ais_stream *s, const uint8_t *p, size_t n)
{
    int64_t v[12];
    size_t i = 0, f = 0, start = 6;
    const uint8_t *stp = NULL;
    size_t stn = 0;
    struct gt_civil c;

    if (n < 6 || memcmp(p, "$PGHP,", 6) != 0) {
        return;
    }
    for (i = 6; i <= n && f < 12; i++) {
        if (i == n || p[i] == ',' || p[i] == '*') {
            const uint8_t *fp = p + start;
            size_t len = i - start;
            v[f] = -1;
            if (all_digits(fp, len) && len < 12) {
                size_t k;
                v[f] = 0;
                for (k = 0; k < len; k++) {
                    v[f] = v[f] * 10 + (fp[k] - '0');
                }
            }
            if (f == 10) {
                stp = fp;
                stn = len;
            }
            f++;
            start = i + 1;
            if (i < n && p[i] == '*') {
                break;
            }
        }
    }
    if (f < 8 || v[0] != 1 || v[1] < 1970 || v[1] > 9999 || v[2] < 1 || v[2] > 12 || v[3] < 1 ||
        v[3] > 31 || v[4] < 0 || v[4] > 23 || v[5] < 0 || v[5] > 59 || v[6] < 0 || v[6] > 60 ||
        v[7] < 0 || v[7] > 999) {
        return;
    }
    c.year = (int)v[1];
    c.month = (int)v[2];
    c.day = (int)v[3];
    c.hour = (int)v[4];
    c.min = (int)v[5];
    c.sec = (int)v[6];
    c.ms = (int)v[7];
    s->pghp_t_ms = gt_time_from_civil(&c);
    s->pghp_station[0] = '\0';
    if (stp != NULL && stn > 0 && all_digits(stp, stn) && !(stn == 1 && stp[0] == '0')) {
        copy_station(s->pghp_station, stp, stn);
    }
}

static void t24_join(struct gt_ais_stream *s, struct gt_ais_msg *m)
{
    unsigned i, ch = m->channel == 'B' ? 1u : 0u;
    struct t24 *ring = s->ring[ch];
    if (m->type != 24) {
        return;
    }
    if (m->part24 == GT_AIS24_A) {
        struct t24 *e = &ring[s->ring_next[ch]];
        e->used = 1;
        e->mmsi = m->mmsi;
        memcpy(e->name, m->name, sizeof e->name);
        e->name[sizeof e->name - 1] = '\0';
        s->ring_next[ch] = (s->ring_next[ch] + 1) % T24_RING;
    } else if (m->part24 == GT_AIS24_B) {
        for (i = 0; i < T24_RING; i++) {
            if (ring[i].used && ring[i].mmsi == m->mmsi) {
                memcpy(m->name, ring[i].name, sizeof ring[i].name);
                ring[i].used = 0;
                m->part24 = GT_AIS24_AB;
                break;
            }
        }
    }
}

static void finish(struct gt_ais_stream *s, struct gt_ais_msg *m)
{
    int rc = gt_ais_decode(m);
    if (rc == GT_ERR_UNSUPPORTED) {
        s->c.reason[GT_AISR_BAD_TYPE]++;
        return;
    }
    if (rc != GT_OK) {
        s->c.reason[GT_AISR_SHORT]++;
        return;
    }
    if (s->cfg.strict && (m->quality & ~(unsigned)GT_AISQ_GNSS_TIME) != 0) {
        s->c.reason[GT_AISR_STRICT]++;
        return;
    }
    t24_join(s, m);
    s->c.messages++;
    if (s->fn != NULL) {
        s->fn(m, s->ud);
    }
}

static void msg_start(struct gt_ais_msg *m, const struct gt_nmea_sentence *ns, const struct ctx *cx,
                      uint64_t off)
{
    /* only the envelope and the first bytes need clearing: bits are ORed in */
    memset(m, 0, offsetof(struct gt_ais_msg, bits));
    memset(m->bits, 0, sizeof m->bits);
    m->t_ms = cx->t_ms;
    memcpy(m->station, cx->station, sizeof m->station);
    m->talker[0] = ns->talker[0];
    m->talker[1] = ns->talker[1];
    m->channel = ns->channel;
    m->own = ns->own;
    m->nfrag = ns->nfrag;
    m->offset = off;
    m->quality = ns->quality | cx->quality;
}

static void drop_slot(struct gt_ais_stream *s, struct slot *sl)
{
    if (sl == NULL) {
        return;
    }
    s->c.reason[GT_AISR_ORPHAN] += (uint64_t)(sl->next - 1);
    sl->used = 0;
}

static void expire(struct gt_ais_stream *s, int64_t now)
{
    unsigned i;
    for (i = 0; i < s->cfg.slots; i++) {
        struct slot *sl = &s->slots[i];
        if (!sl->used) {
            continue;
        }
        if ((now != GT_TIME_NONE && sl->msg.t_ms != GT_TIME_NONE &&
             (now - sl->msg.t_ms > s->cfg.expiry_ms || sl->msg.t_ms - now > s->cfg.expiry_ms)) ||
            s->c.lines - sl->line > s->cfg.expiry_lines) {
            drop_slot(s, sl);
        }
    }
}

/* The reassembly key: the tag-block group when both sides have one, else
 * (station, talker, channel, sequence id), where a station missing on one
 * side (continuation tag blocks often carry only g:) matches any. */
static int same_key(const struct slot *sl, const struct gt_nmea_sentence *ns, const struct ctx *cx)
{
    if (cx->group >= 0 && sl->group >= 0) {
        return sl->group == cx->group;
    }
    return sl->seq == ns->seq && sl->channel == ns->channel && sl->talker[0] == ns->talker[0] &&
           sl->talker[1] == ns->talker[1] &&
           (sl->station[0] == '\0' || cx->keystation[0] == '\0' ||
            strcmp(sl->station, cx->keystation) == 0);
}

static void sentence(struct gt_ais_stream *s, const struct gt_nmea_sentence *ns, struct ctx *cx,
                     uint64_t off)
{
    struct slot *sl = NULL, *oldest = NULL;
    unsigned i;
    int rc;

    s->c.sentences++;
    if (ns->quality & GT_AISQ_NO_CHECKSUM) {
        s->c.no_checksum++;
    }
    if (ns->nfrag == 1) {
        struct gt_ais_msg *m = &s->one;
        msg_start(m, ns, cx, off);
        rc = gt_ais_unarmor(m, ns->payload, ns->npayload, ns->pad, s->cfg.strict);
        if (rc != GT_OK) {
            s->c.reason[rc == GT_ERR_TOOBIG ? GT_AISR_TOO_LONG : GT_AISR_BAD_PAYLOAD]++;
            return;
        }
        finish(s, m);
        return;
    }
    /* expiry by this sentence's own time (archives are not always in time
     * order, so both directions count), or by lines */
    expire(s, cx->t_ms);
    for (i = 0; i < s->cfg.slots; i++) {
        struct slot *c = &s->slots[i];
        if (c->used && same_key(c, ns, cx)) {
            sl = c;
            break;
        }
    }
    if (ns->frag == 1) {
        if (sl != NULL) {
            /* an unfinished message with the same key: sequence ids cycle
             * through 0..9, so a new first fragment means the old
             * message's tail was lost and it can never complete */
            drop_slot(s, sl);
        } else {
            /* a free slot, else the oldest is sacrificed: memory stays
             * bounded however many first fragments a noisy feed sends */
            for (i = 0; i < s->cfg.slots; i++) {
                struct slot *c = &s->slots[i];
                if (!c->used) {
                    sl = c;
                    break;
                }
                if (oldest == NULL || c->line < oldest->line) {
                    oldest = c;
                }
            }
            if (sl == NULL) {
                if (oldest == NULL) {
                    return;
                }
                sl = oldest;
                drop_slot(s, sl);
            }
        }
        sl->used = 1;
        sl->group = cx->group;
        memcpy(sl->station, cx->keystation, sizeof sl->station);
        sl->talker[0] = ns->talker[0];
        sl->talker[1] = ns->talker[1];
        sl->channel = ns->channel;
        sl->seq = ns->seq;
        sl->nfrag = ns->nfrag;
        sl->next = 2;
        sl->line = s->c.lines;
        msg_start(&sl->msg, ns, cx, off);
        if (ns->pad != 0) {
            sl->msg.quality |= GT_AISQ_PAD; /* fill bits before the last fragment */
        }
    } else {
        /* fragments of one message arrive in order on one channel; a
         * missing or repeated one would shift every later payload bit, so
         * the message is dropped rather than decoded misaligned */
        if (sl == NULL || sl->next != ns->frag || sl->nfrag != ns->nfrag) {
            s->c.reason[GT_AISR_ORPHAN]++;
            if (sl != NULL) {
                drop_slot(s, sl);
            }
            return;
        }
        sl->next++;
        sl->msg.quality |= ns->quality;
        if (sl->msg.t_ms == GT_TIME_NONE) {
            sl->msg.t_ms = cx->t_ms;
        }
        if (sl->msg.station[0] == '\0') {
            memcpy(sl->msg.station, cx->station, sizeof sl->msg.station);
        }
        if (ns->frag != ns->nfrag && ns->pad != 0) {
            sl->msg.quality |= GT_AISQ_PAD;
        }
    }
    rc = gt_ais_unarmor(&sl->msg, ns->payload, ns->npayload, ns->pad, s->cfg.strict);
    if (rc != GT_OK) {
        s->c.reason[rc == GT_ERR_TOOBIG ? GT_AISR_TOO_LONG : GT_AISR_BAD_PAYLOAD]++;
        s->c.reason[GT_AISR_ORPHAN] += (uint64_t)(sl->next - 2);
        sl->used = 0;
        return;
    }
    if (ns->frag == ns->nfrag) {
        sl->used = 0;
        finish(s, &sl->msg);
    }
}

/* The leading time of "1420030798 !AIVDM..." or "2020-01-02T03:04:05Z,!AIVDM". */
static int64_t leading_time(const uint8_t *p, size_t n)
{
    int64_t t;
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == ',' || p[n - 1] == ';' || p[n - 1] == '\t')) {
        n--;
    }
    while (n > 0 && (p[0] == ' ' || p[0] == '\t')) {
        p++;
        n--;
    }
    if (n == 0) {
        return GT_TIME_NONE;
    }
    if (parse_unix(p, n, &t) == 0) {
        return t;
    }
    if (n >= 10 && p[4] == '-' && gt_time_parse_iso((const char *)p, n, &t) == GT_OK) {
        return t;
    }
    return GT_TIME_NONE;
}

void gt_ais_stream_feed(struct gt_ais_stream *s, const uint8_t *p, size_t n, uint64_t off)
{
    size_t i = 0;
    struct ctx cx;
    int64_t lead = GT_TIME_NONE;
    int any = 0;

    s->c.lines++;
    while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) {
        n--;
    }
    while (i < n && (p[i] == ' ' || p[i] == '\t')) {
        i++;
    }
    if (i == n || p[i] == '#') {
        s->c.reason[GT_AISR_BLANK]++;
        return;
    }
    cx.t_ms = GT_TIME_NONE;
    cx.station[0] = '\0';
    cx.keystation[0] = '\0';
    cx.group = -1;
    cx.group_n = 0;
    cx.quality = 0;
    /* text before the first '\', '!' or '$' is a leading time (or junk) */
    {
        size_t j = i;
        while (j < n && p[j] != '\\' && p[j] != '!' && p[j] != '$') {
            j++;
        }
        if (j == n) {
            s->c.reason[GT_AISR_JUNK]++;
            return;
        }
        if (j > i) {
            lead = leading_time(p + i, j - i);
        }
        i = j;
    }
    while (i < n) {
        if (p[i] == '\\') {
            const uint8_t *e = memchr(p + i + 1, '\\', n - i - 1);
            struct gt_tagblock tb;
            if (e == NULL || gt_tagblock_parse(p + i + 1, (size_t)(e - p) - i - 1, &tb) != GT_OK) {
                /* damaged tag block (or a literal "\r\n" in a scraped log):
                 * counted, and the line goes on at the next sentence */
                const uint8_t *nx = memchr(p + i + 1, '!', n - i - 1);
                s->c.reason[GT_AISR_TAGBLOCK]++;
                if (nx == NULL) {
                    return;
                }
                i = (size_t)(nx - p);
                continue;
            }
            if (!tb.checksum_ok) {
                s->c.tag_checksum++;
                cx.quality |= GT_AISQ_TAG_CHECKSUM;
            }
            cx.t_ms = tb.t_ms;
            memcpy(cx.station, tb.station, sizeof cx.station);
            memcpy(cx.keystation, tb.station, sizeof cx.keystation);
            cx.group = tb.group_of > 1 ? tb.group_id : -1;
            cx.group_n = tb.group_n;
            i = (size_t)(e - p) + 1;
            continue;
        }
        if (p[i] == '!' || p[i] == '$') {
            /* the sentence runs to the next tag block (Spire) or the end */
            const uint8_t *e = memchr(p + i, '\\', n - i);
            size_t len = e != NULL ? (size_t)(e - p) - i : n - i;
            struct gt_nmea_sentence ns;
            int rc;
            if (len >= 6 && memcmp(p + i, "$PGHP,", 6) == 0) {
                parse_pghp(s, p + i, len);
                s->c.reason[GT_AISR_OTHER_NMEA]++;
                return;
            }
            rc = gt_ais_nmea_parse(p + i, len, &ns);
            any = 1;
            if (rc == GT_ERR_UNSUPPORTED) {
                int64_t clock;
                int crc = gt_ais_nmea_gnss_time(p + i, len, &clock);
                if (crc == GT_OK) {
                    s->gnss_t_ms = clock;
                } else if (crc == GT_ERR_BADDATA) {
                    s->gnss_t_ms = GT_TIME_NONE; /* an RMC without a fix */
                }
                s->c.reason[GT_AISR_OTHER_NMEA]++;
            } else if (rc == GT_ERR_BADDATA) {
                s->c.reason[GT_AISR_MALFORMED]++;
            } else if (rc == GT_ERR_CHECKSUM && !s->cfg.accept_bad_checksum) {
                s->c.reason[GT_AISR_CHECKSUM]++;
            } else {
                if (rc == GT_ERR_CHECKSUM) {
                    ns.quality |= GT_AISQ_NO_CHECKSUM;
                }
                parse_suffix(ns.rest, ns.nrest, &cx);
                if (cx.t_ms == GT_TIME_NONE && s->pghp_t_ms != GT_TIME_NONE) {
                    cx.t_ms = s->pghp_t_ms;
                    if (cx.station[0] == '\0') {
                        memcpy(cx.station, s->pghp_station, sizeof cx.station);
                    }
                }
                if (cx.t_ms == GT_TIME_NONE) {
                    cx.t_ms = lead;
                }
                if (cx.t_ms == GT_TIME_NONE && s->gnss_t_ms != GT_TIME_NONE) {
                    cx.t_ms = s->gnss_t_ms;
                    cx.quality |= GT_AISQ_GNSS_TIME;
                }
                sentence(s, &ns, &cx, off);
            }
            s->pghp_t_ms = GT_TIME_NONE;
            cx.t_ms = GT_TIME_NONE;
            cx.station[0] = '\0';
            cx.keystation[0] = '\0';
            cx.group = -1;
            cx.quality = 0;
            i += len;
            continue;
        }
        i++;
    }
    if (!any) {
        if (cx.t_ms != GT_TIME_NONE || cx.station[0] != '\0') {
            s->pghp_t_ms = cx.t_ms;
            memcpy(s->pghp_station, cx.station, sizeof s->pghp_station);
        } else {
            s->c.reason[GT_AISR_JUNK]++;
        }
    }
}

/* Sniffing: NMEA AIS, MarineCadastre CSV or DMA CSV. */
int gt_ais_sniff(const uint8_t *p, size_t n, enum gt_ais_format *fmt)
{
    size_t i;
    int hits = 0, lines = 0;
    enum gt_ais_format f = GT_AISF_UNKNOWN;
    int conf = 0;

    if ((n >= 11 && memcmp(p, "# Timestamp", 11) == 0) ||
        (n >= 14 && memcmp(p, "Timestamp,Type", 14) == 0)) {
        f = GT_AISF_DMA;
        conf = 95;
    } else if (n >= 5 && (memcmp(p, "MMSI,", 5) == 0 || memcmp(p, "mmsi,", 5) == 0)) {
        /* MarineCadastre: MMSI,BaseDateTime,LAT,LON,... or mmsi,base_date_time,lon,lat */
        const uint8_t *nl = memchr(p, '\n', n);
        size_t hn = nl != NULL ? (size_t)(nl - p) : n;
        for (i = 0; i + 12 <= hn; i++) {
            if (memcmp(p + i, "BaseDateTime", 12) == 0 || memcmp(p + i, "base_date_ti", 12) == 0) {
                f = GT_AISF_MARINECADASTRE;
                conf = 95;
                break;
            }
        }
    }
    if (f == GT_AISF_UNKNOWN) {
        for (i = 0; i + 6 <= n; i++) {
            if (i == 0 || p[i - 1] == '\n') {
                lines++;
            }
            if ((p[i] == '!' || p[i] == '$') &&
                (memcmp(p + i + 3, "VDM,", 3) == 0 || memcmp(p + i + 3, "VDO,", 3) == 0) &&
                i + 7 <= n && p[i + 6] == ',') {
                hits++;
            }
        }
        if (hits > 0) {
            f = GT_AISF_NMEA;
            conf = lines > 0 ? 50 + 50 * (hits < lines ? hits : lines) / lines : 50;
        }
    }
    if (fmt != NULL) {
        *fmt = f;
    }
    return conf;
}
