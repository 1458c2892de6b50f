/*
 * test_modes_state.c - the per-aircraft state table: CPR pairing windows,
 * local decoding from the last fix and from the receiver, rejection of
 * implausible positions, address confirmation for address/parity replies,
 * identity observations on change, bounded capacity with eviction, and the
 * stream's counters.  Position pairs are the worked example of "The 1090
 * MHz Riddle" (airborne position chapter: 52.2572, 3.91937).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"
#include "test.h"

static void hex(const char *h, uint8_t *out)
{
    size_t n = strlen(h) / 2, i;
    for (i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* A state table, or the end of the case when allocation fails. */
static struct gt_modes_state *must_state(const struct gt_modes_state_cfg *cfg)
{
    struct gt_modes_state *s = gt_modes_state_new(cfg);
    GT_ASSERT(s != NULL);
    return s;
}

static const char *EVEN = "8D40621D58C382D690C8AC2863A7";
static const char *ODD = "8D40621D58C386435CC412692AD6";

static int feed(struct gt_modes_state *s, const char *h, int64_t t, struct gt_modes_update *u)
{
    uint8_t b[14];
    struct gt_modes_msg m;
    size_t n = strlen(h) / 2;
    hex(h, b);
    if (gt_modes_decode(b, n, NULL, gt_modes_state_known, s, &m) != GT_OK) {
        memset(u, 0, sizeof *u);
        return GT_ERR_BADDATA;
    }
    return gt_modes_state_update(s, &m, t, u);
}

static void test_global_pair(void)
{
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(feed(s, ODD, 1000, &u), GT_OK);
    GT_ASSERT(!(u.obs.flags & GT_OBS_POS)); /* half a pair */
    GT_ASSERT(u.obs.flags & GT_OBS_ALT);
    GT_ASSERT_EQ_INT(feed(s, EVEN, 2000, &u), GT_OK);
    GT_ASSERT(u.obs.flags & GT_OBS_POS);
    GT_ASSERT_EQ_INT(u.obs.pos_how, GT_POS_CPR_GLOBAL);
    GT_ASSERT_EQ_INT(u.pos_ref, 0);
    GT_ASSERT_DBL_NEAR(u.obs.lat_deg, 52.25720, 1e-4);
    GT_ASSERT_DBL_NEAR(u.obs.lon_deg, 3.91937, 1e-4);
    GT_ASSERT_EQ_INT(u.obs.id.kind, GT_ID_ICAO);
    GT_ASSERT_EQ_INT(u.obs.id.value, 0x40621D);
    GT_ASSERT_EQ_INT(u.obs.t_ms, 2000);
    /* the next odd frame decodes locally against that fix */
    GT_ASSERT_EQ_INT(feed(s, ODD, 60000, &u), GT_OK);
    GT_ASSERT(u.obs.flags & GT_OBS_POS);
    GT_ASSERT_EQ_INT(u.obs.pos_how, GT_POS_CPR_LOCAL);
    GT_ASSERT_EQ_INT(u.pos_ref, 1);
    gt_modes_state_free(s);
}

static void test_snapshot(void)
{
    /* per-field validity: which message set what, and when */
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    struct gt_modes_aircraft ac;
    GT_ASSERT_EQ_INT(gt_modes_state_get(s, 0x40621D, &ac), GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(feed(s, ODD, 1000, &u), GT_OK);
    GT_ASSERT_EQ_INT(feed(s, EVEN, 2000, &u), GT_OK);
    GT_ASSERT_EQ_INT(gt_modes_state_get(s, 0x40621D, &ac), GT_OK);
    GT_ASSERT_EQ_INT(ac.f_alt.src, GT_MODES_SRC_ADSB);
    GT_ASSERT_EQ_INT(ac.f_alt.updated_ms, 2000);
    GT_ASSERT_EQ_INT(ac.alt_ft, 38000);
    GT_ASSERT_EQ_INT(ac.f_pos.src, GT_MODES_SRC_ADSB);
    GT_ASSERT_EQ_INT(ac.pos_how, GT_POS_CPR_GLOBAL);
    GT_ASSERT_DBL_NEAR(ac.lat_deg, 52.2572, 1e-4);
    GT_ASSERT_EQ_INT(ac.f_velocity.src, GT_MODES_SRC_NONE);
    GT_ASSERT_EQ_INT(ac.f_callsign.src, GT_MODES_SRC_NONE);
    GT_ASSERT_EQ_INT(ac.confirmed_ms, 2000);
    gt_modes_state_free(s);
}

static void test_pair_window(void)
{
    /* more than 10 s apart: no global position (readsb's airborne window) */
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    GT_ASSERT_EQ_INT(feed(s, ODD, 1000, &u), GT_OK);
    GT_ASSERT_EQ_INT(feed(s, EVEN, 11001, &u), GT_OK);
    GT_ASSERT(!(u.obs.flags & GT_OBS_POS));
    GT_ASSERT_EQ_INT(feed(s, ODD, 12000, &u), GT_OK);
    GT_ASSERT(u.obs.flags & GT_OBS_POS);
    gt_modes_state_free(s);
}

static void test_receiver_local(void)
{
    /* a receiver within 180 NM with a configured range allows a single-frame
     * fix; positions beyond the range are refused */
    struct gt_modes_state_cfg cfg = {0, 0, 1, 52.0, 4.0, 150.0};
    struct gt_modes_state_cfg far = {0, 0, 1, 40.0, 4.0, 150.0};
    struct gt_modes_state *s = must_state(&cfg);
    struct gt_modes_update u;
    GT_ASSERT_EQ_INT(feed(s, EVEN, 1000, &u), GT_OK);
    GT_ASSERT(u.obs.flags & GT_OBS_POS);
    GT_ASSERT_EQ_INT(u.obs.pos_how, GT_POS_CPR_LOCAL);
    GT_ASSERT_EQ_INT(u.pos_ref, 2);
    GT_ASSERT_DBL_NEAR(u.obs.lat_deg, 52.25720, 1e-4);
    gt_modes_state_free(s);
    s = must_state(&far);
    GT_ASSERT_EQ_INT(feed(s, ODD, 1000, &u), GT_OK);
    GT_ASSERT_EQ_INT(feed(s, EVEN, 2000, &u), GT_OK);
    GT_ASSERT(!(u.obs.flags & GT_OBS_POS));
    GT_ASSERT_EQ_INT(u.pos_rejected, 1);
    gt_modes_state_free(s);
}

/* Build a DF17 airborne position with given CPR values. */
static void pos_msg(char *out, uint32_t addr, int odd, uint32_t lat, uint32_t lon)
{
    uint8_t m[14] = {0};
    uint32_t c;
    int i;
    m[0] = 0x8D;
    m[1] = (uint8_t)(addr >> 16);
    m[2] = (uint8_t)(addr >> 8);
    m[3] = (uint8_t)addr;
    m[4] = 0x58;
    m[5] = 0xC3;
    m[6] = (uint8_t)(0x80 | (odd ? 0x04 : 0) | ((lat >> 15) & 3));
    m[7] = (uint8_t)(lat >> 7);
    m[8] = (uint8_t)((lat << 1) | ((lon >> 16) & 1));
    m[9] = (uint8_t)(lon >> 8);
    m[10] = (uint8_t)lon;
    c = gt_modes_crc(m, 112);
    m[11] = (uint8_t)(c >> 16);
    m[12] = (uint8_t)(c >> 8);
    m[13] = (uint8_t)c;
    for (i = 0; i < 14; i++) {
        sprintf(out + 2 * i, "%02X", m[i]);
    }
}

static void test_phantom_rejected(void)
{
    /* after a good fix, a CRC-valid frame that would put the aircraft far
     * away a second later is not reported */
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    char bad_even[29], bad_odd[29];
    GT_ASSERT_EQ_INT(feed(s, ODD, 1000, &u), GT_OK);
    GT_ASSERT_EQ_INT(feed(s, EVEN, 2000, &u), GT_OK);
    GT_ASSERT(u.obs.flags & GT_OBS_POS);
    pos_msg(bad_even, 0x40621D, 0, 10000, 60000);
    pos_msg(bad_odd, 0x40621D, 1, 10000, 60000);
    GT_ASSERT(feed(s, bad_even, 3000, &u) >= 0);
    GT_ASSERT(!(u.obs.flags & GT_OBS_POS));
    GT_ASSERT_EQ_INT(u.pos_rejected, 1);
    GT_ASSERT(feed(s, bad_odd, 3500, &u) >= 0);
    GT_ASSERT(!(u.obs.flags & GT_OBS_POS));
    gt_modes_state_free(s);
}

static void test_phantom_first_fix_recovers(void)
{
    /* a wrong first fix (a CRC-valid phantom pair far away) must not lock
     * the real positions out for ever */
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    char pe[29], po[29];
    int k, got = 0;
    pos_msg(pe, 0x40621D, 0, 10000, 60000);
    pos_msg(po, 0x40621D, 1, 10000, 60000);
    GT_ASSERT(feed(s, pe, 1000, &u) >= 0);
    GT_ASSERT(feed(s, po, 1500, &u) >= 0);
    GT_ASSERT(u.obs.flags & GT_OBS_POS); /* the phantom fix */
    for (k = 0; k < 8; k++) {
        GT_ASSERT(feed(s, k % 2 ? EVEN : ODD, 2000 + 500 * k, &u) >= 0);
        if ((u.obs.flags & GT_OBS_POS) && fabs(u.obs.lat_deg - 52.26) < 0.02) {
            got++;
        }
    }
    GT_ASSERT(got >= 2);
    gt_modes_state_free(s);
}

/* Build a DF17 velocity (subtype 1) of addr with east/north knots. */
static void vel_msg(char *out, uint32_t addr, int vx, int vy)
{
    uint8_t m[14] = {0};
    uint32_t c, ew = (uint32_t)abs(vx) + 1, ns = (uint32_t)abs(vy) + 1;
    int i;
    m[0] = 0x8D;
    m[1] = (uint8_t)(addr >> 16);
    m[2] = (uint8_t)(addr >> 8);
    m[3] = (uint8_t)addr;
    m[4] = 0x99;                                       /* TC 19, ST 1 */
    m[5] = (uint8_t)((vx < 0 ? 0x04 : 0) | (ew >> 8)); /* S_ew, V_ew high */
    m[6] = (uint8_t)ew;                                /* V_ew low */
    m[7] = (uint8_t)((vy < 0 ? 0x80 : 0) | (ns >> 3)); /* S_ns, V_ns high */
    m[8] = (uint8_t)((ns & 7) << 5);                   /* V_ns low */
    c = gt_modes_crc(m, 112);
    m[11] = (uint8_t)(c >> 16);
    m[12] = (uint8_t)(c >> 8);
    m[13] = (uint8_t)c;
    for (i = 0; i < 14; i++) {
        sprintf(out + 2 * i, "%02X", m[i]);
    }
}

static struct gt_modes_msg commb(struct gt_modes_state *s, const char *h, int64_t t)
{
    uint8_t b[14];
    struct gt_modes_msg m;
    hex(h, b);
    GT_ASSERT_EQ_INT(gt_modes_decode(b, 14, NULL, gt_modes_state_known, s, &m), GT_OK);
    (void)gt_modes_state_resolve(s, &m, t);
    return m;
}

static void test_commb_known_state(void)
{
    /* pyModeS test_infer: this DF20 reads as 5,0 (GS 240, track 239) or as
     * 6,0 (heading 359, IAS 336); the aircraft's ADS-B velocity decides */
    static const char *amb = "A000029CFFBAA11E2004727281F1";
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    struct gt_modes_msg m;
    char v[29];
    vel_msg(v, 0x4243D0, -206, -124); /* 240 kt towards 239 deg */
    GT_ASSERT_EQ_INT(feed(s, v, 1000, &u), GT_OK);
    GT_ASSERT_DBL_NEAR(u.obs.speed_kn, 240.4, 0.5);
    m = commb(s, amb, 2000);
    GT_ASSERT_EQ_INT(m.bds, GT_BDS_50);
    GT_ASSERT_DBL_NEAR(m.gs_kt, 240.0, 1.0);
    vel_msg(v, 0x4243D0, -10, 330); /* northbound 330 kt */
    GT_ASSERT_EQ_INT(feed(s, v, 3000, &u), GT_OK);
    m = commb(s, amb, 4000);
    GT_ASSERT_EQ_INT(m.bds, GT_BDS_60);
    GT_ASSERT_DBL_NEAR(m.ias_kt, 336.0, 1.0);
    /* stale kinematics: stays ambiguous */
    m = commb(s, amb, 100000);
    GT_ASSERT_EQ_INT(m.bds, GT_BDS_NONE);
    GT_ASSERT_EQ_INT(m.bds_ambiguous, 1);
    /* a unique 5,0 (GS 438, track 114; pyModeS test_bds_commb) from an
     * aircraft flying 300 deg is refused */
    vel_msg(v, 0x3C4DD2, -379, 219);
    GT_ASSERT_EQ_INT(feed(s, v, 200000, &u), GT_OK);
    m = commb(s, "A000139381951536E024D4CCF6B5", 201000);
    GT_ASSERT_EQ_INT(m.bds, GT_BDS_NONE);
    GT_ASSERT_EQ_INT(m.bds_inconsistent, 1);
    GT_ASSERT(!(m.has & GT_MODES_HAS_GS));
    gt_modes_state_free(s);
}

static void test_ap_needs_confirmation(void)
{
    /* DF4 from 0x4D2023 (ICAO Annex 10 AP coding; antirez dump1090 sample
     * frame) is rejected until the address is heard on DF11 */
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    GT_ASSERT_EQ_INT(feed(s, "20000F1F684A6C", 1000, &u), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(feed(s, "5D4D20237A55A6", 2000, &u), GT_OK); /* CA 5: airborne */
    GT_ASSERT_EQ_INT(feed(s, "20000F1F684A6C", 3000, &u), GT_OK);
    GT_ASSERT_EQ_INT(u.obs.alt_ft, 23375);
    GT_ASSERT_EQ_INT(u.obs.id.value, 0x4D2023);
    /* stale after the window: rejected again */
    GT_ASSERT_EQ_INT(feed(s, "5D484FDEA248F5", 1000000, &u), GT_OK);
    GT_ASSERT_EQ_INT(feed(s, "20000F1F684A6C", 1000000, &u), GT_ERR_BADDATA);
    gt_modes_state_free(s);
}

static void test_ident_on_change(void)
{
    struct gt_modes_state *s = must_state(NULL);
    struct gt_modes_update u;
    GT_ASSERT_EQ_INT(feed(s, "8D4840D6202CC371C32CE0576098", 1000, &u), GT_OK);
    GT_ASSERT_EQ_INT(u.nident, 2);
    GT_ASSERT_EQ_INT(u.ident[0].field, GT_FIELD_CALLSIGN);
    GT_ASSERT_EQ_STR(u.ident[0].value, "KLM1023");
    GT_ASSERT_EQ_INT(u.ident[1].field, GT_FIELD_CATEGORY);
    GT_ASSERT_EQ_STR(u.ident[1].value, "A0");
    GT_ASSERT_EQ_INT(feed(s, "8D4840D6202CC371C32CE0576098", 2000, &u), GT_OK);
    GT_ASSERT_EQ_INT(u.nident, 0);
    gt_modes_state_free(s);
}

static void test_eviction(void)
{
    struct gt_modes_state_cfg cfg = {4, 60000, 0, 0, 0, 0};
    struct gt_modes_state *s = must_state(&cfg);
    struct gt_modes_update u;
    char h[29];
    uint32_t a;
    for (a = 1; a <= 4; a++) {
        pos_msg(h, a, 0, 1000, 1000);
        GT_ASSERT(feed(s, h, (int64_t)a * 1000, &u) >= 0);
    }
    GT_ASSERT_EQ_INT(gt_modes_state_count(s), 4);
    /* full: the least recently seen (address 1) goes */
    pos_msg(h, 5, 0, 1000, 1000);
    GT_ASSERT(feed(s, h, 5000, &u) >= 0);
    GT_ASSERT_EQ_INT(gt_modes_state_count(s), 4);
    GT_ASSERT_EQ_INT(gt_modes_state_known(s, 1), 0);
    GT_ASSERT_EQ_INT(gt_modes_state_known(s, 2), 1);
    /* much later: every stale aircraft is swept when room is needed */
    pos_msg(h, 6, 0, 1000, 1000);
    GT_ASSERT(feed(s, h, 500000, &u) >= 0);
    GT_ASSERT_EQ_INT(gt_modes_state_count(s), 1);
    GT_ASSERT_EQ_INT(gt_modes_state_known(s, 6), 1);
    gt_modes_state_free(s);
}

static void test_many_aircraft_bounded(void)
{
    struct gt_modes_state_cfg cfg = {100, 60000, 0, 0, 0, 0};
    struct gt_modes_state *s = must_state(&cfg);
    struct gt_modes_update u;
    char h[29];
    uint32_t a;
    for (a = 0; a < 5000; a++) {
        pos_msg(h, 0x100000 + a * 3001, 0, 1000, 1000);
        GT_ASSERT(feed(s, h, (int64_t)a, &u) >= 0);
        GT_ASSERT(gt_modes_state_count(s) <= 100);
    }
    /* the most recent 100 are all findable after all that shifting */
    for (a = 4900; a < 5000; a++) {
        GT_ASSERT_EQ_INT(gt_modes_state_known(s, 0x100000 + a * 3001), 1);
    }
    gt_modes_state_free(s);
}

struct counts {
    int msgs, pos;
};

static int count_ev(void *ctx, const struct gt_modes_event *ev)
{
    struct counts *c = ctx;
    c->msgs++;
    if (ev->upd->obs.flags & GT_OBS_POS) {
        c->pos++;
    }
    return 0;
}

static void test_stream_counters(void)
{
    static const char in[] = "*8D40621D58C386435CC412692AD6;\n"
                             "*8D40621D58C382D690C8AC2863A7;\n"
                             "*8D4840D6203CC371C22CE0572098;\n" /* 3 bits flipped */
                             "*20000F1F684A6C;\n"               /* DF4, address unknown */
                             "*0800000000000000;\n"             /* DF1 */
                             "not a frame\n";
    struct counts c = {0, 0};
    struct gt_modes_stats st;
    struct gt_modes_stream *s =
        gt_modes_stream_new(GT_MODES_FRAMING_UNKNOWN, NULL, NULL, count_ev, &c);
    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(gt_modes_stream_feed(s, (const uint8_t *)in, sizeof in - 1, 1), 0);
    GT_ASSERT_EQ_INT(gt_modes_stream_framing(s), GT_MODES_FRAMING_AVR);
    gt_modes_stream_stats(s, &st);
    GT_ASSERT_EQ_INT(c.msgs, 2);
    GT_ASSERT_EQ_INT(c.pos, 1);
    GT_ASSERT_EQ_INT(st.accepted, 2);
    GT_ASSERT_EQ_INT(st.rejected[GT_MODES_REJ_CRC], 1);
    GT_ASSERT_EQ_INT(st.rejected[GT_MODES_REJ_UNKNOWN_AP], 1);
    GT_ASSERT_EQ_INT(st.rejected[GT_MODES_REJ_FRAMING], 2);
    GT_ASSERT_EQ_INT(st.positions, 1);
    gt_modes_stream_free(s);
}

GT_TEST_MAIN({"global_pair", test_global_pair}, {"snapshot", test_snapshot},
             {"pair_window", test_pair_window}, {"receiver_local", test_receiver_local},
             {"phantom_rejected", test_phantom_rejected},
             {"phantom_first_fix_recovers", test_phantom_first_fix_recovers},
             {"ap_needs_confirmation", test_ap_needs_confirmation},
             {"commb_known_state", test_commb_known_state},
             {"ident_on_change", test_ident_on_change}, {"eviction", test_eviction},
             {"many_aircraft_bounded", test_many_aircraft_bounded},
             {"stream_counters", test_stream_counters})
