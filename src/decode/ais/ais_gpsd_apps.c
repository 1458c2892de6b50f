/*
 * ais_gpsd_apps.c - gpsd JSON-AIS for the binary application messages,
 * types 6 (addressed) and 8 (broadcast): IMO SN.1/Circ.236 and 289 (DAC 1:
 * tidal windows, berthing, dangerous cargo, fairway closures, target
 * tracking, traffic signals, meteorological and hydrographic data), the
 * Inland AIS standard (DAC 200) and GLA AtoN monitoring (DAC 235/250), in
 * gpsd's field order.  Application messages this writer does not know are
 * written as gpsd does, as raw "data".
 */

#include "ghosttrack/ais.h"
#include "ais_int.h"

static const char *const trends[4] = {"steady", "increasing", "decreasing", "N/A"};
static const char *const preciptypes[8] = {"reserved",  "rain", "thunderstorm", "freezing rain",
                                           "mixed/ice", "snow", "reserved",     "N/A"};
static const char *const ice_text[4] = {"no", "yes", "reserved", "N/A"};

static void tidals(struct w *w, unsigned base, unsigned size, int imo289)
{
    unsigned a, first = 1;
    put(w, ",\"month\":%u,\"day\":%u,\"tidals\":[", U(88, 4), U(92, 5));
    for (a = base; a <= w->m->nbits; a += size) {
        int32_t lon, lat;
        unsigned o = imo289 ? 49 : 55;
        if (imo289) {
            lon = S(a, 25);
            lat = S(a + 25, 24);
        } else {
            lat = S(a, 27);
            lon = S(a + 27, 28);
        }
        put(w, "%s", first ? "{" : ",{");
        first = 0;
        if (w->scaled) {
            put(w, "\"lon\":%.4f,\"lat\":%.4f", lon / 60000.0, lat / 60000.0);
        } else {
            put(w, "\"lon\":%d,\"lat\":%d", lon, lat);
        }
        put(w, ",\"from_hour\":%u,\"from_min\":%u,\"to_hour\":%u,\"to_min\":%u,\"cdir\":%u",
            U(a + o, 5), U(a + o + 5, 6), U(a + o + 11, 5), U(a + o + 16, 6), U(a + o + 22, 9));
        {
            unsigned cs = imo289 ? U(a + 80, 8) : U(a + 86, 7);
            if (w->scaled) {
                put(w, ",\"cspeed\":%.1f}", cs / 10.0);
            } else {
                put(w, ",\"cspeed\":%u}", cs);
            }
        }
    }
    put(w, "]");
}

static const char *route_text(unsigned n)
{
    static const char *const t[] = {
        "Undefined (default)",           "Mandatory",      "Recommended", "Alternative",
        "Recommended route through ice", "Ship route plan"};
    if (n < sizeof t / sizeof t[0]) {
        return t[n];
    }
    return n == 31 ? "Cancel route identified by message linkage" : "Reserved for future use.";
}

/* IMO 289 route information (DAC 1 FID 27 broadcast, FID 28 addressed):
 * waycount (0..31) waypoints, 1/10000 minute; those past the payload read
 * as zero, as in gpsd. */
static void route(struct w *w, unsigned at)
{
    unsigned rt = U(at + 13, 5), nw = U(at + 56, 5), i;
    put(w, ",\"linkage\":%u,\"sender\":%u,\"rtype\":%u,\"rtype_text\":\"%s\"", U(at, 10),
        U(at + 10, 3), rt, route_text(rt));
    put(w, ",\"start\":\"%02u-%02uT%02u:%02uZ\",\"duration\":%u,\"waypoints\":[", U(at + 18, 4),
        U(at + 22, 5), U(at + 27, 5), U(at + 32, 6), U(at + 38, 18));
    for (i = 0; i < nw; i++) {
        unsigned a = at + 61 + 55 * i;
        if (w->scaled) {
            put(w, "%s{\"lon\":%.6f,\"lat\":%.6f}", i ? "," : "", S(a, 28) / 600000.0,
                S(a + 28, 27) / 600000.0);
        } else {
            put(w, "%s{\"lon\":%d,\"lat\":%d}", i ? "," : "", S(a, 28), S(a + 28, 27));
        }
    }
    put(w, "]");
}

/* IMO 289 berthing data (DAC 1 FID 20). */
static void berthing(struct w *w)
{
    static const char *const pos[8] = {"Not available",
                                       "Port-side to",
                                       "Starboard-side to",
                                       "Mediterranean (end-on) mooring",
                                       "Mooring buoy",
                                       "Anchorage",
                                       "Reserved for future use",
                                       "Reserved for future use"};
    static const char *const svc[] = {
        "agent",       "fuel",           "chandler", "stevedore",  "electrical", "water",
        "customs",     "cartage",        "crane",    "lift",       "medical",    "navrepair",
        "provisions",  "shiprepair",     "surveyor", "steam",      "tugs",       "solidwaste",
        "liquidwaste", "hazardouswaste", "ballast",  "additional", "regional1",  "regional2",
        "future1",     "future2"};
    unsigned i, p = U(115, 3);
    put(w, ",\"linkage\":%u,\"berth_length\":%u,\"position\":%u,\"position_text\":\"%s\"",
        U(88, 10), U(98, 9), p, pos[p]);
    put(w, ",\"arrival\":\"%u-%uT%u:%u\",\"availability\":%u", U(118, 4), U(122, 5), U(127, 5),
        U(132, 6), U(138, 1));
    for (i = 0; i < sizeof svc / sizeof svc[0]; i++) {
        put(w, ",\"%s\":%u", svc[i], U(139 + 2 * i, 2));
    }
    put_text(w, "berth_name", 191, 20);
    if (w->scaled) {
        put(w, ",\"berth_lon\":%.4f,\"berth_lat\":%.4f,\"berth_depth\":%.1f", S(311, 25) / 60000.0,
            S(336, 24) / 60000.0, U(107, 8) * 0.1);
    } else {
        put(w, ",\"berth_lon\":%d,\"berth_lat\":%d,\"berth_depth\":%u", S(311, 25), S(336, 24),
            U(107, 8));
    }
}

/* IMO 289 dangerous cargo indication (DAC 1 FID 25): up to 28 cargos. */
static void cargos(struct w *w)
{
    unsigned u;
    put(w, ",\"unit\":%u,\"amount\":%u,\"cargos\":[", U(88, 2), U(90, 10));
    for (u = 0; u < 28 && 100 + u * 17 < w->m->nbits; u++) {
        put(w, "%s{\"code\":%u,\"subtype\":%u}", u ? "," : "", U(100 + u * 17, 4),
            U(104 + u * 17, 13));
    }
    put(w, "]");
}

/* IMO 236 fairway closed (DAC 1 FID 13). */
static void fairway(struct w *w)
{
    put_text(w, "reason", 56, 20);
    put_text(w, "closefrom", 176, 20);
    put_text(w, "closeto", 296, 20);
    put(w, ",\"radius\":%u,\"extunit\":%u", U(416, 10), U(426, 2));
    put(w, ",\"from\":\"%02u-%02uT%02u:%02u\",\"to\":\"%02u-%02uT%02u:%02u\"", U(433, 4), U(428, 5),
        U(437, 5), U(442, 6), U(453, 4), U(448, 5), U(457, 5), U(462, 6));
}

/* IMO 289 VTS-generated/synthetic targets (DAC 1 FID 17): up to 4. */
static void targets(struct w *w)
{
    static const char *const idt[4] = {"mmsi", "imo", "callsign", "other"};
    unsigned u;
    put(w, ",\"targets\":[");
    for (u = 0; u < 4 && 56 + 122 * u <= w->m->nbits; u++) {
        unsigned a = 56 + 122 * u, t = U(a, 2);
        put(w, "%s{\"idtype\":%u,\"idtype_text\":\"%s\"", u ? "," : "", t, idt[t]);
        if (t < 2) {
            /* a 42-bit field that gpsd keeps in 32 bits */
            uint32_t lo = U(a + 12, 32);
            put(w, ",\"%s\":\"%u\"", idt[t], lo);
        } else {
            char id[8];
            gt_ais_text(w->m, a + 2, 7, id, 1);
            put_str(w, idt[t], id);
        }
        if (w->scaled) {
            put(w, ",\"lat\":%.4f,\"lon\":%.4f", S(a + 48, 24) / 60000.0, S(a + 72, 25) / 60000.0);
        } else {
            put(w, ",\"lat\":%d,\"lon\":%d", S(a + 48, 24), S(a + 72, 25));
        }
        put(w, ",\"course\":%u,\"second\":%u,\"speed\":%u}", U(a + 97, 9), U(a + 106, 6),
            U(a + 112, 10));
    }
    put(w, "]");
}

/* IMO 289 marine traffic signal (DAC 1 FID 19). */
static void traffic_signal(struct w *w)
{
    static const char *const sig[] = {
        "N/A",
        "Serious emergency \xe2\x80\x93 stop or divert according to instructions.",
        "Vessels shall not proceed.",
        "Vessels may proceed. One way traffic.",
        "Vessels may proceed. Two way traffic.",
        "Vessels shall proceed on specific orders only.",
        "Vessels in main channel shall not proceed.",
        "Vessels in main channel shall proceed on specific orders only.",
        "Vessels in main channel shall proceed on specific orders only.",
        "I = \\\"in-bound\\\" only acceptable.",
        "O = \\\"out-bound\\\" only acceptable.",
        "F = both \\\"in- and out-bound\\\" acceptable.",
        "XI = Code will shift to \\\"I\\\" in due time.",
        "XO = Code will shift to \\\"O\\\" in due time.",
        "X = Vessels shall proceed only on direction."};
    unsigned sg = U(237, 5), nx = U(253, 5);
    const size_t ns = sizeof sig / sizeof sig[0];
    put(w, ",\"linkage\":%u", U(56, 10));
    put_text(w, "station", 66, 20);
    put(w, ",\"lon\":%.4f,\"lat\":%.4f,\"status\":%u", S(186, 25) / 60000.0, S(211, 24) / 60000.0,
        U(235, 2));
    put(w, ",\"signal\":%u,\"signal_text\":\"%s\",\"hour\":%u,\"minute\":%u", sg,
        sg < ns ? sig[sg] : "INVALID SIGNAL TYPE", U(242, 5), U(247, 6));
    /* gpsd 3.22 omits the comma before "nextsignal_text" (invalid JSON) */
    put(w, ",\"nextsignal\":%u,\"nextsignal_text\":\"%s\"", nx,
        nx < ns ? sig[nx] : "INVALID SIGNAL TYPE");
}

/* Type 6 application payloads gpsd decodes; returns 0 when it shows them
 * as raw data instead. */
static int type6_app(struct w *w, unsigned dac, unsigned fid)
{
    unsigned n = w->m->nbits;
    if (dac == 235 || dac == 250) {
        static const char *const racon[4] = {"No RACON installed", "RACON not monitored",
                                             "RACON operational", "RACON ERROR"};
        static const char *const light[4] = {"No light or no monitoring", "Light ON", "Light OFF",
                                             "Light ERROR"};
        unsigned v[3], i;
        static const char *const k[3] = {"ana_int", "ana_ext1", "ana_ext2"};
        if (fid != 10 || n != 136) {
            return 0;
        }
        put(w, ",\"off_pos\":%s,\"alarm\":%s,\"stat_ext\":%u", B(U(131, 1)), B(U(122, 1)),
            U(123, 8));
        for (i = 0; i < 3; i++) {
            v[i] = U(88 + 10 * i, 10);
            if (w->scaled && v[i] != 0) {
                put(w, ",\"%s\":%.2f", k[i], v[i] * 0.05);
            } else {
                put(w, ",\"%s\":%u", k[i], v[i]);
            }
        }
        put(w, ",\"racon\":%u,\"racon_text\":\"%s\",\"light\":%u,\"light_text\":\"%s\"", U(118, 2),
            racon[U(118, 2)], U(120, 2), light[U(120, 2)]);
        return 1;
    }
    if (dac == 200) {
        if (fid == 55 && n == 168) {
            put(w, ",\"crew\":%u,\"passengers\":%u,\"personnel\":%u", U(88, 8), U(96, 13),
                U(109, 8));
            return 1;
        }
        return 0;
    }
    if (dac != 1) {
        return 0;
    }
    switch (fid) {
    case 12:
        put_text(w, "lastport", 88, 5);
        put(w, ",\"departure\":\"%02u-%02uT%02u:%02uZ\"", U(118, 4), U(122, 5), U(127, 5),
            U(132, 6));
        put_text(w, "nextport", 138, 5);
        put(w, ",\"eta\":\"%02u-%02uT%02u:%02uZ\"", U(168, 4), U(172, 5), U(177, 5), U(182, 6));
        put_text(w, "dangerous", 188, 20);
        put_text(w, "imdcat", 308, 4);
        put(w, ",\"unid\":%u,\"amount\":%u,\"unit\":%u", U(332, 13), U(345, 10), U(355, 2));
        return 1;
    case 14:
        tidals(w, 97, 93, 0);
        return 1;
    case 15:
        put(w, ",\"airdraught\":%u", U(56, 11));
        return 1;
    case 16:
        put(w, ",\"persons\":%u", n - 88 == 136 ? U(88, 13) : U(55, 13));
        return 1;
    case 20:
        berthing(w);
        return 1;
    case 25:
        cargos(w);
        return 1;
    case 28:
        route(w, 88);
        return 1;
    case 18:
        put(w, ",\"linkage\":%u,\"arrival\":\"%02u-%02uT%02u:%02uZ\"", U(88, 10), U(98, 4),
            U(102, 5), U(107, 5), U(112, 6));
        put_text(w, "portname", 118, 20);
        put_text(w, "destination", 238, 5);
        put_ll(w, "lon", "lat", S(268, 25), S(293, 24), 60000.0, 4);
        return 1;
    case 30:
        put(w, ",\"linkage\":%u", U(88, 10));
        put_endtext(w, "text", 98);
        return 1;
    case 32:
        tidals(w, 97, 88, 1);
        return 1;
    default:
        return 0;
    }
}

void gt__gpsd_type6(struct w *w)
{
    unsigned dac = U(72, 10), fid = U(82, 6);
    put(w, ",\"seqno\":%u,\"dest_mmsi\":%u,\"retransmit\":%s,\"dac\":%u,\"fid\":%u", U(38, 2),
        U(40, 30), B(U(70, 1)), dac, fid);
    if (!type6_app(w, dac, fid)) {
        put_data(w, 88, w->m->nbits - 88, GT_AIS_MAX_BITS + 64);
    }
}

static void met11(struct w *w)
{
    unsigned airtemp = U(153, 11), dew = U(171, 10), pres = U(181, 9), vis = U(192, 8);
    unsigned wl = U(200, 9);
    put_ll(w, "lat", "lon", S(56, 24), S(80, 25), 60000.0, 4);
    put(w,
        ",\"timestamp\":\"%02uT%02u:%02uZ\",\"wspeed\":%u,\"wgust\":%u,\"wdir\":%u,"
        "\"wgustdir\":%u,\"humidity\":%u",
        U(105, 5), U(110, 5), U(115, 6), U(121, 7), U(128, 7), U(135, 9), U(144, 9), U(164, 7));
    if (w->scaled) {
        put(w, ",\"airtemp\":%.1f,\"dewpoint\":%.1f,\"pressure\":%u,\"pressuretend\":\"%s\"",
            ((int)airtemp - 600) / 10.0, ((int)dew - 200) / 10.0, pres + 800u, trends[U(190, 2)]);
        put(w, ",\"visibility\":%.1f,\"waterlevel\":%.1f", vis / 10.0, ((int)wl - 100) / 10.0);
        put(w,
            ",\"leveltrend\":\"%s\",\"cspeed\":%.1f,\"cdir\":%u,\"cspeed2\":%.1f,\"cdir2\":%u,"
            "\"cdepth2\":%u,\"cspeed3\":%.1f,\"cdir3\":%u,\"cdepth3\":%u,\"waveheight\":%.1f,"
            "\"waveperiod\":%u,\"wavedir\":%u,\"swellheight\":%.1f,\"swellperiod\":%u,"
            "\"swelldir\":%u,\"seastate\":%u,\"watertemp\":%.1f",
            trends[U(209, 2)], U(211, 8) / 10.0, U(219, 9), U(228, 8) / 10.0, U(236, 9), U(245, 5),
            U(250, 8) / 10.0, U(258, 9), U(267, 5), U(272, 8) / 10.0, U(280, 6), U(286, 9),
            U(295, 8) / 10.0, U(303, 6), U(309, 9), U(318, 4), ((int)U(322, 10) - 100) / 10.0);
        put(w, ",\"preciptype\":%u,\"preciptype_text\":\"%s\",\"salinity\":%.1f", U(332, 3),
            preciptypes[U(332, 3)], U(335, 9) / 10.0);
    } else {
        put(w, ",\"airtemp\":%u,\"dewpoint\":%u,\"pressure\":%u,\"pressuretend\":%u", airtemp, dew,
            pres, U(190, 2));
        put(w, ",\"visibility\":%u,\"waterlevel\":%d", vis, (int)wl);
        put(w,
            ",\"leveltrend\":%u,\"cspeed\":%u,\"cdir\":%u,\"cspeed2\":%u,\"cdir2\":%u,"
            "\"cdepth2\":%u,\"cspeed3\":%u,\"cdir3\":%u,\"cdepth3\":%u,\"waveheight\":%u,"
            "\"waveperiod\":%u,\"wavedir\":%u,\"swellheight\":%u,\"swellperiod\":%u,"
            "\"swelldir\":%u,\"seastate\":%u,\"watertemp\":%u",
            U(209, 2), U(211, 8), U(219, 9), U(228, 8), U(236, 9), U(245, 5), U(250, 8), U(258, 9),
            U(267, 5), U(272, 8), U(280, 6), U(286, 9), U(295, 8), U(303, 6), U(309, 9), U(318, 4),
            U(322, 10));
        put(w, ",\"preciptype\":%u,\"preciptype_text\":\"%s\",\"salinity\":%u", U(332, 3),
            preciptypes[U(332, 3)], U(335, 9));
    }
    put(w, ",\"ice\":%u,\"ice_text\":\"%s\"", U(344, 2), ice_text[U(344, 2)]);
}

static void met31(struct w *w)
{
    int32_t lon = S(56, 25), lat = S(81, 24);
    if (w->scaled) {
        put(w, ",\"lat\":%.4f,\"lon\":%.4f", lat / 60000.0, lon / 60000.0);
    } else {
        /* gpsd 3.22 passes only one argument to "lat":%d,"lon":%d; what it
         * prints is latitude then longitude, as here (docs/AIS.md) */
        put(w, ",\"lat\":%d,\"lon\":%d", lat, lon);
    }
    put(w,
        ",\"accuracy\":%s,\"timestamp\":\"%02uT%02u:%02uZ\",\"wspeed\":%u,\"wgust\":%u,"
        "\"wdir\":%u,\"wgustdir\":%u,\"humidity\":%u",
        B(U(105, 1)), U(106, 5), U(111, 5), U(116, 6), U(122, 7), U(129, 7), U(136, 9), U(145, 9),
        U(165, 7));
    if (w->scaled) {
        put(w,
            ",\"airtemp\":%.1f,\"dewpoint\":%.1f,\"pressure\":%u,\"pressuretend\":\"%s\","
            "\"visgreater\":%s",
            S(154, 11) / 10.0, S(172, 10) / 10.0, U(182, 9) + 799u, trends[U(191, 2)],
            B(U(193, 1)));
        put(w, ",\"visibility\":%.1f,\"waterlevel\":%.1f", U(194, 7) / 10.0,
            ((double)U(201, 12) - 1000.0) / 100.0);
        put(w,
            ",\"leveltrend\":\"%s\",\"cspeed\":%.1f,\"cdir\":%u,\"cspeed2\":%.1f,\"cdir2\":%u,"
            "\"cdepth2\":%u,\"cspeed3\":%.1f,\"cdir3\":%u,\"cdepth3\":%u,\"waveheight\":%.1f,"
            "\"waveperiod\":%u,\"wavedir\":%u,\"swellheight\":%.1f,\"swellperiod\":%u,"
            "\"swelldir\":%u,\"seastate\":%u,\"watertemp\":%.1f,\"preciptype\":\"%s\","
            "\"salinity\":%.1f,\"ice\":\"%s\"",
            trends[U(213, 2)], U(215, 8) / 10.0, U(223, 9), U(232, 8) / 10.0, U(240, 9), U(249, 5),
            U(254, 8) / 10.0, U(262, 9), U(271, 5), U(276, 8) / 10.0, U(284, 6), U(290, 9),
            U(299, 8) / 10.0, U(307, 6), U(313, 9), U(322, 4), S(326, 10) / 10.0,
            preciptypes[U(336, 3)], U(339, 9) / 10.0, ice_text[U(348, 2)]);
    } else {
        put(w,
            ",\"airtemp\":%d,\"dewpoint\":%d,\"pressure\":%u,\"pressuretend\":%u,"
            "\"visgreater\":%s",
            S(154, 11), S(172, 10), U(182, 9), U(191, 2), B(U(193, 1)));
        put(w, ",\"visibility\":%u,\"waterlevel\":%d", U(194, 7), (int)U(201, 12));
        put(w,
            ",\"leveltrend\":%u,\"cspeed\":%u,\"cdir\":%u,\"cspeed2\":%u,\"cdir2\":%u,"
            "\"cdepth2\":%u,\"cspeed3\":%u,\"cdir3\":%u,\"cdepth3\":%u,\"waveheight\":%u,"
            "\"waveperiod\":%u,\"wavedir\":%u,\"swellheight\":%u,\"swellperiod\":%u,"
            "\"swelldir\":%u,\"seastate\":%u,\"watertemp\":%d,\"preciptype\":%u,"
            "\"salinity\":%u,\"ice\":%u",
            U(213, 2), U(215, 8), U(223, 9), U(232, 8), U(240, 9), U(249, 5), U(254, 8), U(262, 9),
            U(271, 5), U(276, 8), U(284, 6), U(290, 9), U(299, 8), U(307, 6), U(313, 9), U(322, 4),
            S(326, 10), U(336, 3), U(339, 9), U(348, 2));
    }
}

static const char *inland_type(unsigned code)
{
    static const struct {
        unsigned code, ais;
        const char *legend;
    } t[] = {
        {8000, 99, "Vessel, type unknown"},
        {8010, 79, "Motor freighter"},
        {8020, 89, "Motor tanker"},
        {8021, 80, "Motor tanker, liquid cargo, type N"},
        {8022, 80, "Motor tanker, liquid cargo, type C"},
        {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
        {8030, 79, "Container vessel"},
        {8040, 80, "Gas tanker"},
        {8050, 79, "Motor freighter, tug"},
        {8060, 89, "Motor tanker, tug"},
        {8070, 79, "Motor freighter with one or more ships alongside"},
        {8080, 89, "Motor freighter with tanker"},
        {8090, 79, "Motor freighter pushing one or more freighters"},
        {8100, 89, "Motor freighter pushing at least one tank-ship"},
        {8110, 79, "Tug, freighter"},
        {8120, 89, "Tug, tanker"},
        {8130, 31, "Tug freighter, coupled"},
        {8140, 31, "Tug, freighter/tanker, coupled"},
        {8150, 99, "Freightbarge"},
        {8160, 99, "Tankbarge"},
        {8161, 90, "Tankbarge, liquid cargo, type N"},
        {8162, 90, "Tankbarge, liquid cargo, type C"},
        {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
        {8170, 99, "Freightbarge with containers"},
        {8180, 90, "Tankbarge, gas"},
        {8210, 79, "Pushtow, one cargo barge"},
        {8220, 79, "Pushtow, two cargo barges"},
        {8230, 79, "Pushtow, three cargo barges"},
        {8240, 79, "Pushtow, four cargo barges"},
        {8250, 79, "Pushtow, five cargo barges"},
        {8260, 79, "Pushtow, six cargo barges"},
        {8270, 79, "Pushtow, seven cargo barges"},
        {8280, 79, "Pushtow, eigth cargo barges"},
        {8290, 79, "Pushtow, nine or more barges"},
        {8310, 80, "Pushtow, one tank/gas barge"},
        {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
        {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
        {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
        {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
        {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
        {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
    };
    size_t i;
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (t[i].code == code || t[i].ais == code) {
            return t[i].legend;
        }
    }
    return "Illegal ship type value.";
}

static int type8_app(struct w *w, unsigned dac, unsigned fid)
{
    unsigned n = w->m->nbits;
    if (dac == 200 && fid == 10 && n == 168) {
        static const char *const hazard[] = {
            "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
            "3 blue cones/lights", "4 B-Flag",          "Unknown"};
        static const char *const loaded[] = {"N/A (default)", "Unloaded", "Loaded"};
        char vin[9];
        unsigned hz = U(141, 3), ld = U(155, 2), st = U(127, 14);
        gt_ais_text(w->m, 56, 8, vin, 1);
        if (hz > 5) {
            return 0;
        }
        put_str(w, "vin", vin);
        put(w, ",\"length\":%u,\"beam\":%u,\"shiptype\":%u,\"shiptype_text\":\"%s\"", U(104, 13),
            U(117, 10), st, inland_type(st));
        put(w, ",\"hazard\":%u,\"hazard_text\":\"%s\",\"draught\":%u", hz, hazard[hz], U(144, 11));
        put(w, ",\"loaded\":%u,\"loaded_text\":\"%s\"", ld,
            ld < 3 ? loaded[ld] : "INVALID LOAD STATUS");
        put(w, ",\"speed_q\":%s,\"course_q\":%s,\"heading_q\":%s", B(U(157, 1)), B(U(158, 1)),
            B(U(159, 1)));
        return 1;
    }
    if (dac != 1) {
        return 0;
    }
    switch (fid) {
    case 11:
        met11(w);
        return 1;
    case 13:
        fairway(w);
        return 1;
    case 17:
        targets(w);
        return 1;
    case 19:
        traffic_signal(w);
        return 1;
    case 27:
        route(w, 56);
        return 1;
    case 15:
        put(w, ",\"airdraught\":%u", U(56, 11));
        return 1;
    case 16:
        /* gpsd decodes only the IMO 236 (72 bit) and IMO 289 (136 bit)
         * forms, and then prints the type 6 member of its union, which is
         * always 0 here (docs/AIS.md) */
        if (n - 56 == 136 || n - 56 == 72) {
            put(w, ",\"persons\":%u", 0u);
            return 1;
        }
        return 0;
    case 29:
        put(w, ",\"linkage\":%u", U(56, 10));
        put_endtext(w, "text", 66);
        return 1;
    case 31:
        met31(w);
        return 1;
    default:
        return 0;
    }
}

void gt__gpsd_type8(struct w *w)
{
    unsigned dac = U(40, 10), fid = U(50, 6);
    put(w, ",\"dac\":%u,\"fid\":%u", dac, fid);
    if (!type8_app(w, dac, fid)) {
        /* gpsd masks the fill bits of type 8 data (only) */
        put_data(w, 56, w->m->nbits - 56, w->m->nbits);
    }
}
