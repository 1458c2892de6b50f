/*
 * test_modes_frame.c - framing of Mode S inputs from bytes: AVR variants,
 * Beast binary with 0x1a escaping, receiver ids and every split point, SBS-1
 * CSV, OpenSky raw CSV with its header, epoch-hex lines, overlong lines, and
 * content sniffing.
 */
#include <stdint.h>
#include <string.h>

#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"
#include "test.h"

#define MAXF 16

struct got {
    struct gt_modes_frame f[MAXF];
    int n;
};

static int collect(void *ctx, const struct gt_modes_frame *fr)
{
    struct got *g = ctx;
    if (g->n < MAXF) {
        g->f[g->n] = *fr;
    }
    g->n++;
    return 0;
}

static struct got run(enum gt_modes_framing fm, const void *p, size_t n, uint64_t *bad)
{
    struct gt_modes_framer f;
    struct got g;
    memset(&g, 0, sizeof g);
    gt_modes_framer_init(&f, fm);
    GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, p, n, 1, collect, &g), 0);
    if (bad != NULL) {
        *bad = f.nbad;
    }
    return g;
}

static const uint8_t ident[14] = {0x8D, 0x48, 0x40, 0xD6, 0x20, 0x2C, 0xC3,
                                  0x71, 0xC3, 0x2C, 0xE0, 0x57, 0x60, 0x98};

static void test_avr(void)
{
    static const char in[] = "*8D4840D6202CC371C32CE0576098;\n"
                             "@0000A1B2C3D48D4840D6202CC371C32CE0576098;\r\n"
                             "<0000A1B2C3D4F08D4840D6202CC371C32CE0576098;\n"
                             "%0000000000015D4840D6A248F5;\n"
                             ":5D4840D6A248F5;\n"
                             "*7700;\n"
                             "\n"
                             "*8D4840;\n"
                             "*8D4840D6202CC371C32CE05760ZZ;\n"
                             "*8D4840D6202CC371C32CE0576098";
    uint64_t bad;
    struct got g = run(GT_MODES_FRAMING_AVR, in, strlen(in), &bad);
    GT_ASSERT_EQ_INT(g.n, 7);
    GT_ASSERT_EQ_INT(bad, 2);
    GT_ASSERT_EQ_INT(g.f[0].len, 14);
    GT_ASSERT(memcmp(g.f[0].msg, ident, 14) == 0);
    GT_ASSERT_EQ_INT(g.f[0].has_rx_ts, 0);
    GT_ASSERT_EQ_INT(g.f[0].offset, 0);
    GT_ASSERT_EQ_INT(g.f[1].has_rx_ts, 1);
    GT_ASSERT_EQ_INT(g.f[1].rx_ts, 0xA1B2C3D4);
    GT_ASSERT_EQ_INT(g.f[1].offset, 31);
    GT_ASSERT(memcmp(g.f[1].msg, ident, 14) == 0);
    GT_ASSERT_EQ_INT(g.f[2].signal, 0xF0);
    GT_ASSERT(memcmp(g.f[2].msg, ident, 14) == 0);
    GT_ASSERT_EQ_INT(g.f[3].len, 7);
    GT_ASSERT_EQ_INT(g.f[3].rx_ts, 1);
    GT_ASSERT_EQ_INT(g.f[4].len, 7);
    GT_ASSERT_EQ_INT(g.f[5].len, 2);  /* Mode A/C */
    GT_ASSERT_EQ_INT(g.f[6].len, 14); /* last line without newline, flushed at EOF */
}

static void test_avr_split_everywhere(void)
{
    static const char in[] = "*8D4840D6202CC371C32CE0576098;\n@0000A1B2C3D45D4840D6A248F5;\n";
    size_t cut;
    for (cut = 0; cut <= sizeof in - 1; cut++) {
        struct gt_modes_framer f;
        struct got g;
        memset(&g, 0, sizeof g);
        gt_modes_framer_init(&f, GT_MODES_FRAMING_AVR);
        GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, (const uint8_t *)in, cut, 0, collect, &g), 0);
        GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, (const uint8_t *)in + cut, sizeof in - 1 - cut, 1,
                                              collect, &g),
                         0);
        GT_ASSERT_EQ_INT(g.n, 2);
        GT_ASSERT_EQ_INT(g.f[1].offset, 31);
        GT_ASSERT_EQ_INT(g.f[1].rx_ts, 0xA1B2C3D4);
    }
}

static void test_overlong_line(void)
{
    static char in[3000];
    uint64_t bad;
    struct got g;
    memset(in, 'A', sizeof in);
    in[0] = '*';
    memcpy(in + 2000, "\n*8D4840D6202CC371C32CE0576098;\n", 32);
    g = run(GT_MODES_FRAMING_AVR, in, 2032, &bad);
    GT_ASSERT_EQ_INT(g.n, 1);
    GT_ASSERT_EQ_INT(bad, 1);
    GT_ASSERT_EQ_INT(g.f[0].offset, 2001);
}

/* Beast frame with escaping into out; returns its length. */
static size_t beast(uint8_t *out, uint8_t type, uint64_t ts, uint8_t sig, const uint8_t *d,
                    size_t n)
{
    uint8_t raw[32];
    size_t k = 0, i, o = 0;
    for (i = 0; i < 6; i++) {
        raw[k++] = (uint8_t)(ts >> (40 - 8 * i));
    }
    raw[k++] = sig;
    memcpy(raw + k, d, n);
    k += n;
    out[o++] = 0x1a;
    out[o++] = type;
    for (i = 0; i < k; i++) {
        out[o++] = raw[i];
        if (raw[i] == 0x1a) {
            out[o++] = 0x1a;
        }
    }
    return o;
}

static void test_beast(void)
{
    uint8_t in[256];
    size_t n = 0, cut;
    static const uint8_t id[] = {0x1a, 0xe3, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x1a, 0x1a, 0x08};
    static const uint8_t df11[7] = {0x5D, 0x48, 0x40, 0xD6, 0xA2, 0x48, 0xF5};
    static const uint8_t ac[2] = {0x1a, 0x00};
    n += beast(in + n, '3', 0x1a0000001a1aULL, 0x1a, ident, 14);
    memcpy(in + n, id, sizeof id);
    n += sizeof id;
    n += beast(in + n, '2', 12000000, 200, df11, 7);
    n += beast(in + n, '1', 5, 1, ac, 2);
    n += beast(in + n, '4', 6, 1, ident, 14); /* status: skipped */
    for (cut = 0; cut <= n; cut++) {
        struct gt_modes_framer f;
        struct got g;
        memset(&g, 0, sizeof g);
        gt_modes_framer_init(&f, GT_MODES_FRAMING_BEAST);
        GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, in, cut, 0, collect, &g), 0);
        GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, in + cut, n - cut, 1, collect, &g), 0);
        GT_ASSERT_EQ_INT(g.n, 3);
        GT_ASSERT_EQ_INT(f.nbad, 0);
        GT_ASSERT(memcmp(g.f[0].msg, ident, 14) == 0);
        GT_ASSERT_EQ_INT(g.f[0].rx_ts, 0x1a0000001a1aULL);
        GT_ASSERT_EQ_INT(g.f[0].signal, 0x1a);
        GT_ASSERT_EQ_INT(g.f[0].rx_id, 0);
        GT_ASSERT_EQ_INT(g.f[0].offset, 0);
        GT_ASSERT_EQ_INT(g.f[1].len, 7);
        GT_ASSERT(memcmp(g.f[1].msg, df11, 7) == 0);
        GT_ASSERT_EQ_INT(g.f[1].rx_id, 0x0102030405061a08ULL);
        GT_ASSERT_EQ_INT(g.f[1].signal, 200);
        GT_ASSERT_EQ_INT(g.f[2].len, 2);
    }
}

/* Frames lying whole in one feed (taken where they lie) and the same bytes
 * fed one at a time (through the framer's own buffer) give the same frames,
 * offsets included, with or without escapes and a garbage byte between. */
static void test_beast_whole_vs_bytes(void)
{
    static const uint8_t df11[7] = {0x5D, 0x48, 0x40, 0xD6, 0xA2, 0x48, 0xF5};
    uint8_t in[256];
    size_t n = 0, i, k;
    struct gt_modes_framer f;
    struct got whole, bytes;
    n += beast(in + n, '2', 12000000, 200, df11, 7);
    in[n++] = 0x55;
    n += beast(in + n, '3', 0x1a0000001a1aULL, 0x1a, ident, 14);
    n += beast(in + n, '3', 99, 3, ident, 14);
    n += beast(in + n, '2', 5, 1, df11, 7);
    memset(&whole, 0, sizeof whole);
    memset(&bytes, 0, sizeof bytes);
    gt_modes_framer_init(&f, GT_MODES_FRAMING_BEAST);
    GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, in, n, 1, collect, &whole), 0);
    gt_modes_framer_init(&f, GT_MODES_FRAMING_BEAST);
    for (i = 0; i < n; i++) {
        GT_ASSERT_EQ_INT(gt_modes_framer_feed(&f, in + i, 1, i + 1 == n, collect, &bytes), 0);
    }
    GT_ASSERT_EQ_INT(whole.n, 4);
    GT_ASSERT_EQ_INT(bytes.n, 4);
    GT_ASSERT_EQ_INT(whole.f[1].offset, 17);
    GT_ASSERT_EQ_INT(whole.f[3].offset, n - 16);
    for (k = 0; k < 4; k++) {
        GT_ASSERT_EQ_INT(whole.f[k].offset, bytes.f[k].offset);
        GT_ASSERT_EQ_INT(whole.f[k].len, bytes.f[k].len);
        GT_ASSERT_EQ_INT(whole.f[k].rx_ts, bytes.f[k].rx_ts);
        GT_ASSERT_EQ_INT(whole.f[k].signal, bytes.f[k].signal);
        GT_ASSERT(memcmp(whole.f[k].msg, bytes.f[k].msg, whole.f[k].len) == 0);
    }
}

static void test_beast_resync(void)
{
    /* a frame cut short by a new frame start is dropped and counted */
    uint8_t in[128];
    size_t n = 0;
    uint64_t bad;
    struct got g;
    in[n++] = 0x00;
    in[n++] = 0x1a;
    in[n++] = '3';
    in[n++] = 0x11;
    in[n++] = 0x22;
    n += beast(in + n, '3', 7, 9, ident, 14);
    in[n++] = 0x1a;
    in[n++] = 'x'; /* unknown type */
    g = run(GT_MODES_FRAMING_BEAST, in, n, &bad);
    GT_ASSERT_EQ_INT(g.n, 1);
    GT_ASSERT(memcmp(g.f[0].msg, ident, 14) == 0);
    GT_ASSERT_EQ_INT(g.f[0].offset, 5);
    GT_ASSERT_EQ_INT(bad, 2);
    /* a frame cut off by the end of the input is counted too */
    g = run(GT_MODES_FRAMING_BEAST, in + 5, 10, &bad);
    GT_ASSERT_EQ_INT(g.n, 0);
    GT_ASSERT_EQ_INT(bad, 1);
}

static void test_sbs(void)
{
    static const char in[] =
        "MSG,3,1,1,4840D6,1,2024/05/01,10:00:01.500,2024/05/01,10:00:01.500,,38000,,,52.25720,"
        "3.91937,,,0,0,0,0\n"
        "MSG,1,1,1,4840D6,1,2024/05/01,10:00:00.000,2024/05/01,10:00:00.000,KLM1023 ,,,,,,,,,,,0\n"
        "MSG,6,,,4840D6,,,,,,,,,,,,,7700,-1,-1,0,-1\n"
        "SEL,,1,1,4840D6,1,2024/05/01,10:00:00.000,2024/05/01,10:00:00.000,KLM1023\n"
        "MSG,9,,,4840D6,,,,,,,,,,,,,,,,,\n"
        "MSG,3,,,XYZ123,,,,,,,,,,,,,,,,,\n";
    uint64_t bad;
    struct got g = run(GT_MODES_FRAMING_SBS, in, strlen(in), &bad);
    int64_t t;
    GT_ASSERT_EQ_INT(g.n, 3);
    GT_ASSERT_EQ_INT(bad, 2);
    GT_ASSERT_EQ_INT(g.f[0].sbs.msg_type, 3);
    GT_ASSERT_EQ_INT(g.f[0].sbs.addr, 0x4840D6);
    GT_ASSERT_EQ_INT(g.f[0].sbs.alt_ft, 38000);
    GT_ASSERT(g.f[0].sbs.has & GT_MODES_HAS_CPR);
    GT_ASSERT_DBL_NEAR(g.f[0].sbs.lat_deg, 52.2572, 1e-9);
    GT_ASSERT_EQ_INT(gt_time_parse_iso("2024-05-01T10:00:01.500Z", 24, &t), GT_OK);
    GT_ASSERT_EQ_INT(g.f[0].t_ms, t);
    GT_ASSERT_EQ_STR(g.f[1].sbs.callsign, "KLM1023");
    GT_ASSERT_EQ_INT(g.f[2].sbs.squawk, 7700);
    GT_ASSERT_EQ_INT(g.f[2].sbs.alert, 1);
    GT_ASSERT_EQ_INT(g.f[2].sbs.emergency, 1);
    GT_ASSERT_EQ_INT(g.f[2].sbs.on_ground, 1);
    GT_ASSERT_EQ_INT(g.f[2].t_ms, GT_TIME_NONE);
}

static void test_opensky_and_epochhex(void)
{
    static const char os[] = "sensors,rawmsg,mintime,maxtime\n"
                             "x,8d4840d6202cc371c32ce0576098,1600000000.5,1600000000.6\n"
                             "x,nothex,1,1\n";
    static const char eh[] = "\xef\xbb\xbf"
                             "1457996400,\"8D4840D6202CC371C32CE0576098\",\"4840D6\",4\n"
                             "1495353600,4D010D,5D4840D6A248F5\n"
                             "1457996401.25 8D4840D6202CC371C32CE0576098\n"
                             "garbage line\n";
    uint64_t bad;
    struct got g = run(GT_MODES_FRAMING_OPENSKY, os, strlen(os), &bad);
    GT_ASSERT_EQ_INT(g.n, 1);
    GT_ASSERT_EQ_INT(bad, 1);
    GT_ASSERT_EQ_INT(g.f[0].t_ms, 1600000000500LL);
    GT_ASSERT(memcmp(g.f[0].msg, ident, 14) == 0);
    g = run(GT_MODES_FRAMING_EPOCHHEX, eh, strlen(eh), &bad);
    GT_ASSERT_EQ_INT(g.n, 3);
    GT_ASSERT_EQ_INT(bad, 1);
    GT_ASSERT_EQ_INT(g.f[0].t_ms, 1457996400000LL);
    GT_ASSERT_EQ_INT(g.f[1].len, 7);
    GT_ASSERT_EQ_INT(g.f[2].t_ms, 1457996401250LL);
}

static void test_sniff(void)
{
    static const char avr[] = "*8D4840D6202CC371C32CE0576098;\n*5D4840D6A248F5;\n";
    static const char sbs[] = "MSG,5,,,4840D6,,,,,,,10000,,,,,,,,,,\n";
    static const char eh[] = "1457996400,\"8D4840D6202CC371C32CE0576098\",\"4840D6\",4\n";
    static const char os[] = "rawmsg,mintime\n8d4840d6202cc371c32ce0576098,1\n";
    static const char ais[] = "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5C\n";
    uint8_t b[64];
    size_t n = beast(b, '3', 1, 2, ident, 14);
    int c;
    GT_ASSERT_EQ_INT(gt_modes_sniff((const uint8_t *)avr, strlen(avr), &c), GT_MODES_FRAMING_AVR);
    GT_ASSERT(c >= 90);
    GT_ASSERT_EQ_INT(gt_modes_sniff((const uint8_t *)sbs, strlen(sbs), &c), GT_MODES_FRAMING_SBS);
    GT_ASSERT_EQ_INT(gt_modes_sniff((const uint8_t *)eh, strlen(eh), &c),
                     GT_MODES_FRAMING_EPOCHHEX);
    GT_ASSERT_EQ_INT(gt_modes_sniff((const uint8_t *)os, strlen(os), &c), GT_MODES_FRAMING_OPENSKY);
    GT_ASSERT_EQ_INT(gt_modes_sniff(b, n, &c), GT_MODES_FRAMING_BEAST);
    GT_ASSERT(c >= 70);
    GT_ASSERT_EQ_INT(gt_modes_sniff((const uint8_t *)ais, strlen(ais), &c),
                     GT_MODES_FRAMING_UNKNOWN);
    GT_ASSERT_EQ_INT(c, 0);
}

GT_TEST_MAIN({"avr", test_avr}, {"avr_split_everywhere", test_avr_split_everywhere},
             {"overlong_line", test_overlong_line}, {"beast", test_beast},
             {"beast_whole_vs_bytes", test_beast_whole_vs_bytes},
             {"beast_resync", test_beast_resync}, {"sbs", test_sbs},
             {"opensky_and_epochhex", test_opensky_and_epochhex}, {"sniff", test_sniff})
