/*
 * test_ais.c - the AIS decoder: 6-bit de-armouring, NMEA framing and
 * checksums, tag blocks, every receive-time form, reassembly (interleaved,
 * orphans, expiry), every message type 1-27, "not available" sentinels,
 * quality flags, strict mode, observations, and the validation helpers.
 *
 * Vectors: sentences from gpsd's test/sample.aivdm (BSD-2) and Eric
 * Raymond's "AIVDM/AIVDO protocol decoding" worked examples, with the
 * decoded values gpsd and the field guide give for them; messages of
 * every type are also built here with an encoder written from ITU-R
 * M.1371-5 Annex 8, so each field's position is tested independently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/time.h"
#include "test.h"

/* ---- a tiny encoder: fields -> bits -> armoured sentence ---- */

struct enc {
    uint8_t bits[256];
    unsigned n;
};

static void put_bits(struct enc *e, unsigned width, uint64_t v)
{
    unsigned i;
    for (i = 0; i < width; i++) {
        unsigned bit = (unsigned)((v >> (width - 1 - i)) & 1u);
        if (bit) {
            e->bits[e->n >> 3] = (uint8_t)(e->bits[e->n >> 3] | (0x80u >> (e->n & 7)));
        }
        e->n++;
    }
}

static void put_text(struct enc *e, unsigned nchar, const char *s)
{
    unsigned i;
    for (i = 0; i < nchar; i++) {
        int c = i < strlen(s) ? s[i] : '@';
        put_bits(e, 6, (uint64_t)(c >= 64 ? c - 64 : c));
    }
}

/* Armour e into payload (NUL-terminated); returns the fill bits. */
static unsigned armor(const struct enc *e, char *payload)
{
    unsigned nch = (e->n + 5) / 6, i, k = 0;
    for (i = 0; i < nch; i++) {
        unsigned v = 0, b;
        for (b = 0; b < 6; b++) {
            unsigned at = 6 * i + b;
            v = (v << 1) | (at < e->n ? ((unsigned)e->bits[at >> 3] >> (7u - (at & 7u))) & 1u : 0u);
        }
        payload[k++] = (char)(v < 40 ? v + 48 : v + 56);
    }
    payload[k] = '\0';
    return nch * 6 - e->n;
}

/* "!AIVDM,1,1,,A,<payload>,<pad>*hh" */
static void sentence(char *out, size_t size, const char *body)
{
    uint8_t ck = gt_ais_nmea_checksum((const uint8_t *)body, strlen(body));
    snprintf(out, size, "!%s*%02X", body, ck);
}

static void make_line(const struct enc *e, char *line, size_t size)
{
    char payload[200], body[260];
    unsigned pad = armor(e, payload);
    snprintf(body, sizeof body, "AIVDM,1,1,,A,%s,%u", payload, pad);
    sentence(line, size, body);
}

/* ---- stream helpers ---- */

#define MAXMSG 16
struct got {
    int n;
    struct gt_ais_msg m[MAXMSG];
};

static void collect(const struct gt_ais_msg *m, void *ud)
{
    struct got *g = ud;
    if (g->n < MAXMSG) {
        g->m[g->n] = *m;
    }
    g->n++;
}

static struct got g_got;
/* The stream under test lives in a global, so a case that fails between
 * creating and freeing it (assertions longjmp out) leaks nothing. */
static struct gt_ais_stream *g_stream;

static void free_stream(void)
{
    gt_ais_stream_free(g_stream);
    g_stream = NULL;
}

static struct gt_ais_stream *new_stream(int strict)
{
    struct gt_ais_stream_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.strict = strict;
    memset(&g_got, 0, sizeof g_got);
    free_stream();
    g_stream = gt_ais_stream_new(&cfg, collect, &g_got);
    GT_ASSERT(g_stream != NULL); /* fails cleanly under `make torture` */
    return g_stream;
}

static void feed(struct gt_ais_stream *s, const char *line)
{
    gt_ais_stream_feed(s, (const uint8_t *)line, strlen(line), 0);
}

/* Decode one line and return the single message (asserted). */
static const struct gt_ais_msg *one(const char *line)
{
    struct gt_ais_stream *s = new_stream(0);
    GT_ASSERT(s != NULL);
    feed(s, line);
    free_stream();
    GT_ASSERT_EQ_INT(g_got.n, 1);
    return &g_got.m[0];
}

/* ---- tests ---- */

static void test_sixbit(void)
{
    struct gt_ais_msg m;
    char t[8];
    memset(&m, 0, sizeof m);
    /* '0' -> 0, 'W' -> 39, '`' -> 40, 'w' -> 63 (IEC 61162-1 table 47 / ITU table 47) */
    GT_ASSERT_EQ_INT(gt_ais_unarmor(&m, (const uint8_t *)"0W`w", 4, 0, 1), GT_OK);
    GT_ASSERT_EQ_INT(m.nbits, 24);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 0, 6), 0);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 6, 6), 39);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 12, 6), 40);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 18, 6), 63);
    GT_ASSERT_EQ_INT(gt_ais_sbits(&m, 18, 6), -1);
    GT_ASSERT_EQ_INT(gt_ais_sbits(&m, 12, 6), -24);
    /* fill bits are not counted but stay in the buffer, as in gpsd */
    memset(&m, 0, sizeof m);
    GT_ASSERT_EQ_INT(gt_ais_unarmor(&m, (const uint8_t *)"w", 1, 2, 1), GT_OK);
    GT_ASSERT_EQ_INT(m.nbits, 4);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 0, 4), 15);
    GT_ASSERT_EQ_INT(gt_ais_ubits(&m, 0, 6), 63);
    /* out-of-alphabet characters: strict rejects, lenient flags */
    memset(&m, 0, sizeof m);
    GT_ASSERT_EQ_INT(gt_ais_unarmor(&m, (const uint8_t *)"0X", 2, 0, 1), GT_ERR_BADDATA);
    memset(&m, 0, sizeof m);
    GT_ASSERT_EQ_INT(gt_ais_unarmor(&m, (const uint8_t *)"0X", 2, 0, 0), GT_OK);
    GT_ASSERT(m.quality & GT_AISQ_BAD_CHAR);
    /* 6-bit text: '@' ends, trailing spaces trimmed */
    memset(&m, 0, sizeof m);
    GT_ASSERT_EQ_INT(gt_ais_unarmor(&m, (const uint8_t *)"12P0", 4, 0, 1), GT_OK);
    GT_ASSERT_EQ_INT(gt_ais_text(&m, 0, 4, t, 1), 2);
    GT_ASSERT_EQ_STR(t, "AB");
}

static void test_type1_vector(void)
{
    /* gpsd sample.aivdm line 1 / AIVDM guide: MMSI 371798000, 48.381633 N
     * 123.395383 W, SOG 12.3, COG 224.0, HDG 215, second 33, turn -127 */
    const struct gt_ais_msg *m = one("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    GT_ASSERT_EQ_INT(m->type, 1);
    GT_ASSERT_EQ_INT(m->mmsi, 371798000);
    GT_ASSERT_EQ_INT(m->nbits, 168);
    GT_ASSERT_EQ_INT(m->channel, 'A');
    GT_ASSERT(m->valid & GT_AISV_POS);
    GT_ASSERT_DBL_NEAR(m->lat_deg, 48.381633, 1e-6);
    GT_ASSERT_DBL_NEAR(m->lon_deg, -123.395383, 1e-6);
    GT_ASSERT_DBL_NEAR(m->sog_kn, 12.3, 1e-4);
    GT_ASSERT_DBL_NEAR(m->cog_deg, 224.0, 1e-4);
    GT_ASSERT_EQ_INT(m->heading_deg, 215);
    GT_ASSERT_EQ_INT(m->utc_second, 33);
    GT_ASSERT(m->valid & GT_AISV_ROT);
    GT_ASSERT(m->rot_deg_min < 0);
    GT_ASSERT_EQ_INT(m->quality, 0);
    GT_ASSERT_EQ_INT(m->t_ms, GT_TIME_NONE);
}

static void test_type5_two_sentences(void)
{
    struct gt_ais_stream *s = new_stream(0);
    feed(s, "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C");
    GT_ASSERT_EQ_INT(g_got.n, 0);
    feed(s, "!AIVDM,2,2,1,A,88888888880,2*25");
    GT_ASSERT_EQ_INT(g_got.n, 1);
    /* gpsd sample.aivdm: 351759000 EVER DIADEM 3FOF8 IMO 9134270 NEW YORK */
    GT_ASSERT_EQ_INT(g_got.m[0].type, 5);
    GT_ASSERT_EQ_INT(g_got.m[0].mmsi, 351759000);
    GT_ASSERT_EQ_STR(g_got.m[0].name, "EVER DIADEM");
    GT_ASSERT_EQ_STR(g_got.m[0].callsign, "3FOF8");
    GT_ASSERT_EQ_STR(g_got.m[0].destination, "NEW YORK");
    GT_ASSERT_EQ_INT(g_got.m[0].imo, 9134270);
    GT_ASSERT_EQ_INT(g_got.m[0].shiptype, 70);
    GT_ASSERT_EQ_INT(g_got.m[0].dim_a, 225);
    GT_ASSERT_EQ_INT(g_got.m[0].dim_b, 70);
    GT_ASSERT_DBL_NEAR(g_got.m[0].draught_m, 12.2, 1e-4);
    GT_ASSERT_EQ_INT(g_got.m[0].nfrag, 2);
    free_stream();
}

/* Two type-5 messages interleaved on one channel (sequence ids 1 and 2):
 * both decode (gpsd keeps one context per channel and loses both). */
static void test_interleaved_type5(void)
{
    static const char *p1 = "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8";
    static const char *p2 = "88888888880";
    char body[200], l[4][220];
    struct gt_ais_stream *s;
    int i;
    for (i = 0; i < 2; i++) {
        snprintf(body, sizeof body, "AIVDM,2,1,%d,A,%s,0", i + 1, p1);
        sentence(l[i * 2], sizeof l[0], body);
        snprintf(body, sizeof body, "AIVDM,2,2,%d,A,%s,2", i + 1, p2);
        sentence(l[i * 2 + 1], sizeof l[0], body);
    }
    s = new_stream(0);
    feed(s, l[0]); /* 1/2 of seq 1 */
    feed(s, l[2]); /* 1/2 of seq 2 */
    feed(s, l[1]); /* 2/2 of seq 1 */
    feed(s, l[3]); /* 2/2 of seq 2 */
    GT_ASSERT_EQ_INT(g_got.n, 2);
    GT_ASSERT_EQ_STR(g_got.m[0].name, "EVER DIADEM");
    GT_ASSERT_EQ_STR(g_got.m[1].name, "EVER DIADEM");
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_ORPHAN], 0);
    free_stream();
}

static void test_orphans_and_expiry(void)
{
    struct gt_ais_stream *s = new_stream(0);
    int i;
    feed(s, "!AIVDM,2,2,1,A,88888888880,2*25"); /* second half without the first */
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_ORPHAN], 1);
    feed(s, "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C");
    for (i = 0; i < 1100; i++) { /* expiry by lines when the data carry no time */
        feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    }
    feed(s, "!AIVDM,2,2,1,A,88888888880,2*25");
    GT_ASSERT_EQ_INT(g_got.n, 1100);
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_ORPHAN], 3);
    free_stream();
}

static void test_checksums(void)
{
    struct gt_ais_stream *s = new_stream(0);
    const struct gt_ais_counters *c;
    feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B"); /* wrong */
    GT_ASSERT_EQ_INT(g_got.n, 0);
    feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"); /* missing */
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT(g_got.m[0].quality & GT_AISQ_NO_CHECKSUM);
    feed(s, "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47");
    feed(s, "garbage line");
    feed(s, "");
    feed(s, "# comment");
    c = gt_ais_stream_counters(s);
    GT_ASSERT_EQ_INT(c->reason[GT_AISR_CHECKSUM], 1);
    GT_ASSERT_EQ_INT(c->no_checksum, 1);
    GT_ASSERT_EQ_INT(c->reason[GT_AISR_OTHER_NMEA], 1);
    GT_ASSERT_EQ_INT(c->reason[GT_AISR_JUNK], 1);
    GT_ASSERT_EQ_INT(c->reason[GT_AISR_BLANK], 2);
    GT_ASSERT_EQ_INT(c->lines, 6);
    free_stream();
    /* strict: a message without checksum is rejected and counted */
    s = new_stream(1);
    feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0");
    GT_ASSERT_EQ_INT(g_got.n, 0);
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_STRICT], 1);
    free_stream();
}

static void test_talkers(void)
{
    static const char *const talkers[] = {"AB", "AD", "AN", "AR", "AS",
                                          "AT", "AX", "BS", "SA", "BY"};
    size_t i;
    for (i = 0; i < sizeof talkers / sizeof talkers[0]; i++) {
        char body[100], line[120];
        const struct gt_ais_msg *m;
        snprintf(body, sizeof body, "%sVDO,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0", talkers[i]);
        sentence(line, sizeof line, body);
        m = one(line);
        GT_ASSERT_EQ_INT(m->talker[0], talkers[i][0]);
        GT_ASSERT_EQ_INT(m->talker[1], talkers[i][1]);
        GT_ASSERT_EQ_INT(m->own, 1);
        GT_ASSERT_EQ_INT(m->quality, 0); /* empty channel is normal for VDO */
    }
}

static void test_tagblock(void)
{
    struct gt_tagblock tb;
    const char *t = "g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37";
    const struct gt_ais_msg *m;
    GT_ASSERT_EQ_INT(gt_tagblock_parse((const uint8_t *)t, strlen(t), &tb), GT_OK);
    GT_ASSERT_EQ_INT(tb.checksum_ok, 1);
    GT_ASSERT_EQ_INT(tb.t_ms, 1418169601000ll);
    GT_ASSERT_EQ_STR(tb.station, "rORBCOMM008");
    GT_ASSERT_EQ_INT(tb.group_n, 1);
    GT_ASSERT_EQ_INT(tb.group_of, 2);
    GT_ASSERT_EQ_INT(tb.group_id, 1604);
    /* milliseconds in c: (Spire, GFW) */
    t = "c:1662052384123,s:FM112*00";
    GT_ASSERT_EQ_INT(gt_tagblock_parse((const uint8_t *)t, strlen(t), &tb), GT_OK);
    GT_ASSERT_EQ_INT(tb.t_ms, 1662052384123ll);
    GT_ASSERT_EQ_INT(tb.checksum_ok, 0);
    /* on a sentence: time and station carried, bad tag checksum flagged */
    m = one("\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F");
    GT_ASSERT_EQ_INT(m->t_ms, 1334337317000ll);
    GT_ASSERT_EQ_STR(m->station, "rEV02");
    GT_ASSERT_EQ_INT(m->quality & GT_AISQ_TAG_CHECKSUM, 0);
}

static void test_tagblock_group(void)
{
    /* exactEarth: the second sentence's tag block has only g: */
    struct gt_ais_stream *s = new_stream(0);
    feed(s, "\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp6"
            "22222222216`0`cF5BF0RT13H0T,0*70");
    feed(s, "\\g:2-2-3985*5A\\!AIVDM,2,2,9,B,PFRC88888888880,2*29");
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT_EQ_INT(g_got.m[0].type, 5);
    GT_ASSERT_EQ_INT(g_got.m[0].t_ms, 1334337317000ll);
    GT_ASSERT_EQ_STR(g_got.m[0].station, "rEV02");
    free_stream();
    /* Spire: two tag-blocked sentences on one line */
    s = new_stream(0);
    feed(s, "\\c:1662052384,s:FM112*00\\!AIVDM,2,1,1,A,502CuBh0000000000000000000000000000000000"
            "000040Ht00000000000,0*37\\g:2-1-1*00\\!AIVDM,2,2,1,A,00000000000,2*25");
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT_EQ_INT(g_got.m[0].t_ms, 1662052384000ll);
    free_stream();
}

/* Archive quirks: a damaged talker with a valid checksum (AMSA "!=IVDM"),
 * the NMEA 4.0 draft group form "1G2:id", a tag block alone on its line,
 * and satellite fragments whose times are out of order. */
static void test_archive_quirks(void)
{
    struct gt_ais_stream *s;
    const struct gt_ais_msg *m = one("!=IVDM,1,1,,A,18JSmJ001D8FqSClKd51JAD20D0W,0*2E");
    GT_ASSERT_EQ_INT(m->type, 1);
    s = new_stream(0);
    feed(s, "\\1G2:0125,c:1354719387*0D\\!AIVDM,2,1,4,A,539LiHP2;42`@pE<000<tq@V1<TpL400000"
            "0001?1SV@@73R0J0TQCAD,0*1E");
    feed(s, "\\2G2:0125*7B\\!AIVDM,2,2,4,A,R0EQCP000000000,2*45");
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT_EQ_INT(g_got.m[0].t_ms, 1354719387000ll);
    feed(s, "\\c:1354719388*56\\");
    feed(s, "!BSVDM,1,1,,B,14QsDOP01?0nGuHOM4n;vqTn0p4S,0*23");
    GT_ASSERT_EQ_INT(g_got.n, 2);
    GT_ASSERT_EQ_INT(g_got.m[1].t_ms, 1354719388000ll);
    /* a later-timed message between the halves does not expire the slot */
    feed(s, "\\g:1-2-3987,c:1333239510*20\\!BSVDM,2,1,0,A,54`98002>?A1`<AGD00lEBr0PD5@PE:1<4"
            "hiT01CKh`IC4w8NKjCPj1Ck`2k,0*7C");
    feed(s, "\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F");
    feed(s, "\\g:2-2-3987*58\\!BSVDM,2,2,0,A,lQ@@0000002,0*00");
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_ORPHAN], 0);
    free_stream();
}

static void test_time_forms(void)
{
    const struct gt_ais_msg *m;
    struct gt_ais_stream *s;
    /* USCG/NAIS suffix: station and unix time after the checksum */
    m = one("!AIVDM,1,1,,B,:6TMCD1GOS60,0*5B,s36310,d-081,T59.01777335,r003669945,1272412827");
    GT_ASSERT_EQ_INT(m->t_ms, 1272412827000ll);
    GT_ASSERT_EQ_STR(m->station, "r003669945");
    /* exactEarth unix-ms suffix */
    m = one("!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49,1327992119173");
    GT_ASSERT_EQ_INT(m->t_ms, 1327992119173ll);
    /* leading epoch and ISO times */
    m = one("1420030798 !ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22");
    GT_ASSERT_EQ_INT(m->t_ms, 1420030798000ll);
    m = one("2015-01-01T13:39:58.250Z,!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22");
    GT_ASSERT_EQ_INT(m->t_ms, 1420119598250ll);
    /* Gatehouse $PGHP before the sentence (DMA, 2010-06-11 11:46:11.390) */
    s = new_stream(0);
    feed(s, "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B");
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT_EQ_INT(g_got.m[0].t_ms, 1276256771390ll);
    GT_ASSERT_EQ_STR(g_got.m[0].station, "992190934");
    /* the PGHP time applies to one sentence only */
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    GT_ASSERT_EQ_INT(g_got.m[1].t_ms, GT_TIME_NONE);
    free_stream();
}

/* Type 1 with every sentinel: lat 91, lon 181, SOG 1023, COG 3600,
 * heading 511, ROT -128, second 60. */
static void test_sentinels(void)
{
    struct enc e;
    char line[200];
    const struct gt_ais_msg *m;
    memset(&e, 0, sizeof e);
    put_bits(&e, 6, 1);
    put_bits(&e, 2, 0);
    put_bits(&e, 30, 244123456);
    put_bits(&e, 4, 15);
    put_bits(&e, 8, 0x80);  /* ROT -128 */
    put_bits(&e, 10, 1023); /* SOG */
    put_bits(&e, 1, 0);
    put_bits(&e, 28, 181 * 600000); /* lon */
    put_bits(&e, 27, 91 * 600000);  /* lat */
    put_bits(&e, 12, 3600);
    put_bits(&e, 9, 511);
    put_bits(&e, 6, 60);
    put_bits(&e, 2, 0);
    put_bits(&e, 3, 0);
    put_bits(&e, 1, 0);
    put_bits(&e, 19, 0);
    GT_ASSERT_EQ_INT(e.n, 168);
    make_line(&e, line, sizeof line);
    m = one(line);
    GT_ASSERT_EQ_INT(m->mmsi, 244123456);
    GT_ASSERT_EQ_INT(m->valid & (GT_AISV_POS | GT_AISV_SOG | GT_AISV_COG | GT_AISV_HEADING |
                                 GT_AISV_ROT | GT_AISV_SECOND),
                     0);
    GT_ASSERT(m->valid & GT_AISV_STATUS);
    GT_ASSERT_EQ_INT(m->nav_status, 15);
    {
        struct gt_obs o;
        GT_ASSERT_EQ_INT(gt_ais_to_obs(m, &o), 1);
        GT_ASSERT_EQ_INT(
            o.flags & (GT_OBS_POS | GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING | GT_OBS_ROT), 0);
        GT_ASSERT_EQ_INT(o.id.kind, GT_ID_MMSI);
        GT_ASSERT_EQ_INT(o.id.value, 244123456);
    }
}

/* Build a message of each type 1-27 at its defined length with a marker
 * in a type-specific field, and check that it decodes. */
static void test_every_type(void)
{
    static const unsigned len[28] = {0,       168,     168, 168,     168,     424,     88 + 48,
                                     72 + 32, 56 + 48, 168, 72,      168,     72 + 60, 72 + 32,
                                     40 + 60, 88,      96,  80 + 48, 168,     312,     72,
                                     272,     168,     160, 160,     40 + 48, 60 + 48, 96};
    unsigned t;
    for (t = 1; t <= 27; t++) {
        struct enc e;
        char line[300];
        const struct gt_ais_msg *m;
        struct gt_buf b;
        memset(&e, 0, sizeof e);
        put_bits(&e, 6, t);
        put_bits(&e, 2, 3);
        put_bits(&e, 30, 200000000u + t);
        while (e.n < len[t]) {
            put_bits(&e, 1, 0);
        }
        make_line(&e, line, sizeof line);
        m = one(line);
        GT_ASSERT_EQ_INT(m->type, t);
        GT_ASSERT_EQ_INT(m->repeat, 3);
        GT_ASSERT_EQ_INT(m->mmsi, 200000000u + t);
        gt_buf_init(&b, 1 << 16);
        GT_ASSERT_EQ_INT(gt_ais_json_gpsd(m, 1, "stdin", &b), GT_OK);
        GT_ASSERT(strstr(gt_buf_str(&b), "\"class\":\"AIS\"") != NULL);
        gt_buf_reset(&b);
        GT_ASSERT_EQ_INT(gt_ais_json(m, &b), GT_OK);
        GT_ASSERT(gt_buf_str(&b)[gt_buf_len(&b) - 1] == '\n');
        gt_buf_release(&b);
    }
}

static void test_short_and_bad_type(void)
{
    struct gt_ais_stream *s = new_stream(0);
    struct enc e;
    char line[200];
    memset(&e, 0, sizeof e);
    put_bits(&e, 6, 1);
    put_bits(&e, 2, 0);
    put_bits(&e, 30, 1);
    put_bits(&e, 60, 0); /* 98 bits: too short for type 1 */
    make_line(&e, line, sizeof line);
    feed(s, line);
    memset(&e, 0, sizeof e);
    put_bits(&e, 6, 40); /* no such type */
    put_bits(&e, 32, 0);
    make_line(&e, line, sizeof line);
    feed(s, line);
    GT_ASSERT_EQ_INT(g_got.n, 0);
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_SHORT], 1);
    GT_ASSERT_EQ_INT(gt_ais_stream_counters(s)->reason[GT_AISR_BAD_TYPE], 1);
    free_stream();
}

static void test_type5_fields_and_ident(void)
{
    struct enc e;
    char l1[200], l2[200], body[200], payload[200];
    unsigned pad;
    struct gt_ais_stream *s;
    struct gt_ident_obs id[8];
    size_t n, i;
    int seen_dims = 0, seen_imo = 0;

    memset(&e, 0, sizeof e);
    put_bits(&e, 6, 5);
    put_bits(&e, 2, 0);
    put_bits(&e, 30, 273456000);
    put_bits(&e, 2, 0);
    put_bits(&e, 30, 9074729); /* a valid IMO number */
    put_text(&e, 7, "UBCD7");
    put_text(&e, 20, "AKADEMIK SHOKALSKIY ");
    put_bits(&e, 8, 80);
    put_bits(&e, 9, 100);
    put_bits(&e, 9, 20);
    put_bits(&e, 6, 10);
    put_bits(&e, 6, 12);
    put_bits(&e, 4, 1);
    put_bits(&e, 4, 5);
    put_bits(&e, 5, 17);
    put_bits(&e, 5, 12);
    put_bits(&e, 6, 30);
    put_bits(&e, 8, 95);
    put_text(&e, 20, "ST PETERSBURG");
    put_bits(&e, 1, 0);
    put_bits(&e, 1, 0);
    GT_ASSERT_EQ_INT(e.n, 424);
    pad = armor(&e, payload);
    snprintf(body, sizeof body, "AIVDM,2,1,3,B,%.*s,0", 60, payload);
    sentence(l1, sizeof l1, body);
    snprintf(body, sizeof body, "AIVDM,2,2,3,B,%s,%u", payload + 60, pad);
    sentence(l2, sizeof l2, body);
    s = new_stream(0);
    feed(s, l1);
    feed(s, l2);
    GT_ASSERT_EQ_INT(g_got.n, 1);
    GT_ASSERT_EQ_STR(g_got.m[0].name, "AKADEMIK SHOKALSKIY");
    GT_ASSERT_EQ_STR(g_got.m[0].callsign, "UBCD7");
    GT_ASSERT_EQ_STR(g_got.m[0].destination, "ST PETERSBURG");
    GT_ASSERT_EQ_INT(g_got.m[0].imo, 9074729);
    GT_ASSERT_DBL_NEAR(g_got.m[0].draught_m, 9.5, 1e-4);
    n = gt_ais_to_ident(&g_got.m[0], id, 8);
    GT_ASSERT_EQ_INT(n, 7);
    for (i = 0; i < n; i++) {
        GT_ASSERT_EQ_INT(id[i].id.value, 273456000);
        if (id[i].field == GT_FIELD_DIMENSIONS) {
            GT_ASSERT_EQ_STR(id[i].value, "100,20,10,12");
            seen_dims = 1;
        }
        if (id[i].field == GT_FIELD_IMO) {
            GT_ASSERT_EQ_STR(id[i].value, "9074729");
            seen_imo = 1;
        }
    }
    GT_ASSERT(seen_dims && seen_imo);
    free_stream();
}

static void test_type24_join(void)
{
    struct gt_ais_stream *s = new_stream(0);
    /* gpsd sample.aivdm: 271041815 part A "PROGUY" then part B */
    feed(s, "!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D");
    feed(s, "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40");
    GT_ASSERT_EQ_INT(g_got.n, 2);
    GT_ASSERT_EQ_INT(g_got.m[0].part24, GT_AIS24_A);
    GT_ASSERT_EQ_STR(g_got.m[0].name, "PROGUY");
    GT_ASSERT_EQ_INT(g_got.m[1].part24, GT_AIS24_AB);
    GT_ASSERT_EQ_STR(g_got.m[1].name, "PROGUY");
    GT_ASSERT_EQ_STR(g_got.m[1].callsign, "TC6163");
    GT_ASSERT_EQ_INT(g_got.m[1].shiptype, 60);
    free_stream();
}

static void test_gpsd_json_line(void)
{
    const struct gt_ais_msg *m = one("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    struct gt_buf b;
    gt_buf_init(&b, 4096);
    GT_ASSERT_EQ_INT(gt_ais_json_gpsd(m, 1, "stdin", &b), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b),
                     "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1,\"repeat\":0,\"mmsi\":"
                     "371798000,\"scaled\":true,\"status\":0,\"status_text\":\"Under way using "
                     "engine\",\"turn\":\"fastleft\",\"speed\":12.3,\"accuracy\":true,\"lon\":-123."
                     "395383,\"lat\":48.381633,\"course\":224.0,\"heading\":215,\"second\":33,"
                     "\"maneuver\":0,\"raim\":false,\"radio\":34017}\r\n");
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_ais_json(m, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"lat\":48.381633,\"lon\":-123.395383") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"t\":null,\"station\":null") != NULL);
    gt_buf_release(&b);
}

static void test_json_escapes_names(void)
{
    struct enc e;
    char line[300];
    const struct gt_ais_msg *m;
    struct gt_buf b;
    memset(&e, 0, sizeof e);
    put_bits(&e, 6, 24);
    put_bits(&e, 2, 0);
    put_bits(&e, 30, 244000001);
    put_bits(&e, 2, 0);
    put_text(&e, 20, "</SCRIPT>\"\\");
    put_bits(&e, 8, 0);
    make_line(&e, line, sizeof line);
    m = one(line);
    gt_buf_init(&b, 4096);
    GT_ASSERT_EQ_INT(gt_ais_json(m, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "</SCRIPT>") == NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\\\"\\\\") != NULL);
    gt_buf_release(&b);
}

static void test_mmsi_mid_imo(void)
{
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(273456000, NULL), GT_MMSI_SHIP);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_mid(273456000), 273);
    GT_ASSERT_EQ_STR(gt_ais_mid_country(273), "RU");
    GT_ASSERT_EQ_STR(gt_ais_mid_country(gt_ais_mmsi_mid(636012345)), "LR");
    GT_ASSERT_EQ_STR(gt_ais_mid_country(351), "PA");
    GT_ASSERT_EQ_STR(gt_ais_mid_country(538), "MH");
    GT_ASSERT(gt_ais_mid_country(200) == NULL);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(2320733, NULL), GT_MMSI_COAST); /* 002320733 UK base */
    GT_ASSERT_EQ_INT(gt_ais_mmsi_mid(2320733), 232);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(23207330, NULL), GT_MMSI_GROUP);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(111232511, NULL), GT_MMSI_SAR_AIRCRAFT);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_mid(111232511), 232);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(992351234, NULL), GT_MMSI_ATON);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_mid(992351234), 235);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(982351234, NULL), GT_MMSI_CRAFT_AUX);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(970123456, NULL), GT_MMSI_SART);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(972123456, NULL), GT_MMSI_MOB);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(974123456, NULL), GT_MMSI_EPIRB);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(0, NULL), GT_MMSI_INVALID);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(123456789, NULL), GT_MMSI_INVALID);
    GT_ASSERT_EQ_INT(gt_ais_mmsi_class(1000000000, NULL), GT_MMSI_INVALID);
    GT_ASSERT_EQ_STR(gt_ais_mmsi_class_name(GT_MMSI_COAST), "base_station");
    {
        unsigned mid = 1;
        /* the form is read whatever the MID: a group call to 150 is a group
         * call, but 150 is no MID of a 2xx-7xx region */
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(15012345, &mid), GT_MMSI_GROUP);
        GT_ASSERT_EQ_INT(mid, 150);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_mid(15012345), 0);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(825730001, &mid), GT_MMSI_DIVER);
        GT_ASSERT_EQ_INT(mid, 257);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(970012345, &mid), GT_MMSI_SART);
        GT_ASSERT_EQ_INT(mid, 0);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(999999, &mid), GT_MMSI_INVALID); /* 000999999 */
        GT_ASSERT_EQ_INT(mid, 0);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(1000000, NULL), GT_MMSI_COAST);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(199999999, NULL), GT_MMSI_INVALID);
        GT_ASSERT_EQ_INT(gt_ais_mmsi_class(975000000, NULL), GT_MMSI_INVALID);
    }
    /* IMO 9074729: 9*7+0*6+7*5+4*4+7*3+2*2 = 139 -> check digit 9 */
    GT_ASSERT_EQ_INT(gt_ais_imo_valid(9074729), 1);
    GT_ASSERT_EQ_INT(gt_ais_imo_valid(9074728), 0);
    GT_ASSERT_EQ_INT(gt_ais_imo_valid(9134270), 1); /* EVER DIADEM */
    GT_ASSERT_EQ_INT(gt_ais_imo_valid(123), 0);
    GT_ASSERT_EQ_INT(gt_ais_imo_valid(0), 0);
}

static void test_sniff(void)
{
    enum gt_ais_format f;
    const char *nmea = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";
    const char *mc = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName\n";
    const char *dma = "# Timestamp,Type of mobile,MMSI,Latitude,Longitude\n";
    GT_ASSERT(gt_ais_sniff((const uint8_t *)nmea, strlen(nmea), &f) >= 90);
    GT_ASSERT_EQ_INT(f, GT_AISF_NMEA);
    GT_ASSERT(gt_ais_sniff((const uint8_t *)mc, strlen(mc), &f) >= 90);
    GT_ASSERT_EQ_INT(f, GT_AISF_MARINECADASTRE);
    GT_ASSERT(gt_ais_sniff((const uint8_t *)dma, strlen(dma), &f) >= 90);
    GT_ASSERT_EQ_INT(f, GT_AISF_DMA);
    GT_ASSERT_EQ_INT(gt_ais_sniff((const uint8_t *)"*8d4840d6", 9, &f), 0);
}

/* Every prefix of each header, in a buffer of exactly its length (ASan
 * sees a read past it): "Timestamp,Ty" (12 bytes) was compared over 14
 * (issue #15, item 12).  Only the full 14-byte "Timestamp,Type" is DMA. */
static void test_sniff_short(void)
{
    static const char *const heads[] = {
        "Timestamp,Type of mobile,MMSI,Latitude\n", "# Timestamp,Type of mobile,MMSI\n",
        "MMSI,BaseDateTime,LAT,LON\n", "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n"};
    size_t h, n;

    for (h = 0; h < sizeof heads / sizeof heads[0]; h++) {
        for (n = 0; n <= strlen(heads[h]); n++) {
            uint8_t *b = malloc(n > 0 ? n : 1);
            enum gt_ais_format f = GT_AISF_UNKNOWN;
            int c;
            GT_ASSERT(b != NULL);
            memcpy(b, heads[h], n);
            c = gt_ais_sniff(b, n, &f);
            free(b);
            GT_ASSERT(c >= 0 && c <= 100);
            if (h == 0) {
                GT_ASSERT_EQ_INT(f == GT_AISF_DMA, n >= 14);
            }
        }
    }
}

/* The receiver's GNSS clock ($--ZDA, $--RMC; NMEA 0183 reference examples
 * and sentences built to the same layout) and its use by the stream for
 * messages with no time of their own. */
static int64_t gnss(const char *line, int want_rc)
{
    int64_t t = -1;
    GT_ASSERT_EQ_INT(gt_ais_nmea_gnss_time((const uint8_t *)line, strlen(line), &t), want_rc);
    return t;
}

static void test_gnss_clock(void)
{
    struct gt_ais_stream *s;

    GT_ASSERT_EQ_INT(gnss("$GPZDA,201530.00,04,07,2002,00,00*60", GT_OK), 1025813730000ll);
    GT_ASSERT_EQ_INT(gnss("$GNZDA,000001.123456,31,12,2019,,*75\r\n", GT_OK), 1577750401123ll);
    GT_ASSERT_EQ_INT(
        gnss("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", GT_OK),
        764426119000ll);
    GT_ASSERT_EQ_INT(gnss("$GPRMC,214000.50,A,5251.495,N,00540.780,E,0.0,,070420,,,A*76", GT_OK),
                     1586295600500ll);
    (void)gnss("$GPRMC,214001.00,V,,,,,,,070420,,,N*7A", GT_ERR_BADDATA); /* no fix */
    (void)gnss("$GPZDA,201530.00,04,07,2002,00,00*61", GT_ERR_CHECKSUM);
    (void)gnss("$GPZDA,201530.00,04,07,2002,00,00", GT_ERR_BADDATA); /* no checksum */
    (void)gnss("$GPZDA,251530.00,04,07,2002,00,00*65", GT_ERR_BADDATA);
    (void)gnss("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47",
               GT_ERR_UNSUPPORTED);
    (void)gnss("!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B", GT_ERR_UNSUPPORTED);

    s = new_stream(0);
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B"); /* before any clock */
    feed(s, "$GPRMC,214000.50,A,5251.495,N,00540.780,E,0.0,,070420,,,A*76");
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    feed(s, "\\c:1420030798*5B\\!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B"); /* own time */
    feed(s, "$GPRMC,214001.00,V,,,,,,,070420,,,N*7A"); /* fix lost: the clock stops */
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    feed(s, "$GPZDA,201530.00,04,07,2002,00,00*60");
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    free_stream();
    GT_ASSERT_EQ_INT(g_got.n, 5);
    GT_ASSERT_EQ_INT(g_got.m[0].t_ms, GT_TIME_NONE);
    GT_ASSERT_EQ_INT(g_got.m[1].t_ms, 1586295600500ll);
    GT_ASSERT(g_got.m[1].quality & GT_AISQ_GNSS_TIME);
    GT_ASSERT_EQ_INT(g_got.m[2].t_ms, 1420030798000ll);
    GT_ASSERT(!(g_got.m[2].quality & GT_AISQ_GNSS_TIME));
    GT_ASSERT_EQ_INT(g_got.m[3].t_ms, GT_TIME_NONE);
    GT_ASSERT_EQ_INT(g_got.m[4].t_ms, 1025813730000ll);

    /* strict mode does not reject a message for taking the clock */
    s = new_stream(1);
    feed(s, "$GPZDA,201530.00,04,07,2002,00,00*60");
    feed(s, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B");
    free_stream();
    GT_ASSERT_EQ_INT(g_got.n, 1);
}

GT_TEST_MAIN({"sixbit", test_sixbit}, {"type1 vector", test_type1_vector},
             {"type5 two sentences", test_type5_two_sentences},
             {"interleaved type5", test_interleaved_type5},
             {"orphans and expiry", test_orphans_and_expiry}, {"checksums", test_checksums},
             {"talkers", test_talkers}, {"tag block", test_tagblock},
             {"tag block group", test_tagblock_group}, {"time forms", test_time_forms},
             {"gnss clock", test_gnss_clock}, {"archive quirks", test_archive_quirks},
             {"sentinels", test_sentinels}, {"every type", test_every_type},
             {"short and bad type", test_short_and_bad_type},
             {"type5 fields and ident", test_type5_fields_and_ident},
             {"type24 join", test_type24_join}, {"gpsd json line", test_gpsd_json_line},
             {"json escapes names", test_json_escapes_names}, {"mmsi mid imo", test_mmsi_mid_imo},
             {"sniff", test_sniff}, {"sniff short inputs", test_sniff_short})
