/*
 * ais_gpsd.c - gpsd JSON-AIS output (gpsd's "AIS" class, as `gpsdecode -j`
 * writes it, and `gpsdecode -u -j` when unscaled), field for field and in
 * gpsd's order, so that ghosttrack can be checked against gpsd's own
 * regression files.  The field layouts are those of ITU-R M.1371-5 Annex 8
 * section 3 and, for the binary messages, IMO SN.1/Circ.236 and 289
 * (DAC 1), the Inland AIS standard (DAC 200) and GLA AtoN monitoring
 * (DAC 235/250).  Legend strings are gpsd's, since they are part of its
 * output format.  Every string from the air is JSON-escaped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/ais.h"

struct w {
    struct gt_buf *b;
    const struct gt_ais_msg *m;
    int scaled;
    int rc;
};

GT_PRINTF(2, 3) static void put(struct w *w, const char *fmt, ...)
{
    va_list ap;
    if (w->rc != GT_OK) {
        return;
    }
    va_start(ap, fmt);
    w->rc = gt_buf_vaddf(w->b, fmt, ap);
    va_end(ap);
}

/* A JSON string value from 6-bit text: quotes, backslashes and control
 * characters escaped (gpsd leaves quotes and backslashes raw, which is not
 * valid JSON; see docs/AIS.md). */
static void put_str(struct w *w, const char *key, const char *s)
{
    char tmp[256];
    size_t n = 0;
    put(w, ",\"%s\":\"", key);
    for (; *s != '\0' && n + 8 < sizeof tmp; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            tmp[n++] = '\\';
            tmp[n++] = (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            n += (size_t)snprintf(tmp + n, sizeof tmp - n, "\\u%04x", c);
        } else {
            tmp[n++] = (char)c;
        }
    }
    tmp[n] = '\0';
    put(w, "%s\"", tmp);
}

#define U(s, n) gt_ais_ubits(w->m, (s), (n))
#define S(s, n) gt_ais_sbits(w->m, (s), (n))
#define B(v)    ((v) ? "true" : "false")

static void put_text(struct w *w, const char *key, unsigned start, unsigned count)
{
    char t[200];
    if (count > sizeof t - 1) {
        count = sizeof t - 1;
    }
    gt_ais_text(w->m, start, count, t, 1);
    put_str(w, key, t);
}

/* Text from start to the end of the payload. */
static void put_endtext(struct w *w, const char *key, unsigned start)
{
    unsigned n = w->m->nbits > start ? (w->m->nbits - start) / 6 : 0;
    put_text(w, key, start, n);
}

/* "nbits:hex" of count payload bits from bit start; bits at or after
 * zero_from read as zero (gpsd's copy-and-shift for types 25/26). */
static void put_data(struct w *w, unsigned start, unsigned count, unsigned zero_from)
{
    static const char hx[] = "0123456789abcdef";
    char tmp[2 * (GT_AIS_MAX_BITS / 8) + 4];
    unsigned nbytes = (count + 7) / 8, i, k = 0;
    for (i = 0; i < nbytes && k + 2 < sizeof tmp; i++) {
        unsigned at = start + 8 * i, v;
        if (at + 8 <= zero_from) {
            v = U(at, 8);
        } else if (at >= zero_from) {
            v = 0;
        } else {
            unsigned keep = zero_from - at;
            v = U(at, keep) << (8 - keep);
        }
        tmp[k++] = hx[v >> 4];
        tmp[k++] = hx[v & 15];
    }
    tmp[k] = '\0';
    put(w, ",\"data\":\"%u:%s\"", count, tmp);
}

static const char *const nav_legends[16] = {"Under way using engine",
                                            "At anchor",
                                            "Not under command",
                                            "Restricted manoeuverability",
                                            "Constrained by her draught",
                                            "Moored",
                                            "Aground",
                                            "Engaged in fishing",
                                            "Under way sailing",
                                            "Reserved for HSC",
                                            "Reserved for WIG",
                                            "Reserved",
                                            "Reserved",
                                            "Reserved",
                                            "Reserved",
                                            "Not defined"};

static const char *epfd_text(unsigned n)
{
    static const char *const t[] = {"Undefined",
                                    "GPS",
                                    "GLONASS",
                                    "Combined GPS/GLONASS",
                                    "Loran-C",
                                    "Chayka",
                                    "Integrated navigation system",
                                    "Surveyed",
                                    "Galileo"};
    return n < sizeof t / sizeof t[0] ? t[n] : "INVALID EPFD";
}

/* gpsd's legend of an AIS ship and cargo type (M.1371-5 table 53), composed
 * into buf (at least 80 bytes). */
static const char *shiptype_text(unsigned n, char *buf, size_t size)
{
    static const char *const cat[] = {"Wing in ground (WIG)",
                                      NULL,
                                      "High speed craft (HSC)",
                                      NULL,
                                      "Passenger",
                                      "Cargo",
                                      "Tanker",
                                      "Other Type"};
    static const char *const sub[] = {"all ships of this type",  "Hazardous category A",
                                      "Hazardous category B",    "Hazardous category C",
                                      "Hazardous category D",    "Reserved for future use",
                                      "Reserved for future use", "Reserved for future use",
                                      "Reserved for future use", "No additional information"};
    static const char *const t30[] = {"Fishing",
                                      "Towing",
                                      "Towing: length exceeds 200m or breadth exceeds 25m",
                                      "Dredging or underwater ops",
                                      "Diving ops",
                                      "Military ops",
                                      "Sailing",
                                      "Pleasure Craft",
                                      "Reserved",
                                      "Reserved"};
    static const char *const t50[] = {"Pilot Vessel",
                                      "Search and Rescue vessel",
                                      "Tug",
                                      "Port Tender",
                                      "Anti-pollution equipment",
                                      "Law Enforcement",
                                      "Spare - Local Vessel",
                                      "Spare - Local Vessel",
                                      "Medical Transport",
                                      "Ship according to RR Resolution No. 18"};
    unsigned d = n / 10, u = n % 10;
    const char *s;

    if (n >= 100) {
        return "INVALID SHIP TYPE";
    }
    if (n == 0) {
        return "Not available";
    }
    if (n < 20) {
        return "Reserved for future use";
    }
    if (d == 3) {
        return t30[u];
    }
    if (d == 5) {
        return t50[u];
    }
    s = sub[u];
    if (d == 2 && u >= 5) {
        s = "Reserved for future use";
    } else if (d == 9 && u == 9) {
        s = "no additional information";
    }
    (void)snprintf(buf, size, "%s - %s", cat[d - 2], s);
    return buf;
}

static const char *station_text(unsigned n)
{
    static const char *const t[16] = {"All types of mobiles",
                                      "Reserved for future use",
                                      "All types of Class B mobile stations",
                                      "SAR airborne mobile station",
                                      "Aid to Navigation station",
                                      "Class B shipborne mobile station",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Regional use and inland waterways",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use",
                                      "Reserved for future use"};
    return t[n & 15];
}

static const char *navaid_text(unsigned n)
{
    static const char *const t[32] = {"Unspecified",
                                      "Reference point",
                                      "RACON",
                                      "Fixed offshore structure",
                                      "Spare, Reserved for future use.",
                                      "Light, without sectors",
                                      "Light, with sectors",
                                      "Leading Light Front",
                                      "Leading Light Rear",
                                      "Beacon, Cardinal N",
                                      "Beacon, Cardinal E",
                                      "Beacon, Cardinal S",
                                      "Beacon, Cardinal W",
                                      "Beacon, Port hand",
                                      "Beacon, Starboard hand",
                                      "Beacon, Preferred Channel port hand",
                                      "Beacon, Preferred Channel starboard hand",
                                      "Beacon, Isolated danger",
                                      "Beacon, Safe water",
                                      "Beacon, Special mark",
                                      "Cardinal Mark N",
                                      "Cardinal Mark E",
                                      "Cardinal Mark S",
                                      "Cardinal Mark W",
                                      "Port hand Mark",
                                      "Starboard hand Mark",
                                      "Preferred Channel Port hand",
                                      "Preferred Channel Starboard hand",
                                      "Isolated danger",
                                      "Safe Water",
                                      "Special Mark",
                                      "Light Vessel / LANBY / Rigs"};
    return t[n & 31];
}

static const char *const trends[4] = {"steady", "increasing", "decreasing", "N/A"};
static const char *const preciptypes[8] = {"reserved",  "rain", "thunderstorm", "freezing rain",
                                           "mixed/ice", "snow", "reserved",     "N/A"};
static const char *const ice_text[4] = {"no", "yes", "reserved", "N/A"};

static void put_ll(struct w *w, const char *klon, const char *klat, int32_t lon, int32_t lat,
                   double div, const char *fmt)
{
    if (w->scaled) {
        char f[64];
        (void)snprintf(f, sizeof f, ",\"%%s\":%s,\"%%s\":%s", fmt, fmt);
        /* fmt is one of our own literals ("%.6f", "%.4f", "%.1f") */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        put(w, f, klon, (double)lon / div, klat, (double)lat / div);
#pragma GCC diagnostic pop
    } else {
        put(w, ",\"%s\":%d,\"%s\":%d", klon, lon, klat, lat);
    }
}

static void type123(struct w *w)
{
    unsigned status = U(38, 4), speed = U(50, 10), course = U(116, 12);
    int turn = S(42, 8);
    unsigned n = w->m->nbits;
    unsigned radio = n >= 168 ? U(149, 19) : U(149, n - 149);
    put(w, ",\"status\":%u,\"status_text\":\"%s\"", status, nav_legends[status]);
    if (w->scaled) {
        if (turn == -128) {
            put(w, ",\"turn\":\"nan\"");
        } else if (turn == -127) {
            put(w, ",\"turn\":\"fastleft\"");
        } else if (turn == 127) {
            put(w, ",\"turn\":\"fastright\"");
        } else {
            double r = turn / 4.733;
            put(w, ",\"turn\":%.0f", r * r);
        }
        if (speed == 1023) {
            put(w, ",\"speed\":\"nan\"");
        } else if (speed == 1022) {
            put(w, ",\"speed\":\"fast\"");
        } else {
            put(w, ",\"speed\":%.1f", speed / 10.0);
        }
    } else {
        put(w, ",\"turn\":%d,\"speed\":%u", turn, speed);
    }
    put(w, ",\"accuracy\":%s", B(U(60, 1)));
    put_ll(w, "lon", "lat", S(61, 28), S(89, 27), 600000.0, "%.6f");
    if (w->scaled) {
        put(w, ",\"course\":%.1f", course / 10.0);
    } else {
        put(w, ",\"course\":%u", course);
    }
    put(w, ",\"heading\":%u,\"second\":%u,\"maneuver\":%u,\"raim\":%s,\"radio\":%u", U(128, 9),
        U(137, 6), U(143, 2), B(U(148, 1)), radio);
}

static void type4(struct w *w)
{
    unsigned epfd = U(134, 4);
    put(w, ",\"timestamp\":\"%04u-%02u-%02uT%02u:%02u:%02uZ\",\"accuracy\":%s", U(38, 14), U(52, 4),
        U(56, 5), U(61, 5), U(66, 6), U(72, 6), B(U(78, 1)));
    put_ll(w, "lon", "lat", S(79, 28), S(107, 27), 600000.0, "%.6f");
    put(w, ",\"epfd\":%u,\"epfd_text\":\"%s\",\"raim\":%s,\"radio\":%u", epfd, epfd_text(epfd),
        B(U(148, 1)), U(149, 19));
}

static void put_dims(struct w *w, unsigned at)
{
    put(w, ",\"to_bow\":%u,\"to_stern\":%u,\"to_port\":%u,\"to_starboard\":%u", U(at, 9),
        U(at + 9, 9), U(at + 18, 6), U(at + 24, 6));
}

static void type5(struct w *w)
{
    char stb[80];
    unsigned st = U(232, 8), epfd = U(270, 4), dr = U(294, 8);
    put(w, ",\"imo\":%u,\"ais_version\":%u", U(40, 30), U(38, 2));
    put_text(w, "callsign", 70, 7);
    put_text(w, "shipname", 112, 20);
    put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st, shiptype_text(st, stb, sizeof stb));
    put_dims(w, 240);
    put(w, ",\"epfd\":%u,\"epfd_text\":\"%s\",\"eta\":\"%02u-%02uT%02u:%02uZ\"", epfd,
        epfd_text(epfd), U(274, 4), U(278, 5), U(283, 5), U(288, 6));
    if (w->scaled) {
        put(w, ",\"draught\":%.1f", dr / 10.0);
    } else {
        put(w, ",\"draught\":%u", dr);
    }
    put_text(w, "destination", 302, 20);
    put(w, ",\"dte\":%u", w->m->nbits >= 423 ? U(422, 1) : 0u);
}

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
        put_ll(w, "lon", "lat", S(268, 25), S(293, 24), 60000.0, "%.4f");
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

static void type6(struct w *w)
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
    put_ll(w, "lat", "lon", S(56, 24), S(80, 25), 60000.0, "%.4f");
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

static void type8(struct w *w)
{
    unsigned dac = U(40, 10), fid = U(50, 6);
    put(w, ",\"dac\":%u,\"fid\":%u", dac, fid);
    if (!type8_app(w, dac, fid)) {
        /* gpsd masks the fill bits of type 8 data (only) */
        put_data(w, 56, w->m->nbits - 56, w->m->nbits);
    }
}

static void type9(struct w *w)
{
    unsigned alt = U(38, 12), speed = U(50, 10), course = U(116, 12);
    if (w->scaled) {
        if (alt == 4095) {
            put(w, ",\"alt\":\"nan\"");
        } else if (alt == 4094) {
            put(w, ",\"alt\":\"high\"");
        } else {
            put(w, ",\"alt\":%u", alt);
        }
        if (speed == 1023) {
            put(w, ",\"speed\":\"nan\"");
        } else if (speed == 1022) {
            put(w, ",\"speed\":\"fast\"");
        } else {
            put(w, ",\"speed\":%u", speed);
        }
    } else {
        put(w, ",\"alt\":%u,\"speed\":%u", alt, speed);
    }
    put(w, ",\"accuracy\":%s", B(U(60, 1)));
    put_ll(w, "lon", "lat", S(61, 28), S(89, 27), 600000.0, "%.6f");
    if (w->scaled) {
        put(w, ",\"course\":%.1f", course / 10.0);
    } else {
        put(w, ",\"course\":%u", course);
    }
    put(w, ",\"second\":%u,\"regional\":%u,\"dte\":%u,\"raim\":%s,\"radio\":%u", U(128, 6),
        U(134, 8), U(142, 1), B(U(147, 1)), U(148, 20));
}

static void type1819(struct w *w)
{
    unsigned speed = U(46, 10), course = U(112, 12);
    put(w, ",\"reserved\":%u", U(38, 8));
    if (w->scaled) {
        put(w, ",\"speed\":%.1f", speed / 10.0);
    } else {
        put(w, ",\"speed\":%u", speed);
    }
    put(w, ",\"accuracy\":%s", B(U(56, 1)));
    put_ll(w, "lon", "lat", S(57, 28), S(85, 27), 600000.0, "%.6f");
    if (w->scaled) {
        put(w, ",\"course\":%.1f", course / 10.0);
    } else {
        put(w, ",\"course\":%u", course);
    }
    put(w, ",\"heading\":%u,\"second\":%u", U(124, 9), U(133, 6));
    if (w->m->type == 18) {
        put(w,
            ",\"regional\":%u,\"cs\":%s,\"display\":%s,\"dsc\":%s,\"band\":%s,\"msg22\":%s,"
            "\"raim\":%s,\"radio\":%u",
            U(139, 2), B(U(141, 1)), B(U(142, 1)), B(U(143, 1)), B(U(144, 1)), B(U(145, 1)),
            B(U(147, 1)), U(148, 20));
    } else {
        unsigned st = U(263, 8), epfd = U(301, 4);
        char stb[80];
        put(w, ",\"regional\":%u", U(139, 4));
        put_text(w, "shipname", 143, 20);
        put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st, shiptype_text(st, stb, sizeof stb));
        put_dims(w, 271);
        put(w, ",\"epfd\":%u,\"epfd_text\":\"%s\",\"raim\":%s,\"dte\":%u,\"assigned\":%s", epfd,
            epfd_text(epfd), B(U(305, 1)), U(306, 1), B(U(307, 1)));
    }
}

static void type21(struct w *w)
{
    unsigned at = U(38, 5), epfd = U(249, 4);
    put(w, ",\"aid_type\":%u,\"aid_type_text\":\"%s\"", at, navaid_text(at));
    put_str(w, "name", w->m->name);
    if (w->scaled) {
        put_ll(w, "lon", "lat", S(164, 28), S(192, 27), 600000.0, "%.6f");
        put(w, ",\"accuracy\":%s", B(U(163, 1)));
    } else {
        put(w, ",\"accuracy\":%s", B(U(163, 1)));
        put_ll(w, "lon", "lat", S(164, 28), S(192, 27), 600000.0, "%.6f");
    }
    put_dims(w, 219);
    put(w,
        ",\"epfd\":%u,\"epfd_text\":\"%s\",\"second\":%u,\"regional\":%u,\"off_position\":%s,"
        "\"raim\":%s,\"virtual_aid\":%s",
        epfd, epfd_text(epfd), U(253, 6), U(260, 8), B(U(259, 1)), B(U(268, 1)), B(U(269, 1)));
}

static void put_area(struct w *w, unsigned at)
{
    int32_t v[4];
    v[0] = S(at, 18);
    v[1] = S(at + 18, 17);
    v[2] = S(at + 35, 18);
    v[3] = S(at + 53, 17);
    if (w->scaled) {
        put(w, ",\"ne_lon\":\"%f\",\"ne_lat\":\"%f\",\"sw_lon\":\"%f\",\"sw_lat\":\"%f\"",
            v[0] / 600.0, v[1] / 600.0, v[2] / 600.0, v[3] / 600.0);
    } else {
        put(w, ",\"ne_lon\":%d,\"ne_lat\":%d,\"sw_lon\":%d,\"sw_lat\":%d", v[0], v[1], v[2], v[3]);
    }
}

static void type22(struct w *w)
{
    unsigned addressed = U(139, 1);
    put(w, ",\"channel_a\":%u,\"channel_b\":%u,\"txrx\":%u,\"power\":%s", U(40, 12), U(52, 12),
        U(64, 4), B(U(68, 1)));
    if (addressed) {
        put(w, ",\"dest1\":%u,\"dest2\":%u", U(69, 30), U(104, 30));
    } else {
        put_area(w, 69);
    }
    put(w, ",\"addressed\":%s,\"band_a\":%s,\"band_b\":%s,\"zonesize\":%u", B(addressed),
        B(U(140, 1)), B(U(141, 1)), U(142, 3));
}

static void type23(struct w *w)
{
    char stb[80];
    unsigned stt = U(110, 4), sht = U(114, 8);
    put_area(w, 40);
    put(w,
        ",\"stationtype\":%u,\"stationtype_text\":\"%s\",\"shiptype\":%u,"
        "\"shiptype_text\":\"%s\",\"interval\":%u,\"quiet\":%u",
        stt, station_text(stt), sht, shiptype_text(sht, stb, sizeof stb), U(146, 4), U(150, 4));
}

static void type24(struct w *w)
{
    const struct gt_ais_msg *m = w->m;
    if (m->part24 != GT_AIS24_AB) {
        put(w, ",\"part\":\"%s\"", m->part24 == GT_AIS24_A ? "A" : "B");
    }
    if (m->part24 != GT_AIS24_B) {
        put_str(w, "shipname", m->name);
    }
    if (m->part24 != GT_AIS24_A) {
        unsigned st = U(40, 8);
        char stb[80];
        put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st, shiptype_text(st, stb, sizeof stb));
        put_text(w, "vendorid", 48, 7);
        put(w, ",\"model\":%u,\"serial\":%u", U(66, 4), U(70, 20));
        put_text(w, "callsign", 90, 7);
        if (m->mmsi / 10000000u == 98) {
            put(w, ",\"mothership_mmsi\":%u", U(132, 30));
        } else {
            put_dims(w, 132);
        }
    }
}

static void type2526(struct w *w)
{
    unsigned addressed = U(38, 1), structured = U(39, 1), n = w->m->nbits;
    unsigned dest = addressed ? U(40, 30) : 0;
    unsigned app = structured ? U(40 + 30 * addressed, 16) : 0;
    unsigned tail = w->m->type == 26 ? 20u : 0u;
    unsigned k = n - 40 - 16 * structured - tail;
    unsigned copy_end = 40 + 16 * structured + 8 * ((k + 7) / 8);
    put(w, ",\"addressed\":%s,\"structured\":%s,\"dest_mmsi\":%u,\"app_id\":%u", B(addressed),
        B(structured), dest, app);
    put_data(w, 40 + 16 * structured + 30 * addressed, k - 30 * addressed, copy_end);
    if (w->m->type == 26) {
        /* gpsd 3.22 never decodes the type 26 radio status and prints 0 */
        put(w, ",\"radio\":%u", 0u);
    }
}

static void type27(struct w *w)
{
    unsigned st = U(40, 4);
    if (w->scaled) {
        put(w, ",\"status\":\"%s\"", nav_legends[st]);
    } else {
        put(w, ",\"status\":%u", st);
    }
    put(w, ",\"accuracy\":%s", B(U(38, 1)));
    put_ll(w, "lon", "lat", S(44, 18), S(62, 17), 600.0, "%.1f");
    put(w, ",\"speed\":%u,\"course\":%u,\"raim\":%s,\"gnss\":%s", U(79, 6), U(85, 9), B(U(39, 1)),
        B(U(94, 1)));
}

int gt_ais_json_gpsd(const struct gt_ais_msg *m, int scaled, const char *device, struct gt_buf *b)
{
    struct w ww, *w = &ww;
    unsigned i;

    w->b = b;
    w->m = m;
    w->scaled = scaled;
    w->rc = GT_OK;
    put(w, "{\"class\":\"AIS\"");
    if (device != NULL && device[0] != '\0') {
        put(w, ",\"device\":\"%s\"", device);
    }
    put(w, ",\"type\":%u,\"repeat\":%u,\"mmsi\":%u,\"scaled\":%s", m->type, m->repeat, m->mmsi,
        B(scaled));
    switch (m->type) {
    case 1:
    case 2:
    case 3:
        type123(w);
        break;
    case 4:
    case 11:
        type4(w);
        break;
    case 5:
        type5(w);
        break;
    case 6:
        type6(w);
        break;
    case 7:
    case 13: {
        unsigned mm[4];
        for (i = 0; i < 4; i++) {
            mm[i] = m->nbits > 40 + 32 * i ? U(40 + 32 * i, 30) : 0;
        }
        put(w, ",\"mmsi1\":%u,\"mmsi2\":%u,\"mmsi3\":%u,\"mmsi4\":%u", mm[0], mm[1], mm[2], mm[3]);
        break;
    }
    case 8:
        type8(w);
        break;
    case 9:
        type9(w);
        break;
    case 10:
        put(w, ",\"dest_mmsi\":%u", U(40, 30));
        break;
    case 12:
        put(w, ",\"seqno\":%u,\"dest_mmsi\":%u,\"retransmit\":%s", U(38, 2), U(40, 30),
            B(U(70, 1)));
        put_endtext(w, "text", 72);
        break;
    case 14:
        put_endtext(w, "text", 40);
        break;
    case 15: {
        unsigned n = m->nbits;
        put(w, ",\"mmsi1\":%u,\"type1_1\":%u,\"offset1_1\":%u,\"type1_2\":%u,\"offset1_2\":%u",
            U(40, 30), U(70, 6), U(76, 12), n > 90 ? U(90, 6) : 0u, n > 90 ? U(96, 12) : 0u);
        put(w, ",\"mmsi2\":%u,\"type2_1\":%u,\"offset2_1\":%u", n > 110 ? U(110, 30) : 0u,
            n > 110 ? U(140, 6) : 0u, n > 110 ? U(146, 12) : 0u);
        break;
    }
    case 16: {
        int two = m->nbits >= 144;
        put(w,
            ",\"mmsi1\":%u,\"offset1\":%u,\"increment1\":%u,\"mmsi2\":%u,\"offset2\":%u,"
            "\"increment2\":%u",
            U(40, 30), U(70, 12), U(82, 10), two ? U(92, 30) : 0u, two ? U(122, 12) : 0u,
            two ? U(134, 10) : 0u);
        break;
    }
    case 17:
        put_ll(w, "lon", "lat", S(40, 18), S(58, 17), 600.0, "%.1f");
        put_data(w, 80, m->nbits - 80, GT_AIS_MAX_BITS + 64);
        break;
    case 18:
    case 19:
        type1819(w);
        break;
    case 20:
        for (i = 0; i < 4; i++) {
            unsigned a = 40 + 30 * i;
            put(w, ",\"offset%u\":%u,\"number%u\":%u,\"timeout%u\":%u,\"increment%u\":%u", i + 1,
                U(a, 12), i + 1, U(a + 12, 4), i + 1, U(a + 16, 3), i + 1, U(a + 19, 11));
        }
        break;
    case 21:
        type21(w);
        break;
    case 22:
        type22(w);
        break;
    case 23:
        type23(w);
        break;
    case 24:
        type24(w);
        break;
    case 25:
    case 26:
        type2526(w);
        break;
    case 27:
        type27(w);
        break;
    default:
        break;
    }
    put(w, "}\r\n");
    return w->rc;
}
