/*
 * frame.c - cutting Mode S frames out of bytes: AVR text, Beast binary,
 * SBS-1 (BaseStation) CSV, OpenSky raw CSV and "<epoch> <hex>" lines.
 *
 * AVR (dump1090 --raw and its relatives): one frame per line, "*HEX;" and
 * ":HEX;" with no time, "@TTTTTTTTTTTTHEX;" and "%TTTTTTTTTTTTHEX;" with a
 * 12-digit 12 MHz counter (optional for '%'), and "<TTTTTTTTTTTTSSHEX;" with
 * a signal byte.  The number of hex digits decides which parts are present:
 * 4/14/28 message digits, plus 12 counter digits, plus 2 signal digits.
 *
 * Beast binary (Mode-S Beast protocol as served on port 30005): 0x1a, a type
 * byte, a 6-byte 12 MHz counter, a signal byte and the message; every 0x1a
 * inside a frame is doubled.  Types '1' Mode A/C (2 bytes), '2' Mode S
 * short (7), '3' Mode S long (14), '4' Radarcape status and '5' (both laid
 * out like '3'; '4' is not a message, but its GPS bit switches the time
 * stamps to GPS time of day; '5' is decoded as a long frame); 0x1a 0xe3 is followed by an 8-byte
 * receiver id that tags the frames after it.
 *
 * SBS-1: 22 comma-separated fields "MSG,type,session,aircraft,HEX,flight,
 * date gen,time gen,date log,time log,callsign,alt,gs,track,lat,lon,vrate,
 * squawk,alert,emergency,spi,ground"; flags are "-1"/"0" (or "1"/"0").
 *
 * OpenSky raw CSV: a header line naming the columns decides where "rawmsg"
 * (hex) and "mintime" (epoch seconds) are.  Epoch-hex lines: the first token
 * is epoch seconds, the first 14- or 28-digit hex token is the message.
 */
#include <math.h>
#include <string.h>

#include "ghosttrack/modes.h"
#include "ghosttrack/text.h"
#include "ghosttrack/time.h"

/* Value of each byte as a hex digit, -1 for the others: the framing of AVR
 * text is one lookup a digit (a branch per character class cost as much as
 * the decoding of the message). */
static const signed char hexv[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  -1, -1, -1, -1, -1, -1, -1, 10, 11, 12, 13, 14, 15, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

/* Decode 2*n hex digits into out. */
static int hex_bytes(const uint8_t *p, size_t n, uint8_t *out)
{
    size_t i;
    int bad = 0;

    for (i = 0; i < n; i++) {
        int hi = hexv[p[2 * i]], lo = hexv[p[2 * i + 1]];
        bad |= hi | lo; /* negative once any digit is not one */
        out[i] = (uint8_t)(((unsigned)hi << 4 | (unsigned)lo) & 0xffu);
    }
    return bad < 0 ? GT_ERR_BADDATA : GT_OK;
}

static uint64_t hex_u64(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        v = (v << 4) | (uint64_t)(hexv[p[i]] & 15);
    }
    return v;
}

static void frame_clear(struct gt_modes_frame *fr, enum gt_modes_framing framing)
{
    memset(fr, 0, sizeof *fr);
    fr->framing = framing;
    fr->t_ms = GT_TIME_NONE;
    fr->signal = -1;
}

/* Epoch seconds with an optional fraction ("1457996400", "1495353600.25")
 * to milliseconds. */
static int epoch_ms(const uint8_t *p, size_t n, int64_t *ms)
{
    int64_t sec = 0, frac = 0, scale = 1000;
    size_t i = 0, digits = 0;

    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++) {
        if (digits >= 12) {
            return GT_ERR_BADDATA;
        }
        sec = sec * 10 + (p[i] - '0');
    }
    if (digits == 0) {
        return GT_ERR_BADDATA;
    }
    if (i < n && p[i] == '.') {
        for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
            if (scale > 1) {
                scale /= 10;
                frac += (p[i] - '0') * scale;
            }
        }
    }
    if (i != n) {
        return GT_ERR_BADDATA;
    }
    *ms = sec * 1000 + frac;
    return GT_OK;
}

static size_t trim_end(const uint8_t *p, size_t n)
{
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) {
        n--;
    }
    return n;
}

static int is_msg_len(size_t hexlen)
{
    return hexlen == 4 || hexlen == 14 || hexlen == 28;
}

/* ---- AVR --------------------------------------------------------------- */

static int avr_line(const uint8_t *p, size_t n, struct gt_modes_frame *fr)
{
    uint8_t lead;
    size_t h = 0, msg_off = 0;

    if (n > 0 && p[n - 1] == ';') {
        n--;
    }
    if (n < 5) {
        return GT_ERR_BADDATA;
    }
    lead = p[0];
    if (lead != '*' && lead != '@' && lead != '%' && lead != ':' && lead != '<') {
        return GT_ERR_BADDATA;
    }
    p++;
    n--;
    while (h < n && hexv[p[h]] >= 0) {
        h++;
    }
    if (h != n) {
        return GT_ERR_BADDATA;
    }
    if (lead == '<' && is_msg_len(h - 14) && h > 14) {
        fr->rx_ts = hex_u64(p, 12);
        fr->has_rx_ts = 1;
        fr->signal = gt_text_hexval(p[12]) << 4 | gt_text_hexval(p[13]);
        msg_off = 14;
    } else if (lead != '<' && is_msg_len(h)) {
        msg_off = 0;
    } else if ((lead == '@' || lead == '%') && h > 12 && is_msg_len(h - 12)) {
        fr->rx_ts = hex_u64(p, 12);
        fr->has_rx_ts = 1;
        msg_off = 12;
    } else {
        return GT_ERR_BADDATA;
    }
    fr->len = (h - msg_off) / 2;
    return hex_bytes(p + msg_off, fr->len, fr->msg);
}

/* ---- CSV helpers --------------------------------------------------------- */

/* Split a line at separator sep into at most max fields (start, length). */
static size_t split(const uint8_t *p, size_t n, uint8_t sep, const uint8_t **f, size_t *fl,
                    size_t max)
{
    size_t k = 0, start = 0, i;

    for (i = 0; i <= n && k < max; i++) {
        if (i == n || p[i] == sep) {
            f[k] = p + start;
            fl[k] = i - start;
            k++;
            start = i + 1;
        }
    }
    return k;
}

/* Strip surrounding quotes and spaces of a field. */
static void unquote(const uint8_t **f, size_t *fl)
{
    while (*fl > 0 && (**f == ' ' || **f == '"')) {
        (*f)++;
        (*fl)--;
    }
    while (*fl > 0 && ((*f)[*fl - 1] == ' ' || (*f)[*fl - 1] == '"')) {
        (*fl)--;
    }
}

static int all_hex(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (gt_text_hexval(p[i]) < 0) {
            return 0;
        }
    }
    return n > 0;
}

/* ---- epoch-hex and OpenSky ---------------------------------------------- */

static int epochhex_line(const uint8_t *p, size_t n, struct gt_modes_frame *fr)
{
    const uint8_t *f[8];
    size_t fl[8], k, i;
    uint8_t sep = memchr(p, ',', n) ? ',' : ' ';
    int64_t t;

    k = split(p, n, sep, f, fl, 8);
    if (k < 2) {
        return GT_ERR_BADDATA;
    }
    unquote(&f[0], &fl[0]);
    if (epoch_ms(f[0], fl[0], &t) < 0) {
        return GT_ERR_BADDATA;
    }
    for (i = 1; i < k; i++) {
        unquote(&f[i], &fl[i]);
        if ((fl[i] == 14 || fl[i] == 28) && all_hex(f[i], fl[i])) {
            fr->t_ms = t;
            fr->len = fl[i] / 2;
            return hex_bytes(f[i], fr->len, fr->msg);
        }
    }
    return GT_ERR_BADDATA;
}

static int field_is(const uint8_t *f, size_t fl, const char *s)
{
    return fl == strlen(s) && memcmp(f, s, fl) == 0;
}

static int opensky_line(struct gt_modes_framer *fm, const uint8_t *p, size_t n,
                        struct gt_modes_frame *fr)
{
    const uint8_t *f[32];
    size_t fl[32], k, i;
    int64_t t;

    k = split(p, n, ',', f, fl, 32);
    for (i = 0; i < k; i++) {
        unquote(&f[i], &fl[i]);
    }
    if (fm->opensky_col_msg < 0 || field_is(f[0], fl[0], "rawmsg") ||
        field_is(f[0], fl[0], "mintime")) {
        int cm = -1, ct = -1;
        for (i = 0; i < k; i++) {
            if (field_is(f[i], fl[i], "rawmsg")) {
                cm = (int)i;
            } else if (field_is(f[i], fl[i], "mintime")) {
                ct = (int)i;
            }
        }
        if (cm >= 0) {
            fm->opensky_col_msg = cm;
            fm->opensky_col_time = ct;
            return GT_ERR_AGAIN;
        }
        if (fm->opensky_col_msg < 0) {
            return GT_ERR_BADDATA;
        }
    }
    if ((size_t)fm->opensky_col_msg >= k) {
        return GT_ERR_BADDATA;
    }
    i = (size_t)fm->opensky_col_msg;
    if (!is_msg_len(fl[i]) || !all_hex(f[i], fl[i])) {
        return GT_ERR_BADDATA;
    }
    fr->len = fl[i] / 2;
    if (hex_bytes(f[i], fr->len, fr->msg) < 0) {
        return GT_ERR_BADDATA;
    }
    if (fm->opensky_col_time >= 0 && (size_t)fm->opensky_col_time < k &&
        epoch_ms(f[fm->opensky_col_time], fl[fm->opensky_col_time], &t) == GT_OK) {
        fr->t_ms = t;
    }
    return GT_OK;
}

/* ---- SBS ------------------------------------------------------------------ */

static int parse_int(const uint8_t *p, size_t n, long *v)
{
    long r = 0;
    size_t i = 0;
    int neg = 0;

    if (n > 0 && (p[0] == '-' || p[0] == '+')) {
        neg = p[0] == '-';
        i = 1;
    }
    if (i == n || n - i > 9) {
        return 0;
    }
    for (; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
        r = r * 10 + (p[i] - '0');
    }
    *v = neg ? -r : r;
    return 1;
}

static int parse_dbl(const uint8_t *p, size_t n, double *v)
{
    double r = 0, scale = 1;
    size_t i = 0;
    int neg = 0, digits = 0, dot = 0;

    if (n > 0 && (p[0] == '-' || p[0] == '+')) {
        neg = p[0] == '-';
        i = 1;
    }
    if (n - i > 20) {
        return 0;
    }
    for (; i < n; i++) {
        if (p[i] == '.' && !dot) {
            dot = 1;
        } else if (p[i] >= '0' && p[i] <= '9') {
            if (dot) {
                scale /= 10;
                r += (p[i] - '0') * scale;
            } else {
                r = r * 10 + (p[i] - '0');
            }
            digits++;
        } else {
            return 0;
        }
    }
    if (digits == 0) {
        return 0;
    }
    *v = neg ? -r : r;
    return 1;
}

static int flag(const uint8_t *p, size_t n)
{
    return n > 0 && (p[0] == '1' || (p[0] == '-' && n > 1 && p[1] == '1'));
}

static int32_t i32(long v)
{
    return (int32_t)v;
}

static unsigned uns(long v)
{
    return (unsigned)v;
}

static uint32_t u32(uint64_t v)
{
    return (uint32_t)v;
}

/* "2016/01/01" + "12:00:00.000" to ms. */
static int sbs_time(const uint8_t *d, size_t dn, const uint8_t *t, size_t tn, int64_t *ms)
{
    char buf[40];
    size_t i;

    if (dn != 10 || tn < 8 || tn > 15) {
        return GT_ERR_BADDATA;
    }
    for (i = 0; i < dn; i++) {
        buf[i] = (char)(d[i] == '/' ? '-' : d[i]);
    }
    buf[dn] = 'T';
    memcpy(buf + dn + 1, t, tn);
    buf[dn + 1 + tn] = 'Z';
    return gt_time_parse_iso(buf, dn + tn + 2, ms);
}

static int sbs_line(const uint8_t *p, size_t n, struct gt_modes_frame *fr)
{
    const uint8_t *f[24];
    size_t fl[24], k, i;
    struct gt_sbs_rec *r = &fr->sbs;
    long v;
    int64_t t;

    k = split(p, n, ',', f, fl, 24);
    if (k < 2) {
        return GT_ERR_BADDATA;
    }
    if (!field_is(f[0], fl[0], "MSG")) {
        /* SEL, ID, AIR, STA, CLK records carry no observation */
        if (field_is(f[0], fl[0], "SEL") || field_is(f[0], fl[0], "ID") ||
            field_is(f[0], fl[0], "AIR") || field_is(f[0], fl[0], "STA") ||
            field_is(f[0], fl[0], "CLK")) {
            return GT_ERR_AGAIN;
        }
        return GT_ERR_BADDATA;
    }
    if (k < 11 || !parse_int(f[1], fl[1], &v) || v < 1 || v > 8 || fl[4] != 6 ||
        !all_hex(f[4], 6)) {
        return GT_ERR_BADDATA;
    }
    memset(r, 0, sizeof *r);
    r->msg_type = (int)v;
    r->addr = u32(hex_u64(f[4], 6));
    if (sbs_time(f[6], fl[6], f[7], fl[7], &t) == GT_OK) {
        fr->t_ms = t;
    }
    for (i = k; i < 22; i++) {
        f[i] = p + n;
        fl[i] = 0;
    }
    if (fl[10] > 0) {
        size_t m = 0;
        for (i = 0; i < fl[10] && m < 8; i++) {
            if (f[10][i] != ' ') {
                r->callsign[m++] = (char)f[10][i];
            }
        }
        r->callsign[m] = '\0';
        if (m > 0) {
            r->has |= GT_MODES_HAS_CALLSIGN;
        }
    }
    if (parse_int(f[11], fl[11], &v) && v > -2000 && v < 200000) {
        r->alt_ft = i32(v);
        r->has |= GT_MODES_HAS_ALT;
    }
    if (parse_dbl(f[12], fl[12], &r->gs_kt) && r->gs_kt >= 0 && r->gs_kt < 5000) {
        r->has |= GT_MODES_HAS_GS;
    }
    if (parse_dbl(f[13], fl[13], &r->track_deg) && r->track_deg >= 0 && r->track_deg <= 360) {
        r->has |= GT_MODES_HAS_TRACK;
    }
    if (parse_dbl(f[14], fl[14], &r->lat_deg) && parse_dbl(f[15], fl[15], &r->lon_deg) &&
        r->lat_deg >= -90 && r->lat_deg <= 90 && r->lon_deg >= -180 && r->lon_deg <= 180 &&
        (fabs(r->lat_deg) > 1e-9 || fabs(r->lon_deg) > 1e-9)) {
        r->has |= GT_MODES_HAS_CPR;
    }
    if (parse_int(f[16], fl[16], &v) && v > -30000 && v < 30000) {
        r->vrate_fpm = i32(v);
        r->has |= GT_MODES_HAS_VRATE;
    }
    if (fl[17] == 4 && parse_int(f[17], 4, &v) && v >= 0) {
        r->squawk = uns(v);
        r->has |= GT_MODES_HAS_SQUAWK;
    }
    r->alert = flag(f[18], fl[18]);
    r->emergency = flag(f[19], fl[19]);
    r->spi = flag(f[20], fl[20]);
    if (fl[21] > 0) {
        r->on_ground = flag(f[21], fl[21]);
        r->has |= GT_MODES_HAS_GROUND;
    }
    return GT_OK;
}

/* ---- lines and the framer ------------------------------------------------ */

void gt_modes_framer_init(struct gt_modes_framer *f, enum gt_modes_framing framing)
{
    memset(f, 0, sizeof *f);
    f->framing = framing;
    f->opensky_col_msg = -1;
    f->opensky_col_time = -1;
}

int gt_modes_framer_line(struct gt_modes_framer *f, const uint8_t *p, size_t n,
                         struct gt_modes_frame *fr)
{
    frame_clear(fr, f->framing);
    fr->rx_id = f->rx_id;
    if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) { /* UTF-8 BOM */
        p += 3;
        n -= 3;
    }
    n = trim_end(p, n);
    while (n > 0 && (p[0] == ' ' || p[0] == '\t')) {
        p++;
        n--;
    }
    if (n == 0 || p[0] == '#') {
        return GT_ERR_AGAIN;
    }
    switch (f->framing) {
    case GT_MODES_FRAMING_AVR:
        return avr_line(p, n, fr);
    case GT_MODES_FRAMING_SBS:
        return sbs_line(p, n, fr);
    case GT_MODES_FRAMING_OPENSKY:
        return opensky_line(f, p, n, fr);
    case GT_MODES_FRAMING_EPOCHHEX:
        return epochhex_line(p, n, fr);
    default:
        return GT_ERR_BADDATA;
    }
}

/* Handle one complete line at stream offset off. */
static int do_line(struct gt_modes_framer *f, const uint8_t *p, size_t n, uint64_t off,
                   gt_modes_frame_fn cb, void *ctx)
{
    struct gt_modes_frame fr;
    int rc = gt_modes_framer_line(f, p, n, &fr);

    if (rc == GT_ERR_AGAIN) {
        return 0;
    }
    if (rc < 0) {
        f->nbad++;
        return 0;
    }
    fr.offset = off;
    return cb(ctx, &fr);
}

static int feed_text(struct gt_modes_framer *f, const uint8_t *p, size_t n, int at_eof,
                     gt_modes_frame_fn cb, void *ctx)
{
    size_t i = 0;
    int rc;

    while (i < n) {
        const uint8_t *nl = memchr(p + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - p) : n;
        size_t seg = end - i;

        rc = 0;
        if (f->len == 0 && nl != NULL && !f->skipping) {
            rc = do_line(f, p + i, seg, f->base + i, cb, ctx); /* zero-copy */
        } else {
            if (!f->skipping && f->len + seg > sizeof f->buf) {
                f->nbad++; /* overlong line: count once, drop to its end */
                f->skipping = 1;
            }
            if (!f->skipping) {
                memcpy(f->buf + f->len, p + i, seg);
                f->len += seg;
            }
            if (nl != NULL) {
                if (!f->skipping) {
                    rc = do_line(f, f->buf, f->len, f->base + i + seg - f->len, cb, ctx);
                }
                f->len = 0;
                f->skipping = 0;
            }
        }
        i = nl ? end + 1 : n;
        if (rc != 0) {
            f->base += i;
            return rc;
        }
    }
    f->base += n;
    if (at_eof && (f->len > 0 || f->skipping)) {
        rc = f->skipping ? 0 : do_line(f, f->buf, f->len, f->base - f->len, cb, ctx);
        f->len = 0;
        f->skipping = 0;
        return rc;
    }
    return 0;
}

/* Beast: buf[0] holds the type byte, buf[1..] the unescaped body. */
enum { BEAST_IDLE = 0, BEAST_TYPE = 1, BEAST_BODY = 2 };

static size_t beast_need(uint8_t type)
{
    switch (type) {
    case '1':
        return 6 + 1 + 2;
    case '2':
        return 6 + 1 + 7;
    case '3':
    case '4':
    case '5':
        return 6 + 1 + 14;
    case 0xe3:
        return 8;
    default:
        return 0;
    }
}

/* One whole Beast frame: its type byte and unescaped body b. */
static int beast_emit(struct gt_modes_framer *f, uint8_t type, const uint8_t *b,
                      gt_modes_frame_fn cb, void *ctx)
{
    struct gt_modes_frame fr;

    if (type == 0xe3) {
        uint64_t id = 0;
        int i;
        for (i = 0; i < 8; i++) {
            id = (id << 8) | b[i];
        }
        f->rx_id = id;
        return 0;
    }
    if (type == '4') {
        /* Radarcape status, not a message.  Bit 4 of its first byte says
         * the time stamps are GPS time of day (seconds << 30 | ns) rather
         * than a 12 MHz counter (as mlat-client's modes_reader reads it):
         * from here on the frames carry that, never the other way round,
         * so a caller's --beast-gps is kept. */
        if (b[7] & 0x10) {
            f->gps_ts = 1;
        }
        return 0;
    }
    frame_clear(&fr, GT_MODES_FRAMING_BEAST);
    fr.rx_id = f->rx_id;
    fr.gps_ts = f->gps_ts;
    fr.rx_ts = ((uint64_t)b[0] << 40) | ((uint64_t)b[1] << 32) | ((uint64_t)b[2] << 24) |
               ((uint64_t)b[3] << 16) | ((uint64_t)b[4] << 8) | b[5];
    fr.has_rx_ts = fr.rx_ts != 0;
    fr.signal = b[6];
    fr.len = beast_need(type) - 7;
    memcpy(fr.msg, b + 7, fr.len);
    fr.offset = f->fstart;
    return cb(ctx, &fr);
}

static int feed_beast(struct gt_modes_framer *f, const uint8_t *p, size_t n, int at_eof,
                      gt_modes_frame_fn cb, void *ctx)
{
    size_t i;
    int rc;
    uint64_t start = f->base;

    for (i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (f->bstate == BEAST_IDLE) {
            size_t need;
            if (c == 0x1a && i + 1 < n && (need = beast_need(p[i + 1])) != 0 && need <= n - i - 2 &&
                memchr(p + i + 2, 0x1a, need) == NULL) {
                /* the usual case, a whole frame without escapes in the
                 * input: emitted where it lies, not byte by byte */
                f->fstart = start + i;
                rc = beast_emit(f, p[i + 1], p + i + 2, cb, ctx);
                i += 1 + need;
                if (rc != 0) {
                    f->base = start + i + 1;
                    return rc;
                }
                continue;
            }
            if (c == 0x1a) {
                f->bstate = BEAST_TYPE;
                f->fstart = start + i;
            }
            continue;
        }
        if (f->bstate == BEAST_TYPE) {
            if (beast_need(c) == 0) {
                if (c != 0x1a) {
                    f->nbad++; /* unknown frame type */
                }
                f->bstate = BEAST_IDLE;
                continue;
            }
            f->buf[0] = c;
            f->len = 1;
            f->besc = 0;
            f->bstate = BEAST_BODY;
            continue;
        }
        if (f->besc) { /* previous byte was a lone 0x1a */
            f->besc = 0;
            if (c != 0x1a) {
                /* a new frame began inside this one: drop the broken frame */
                f->nbad++;
                f->fstart = start + i - 1;
                if (beast_need(c) == 0) {
                    f->bstate = BEAST_IDLE;
                    continue;
                }
                f->buf[0] = c;
                f->len = 1;
                continue;
            }
        } else if (c == 0x1a) {
            f->besc = 1;
            continue;
        }
        f->buf[f->len++] = c;
        if (f->len == 1 + beast_need(f->buf[0])) {
            f->bstate = BEAST_IDLE;
            rc = beast_emit(f, f->buf[0], f->buf + 1, cb, ctx);
            if (rc != 0) {
                f->base = start + i + 1;
                return rc;
            }
        }
    }
    f->base = start + n;
    if (at_eof && f->bstate == BEAST_BODY) {
        f->nbad++; /* a frame cut off by the end of the input */
        f->bstate = BEAST_IDLE;
    }
    return 0;
}

int gt_modes_framer_feed(struct gt_modes_framer *f, const uint8_t *p, size_t n, int at_eof,
                         gt_modes_frame_fn cb, void *ctx)
{
    if (f->framing == GT_MODES_FRAMING_BEAST) {
        return feed_beast(f, p, n, at_eof, cb, ctx);
    }
    return feed_text(f, p, n, at_eof, cb, ctx);
}

/* ---- sniffing ------------------------------------------------------------ */

enum gt_modes_framing gt_modes_sniff(const uint8_t *p, size_t n, int *confidence)
{
    static const enum gt_modes_framing text[] = {GT_MODES_FRAMING_AVR, GT_MODES_FRAMING_SBS,
                                                 GT_MODES_FRAMING_EPOCHHEX};
    size_t i, beast = 0;
    enum gt_modes_framing best = GT_MODES_FRAMING_UNKNOWN;
    int best_score = 0;

    *confidence = 0;
    if (p == NULL || n == 0) {
        return GT_MODES_FRAMING_UNKNOWN;
    }
    for (i = 0; i + 1 < n; i++) {
        if (p[i] == 0x1a && (p[i + 1] == '2' || p[i + 1] == '3' || p[i + 1] == '1')) {
            beast++;
        }
    }
    if (p[0] == 0x1a && beast >= 1) {
        *confidence = beast >= 3 ? 95 : 70;
        return GT_MODES_FRAMING_BEAST;
    }
    {
        /* OpenSky header */
        const uint8_t *nl = memchr(p, '\n', n);
        size_t l = nl ? (size_t)(nl - p) : n;
        for (i = 0; i + 6 <= l; i++) {
            if (memcmp(p + i, "rawmsg", 6) == 0) {
                *confidence = 90;
                return GT_MODES_FRAMING_OPENSKY;
            }
        }
    }
    for (i = 0; i < sizeof text / sizeof text[0]; i++) {
        struct gt_modes_framer f;
        struct gt_modes_frame fr;
        size_t pos = 0, lines = 0, good = 0;
        gt_modes_framer_init(&f, text[i]);
        while (pos < n && lines < 20) {
            const uint8_t *nl = memchr(p + pos, '\n', n - pos);
            size_t end = nl ? (size_t)(nl - p) : n;
            int rc;
            if (nl == NULL && lines > 0) {
                break; /* a partial last line of the sniff window */
            }
            rc = gt_modes_framer_line(&f, p + pos, end - pos, &fr);
            if (rc != GT_ERR_AGAIN) {
                lines++;
                good += rc == GT_OK;
            }
            pos = end + 1;
        }
        if (lines > 0) {
            int score = (int)(good * 100 / lines);
            if (score > best_score) {
                best_score = score;
                best = text[i];
            }
        }
    }
    if (best_score >= 50) {
        *confidence = best_score > 95 ? 95 : best_score;
        return best;
    }
    return GT_MODES_FRAMING_UNKNOWN;
}
