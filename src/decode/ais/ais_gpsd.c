/*
 * ais_gpsd.c - gpsd JSON-AIS output (gpsd's "AIS" class, as `gpsdecode -j`
 * writes it, and `gpsdecode -u -j` when unscaled), field for field and in
 * gpsd's order, so that ghosttrack can be checked against gpsd's own
 * regression files.  The field layouts are those of ITU-R M.1371-5 Annex 8
 * section 3 and, for the binary messages, IMO SN.1/Circ.236 and 289
 * (DAC 1), the Inland AIS standard (DAC 200) and GLA AtoN monitoring
 * (DAC 235/250).  Legend strings are gpsd's, since they are part of its
 * output format.  Every string from the air is JSON-escaped.  The binary
 * application messages (types 6 and 8) are in ais_gpsd_apps.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ais_int.h"

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

/* gpsd's legend of an AIS ship and cargo type (M.1371-5 table 53), composed
 * into buf (at least 80 bytes). */
const char *gt__gpsd_shiptype_text(unsigned n, char *buf, size_t size)
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

static void type123(struct w *w)
{
    unsigned status = U(38, 4), speed = U(50, 10), course = U(116, 12);
    int turn = S(42, 8);
    unsigned n = w->m->nbits;
    unsigned radio = n >= 168 ? U(149, 19) : U(149, n - 149);
    PUT_LIT(w, ",\"status\":");
    put_u(w, status);
    PUT_LIT(w, ",\"status_text\":\"");
    put_mem(w, nav_legends[status], strlen(nav_legends[status]));
    PUT_LIT(w, "\"");
    if (w->scaled) {
        if (turn == -128) {
            PUT_LIT(w, ",\"turn\":\"nan\"");
        } else if (turn == -127) {
            PUT_LIT(w, ",\"turn\":\"fastleft\"");
        } else if (turn == 127) {
            PUT_LIT(w, ",\"turn\":\"fastright\"");
        } else {
            double r = turn / 4.733;
            PUT_LIT(w, ",\"turn\":");
            put_fixed(w, r * r, 0);
        }
        if (speed == 1023) {
            PUT_LIT(w, ",\"speed\":\"nan\"");
        } else if (speed == 1022) {
            PUT_LIT(w, ",\"speed\":\"fast\"");
        } else {
            PUT_LIT(w, ",\"speed\":");
            put_fixed(w, speed / 10.0, 1);
        }
    } else {
        put(w, ",\"turn\":%d,\"speed\":%u", turn, speed);
    }
    PUT_LIT(w, ",\"accuracy\":");
    put_bool(w, U(60, 1));
    put_ll(w, "lon", "lat", S(61, 28), S(89, 27), 600000.0, 6);
    PUT_LIT(w, ",\"course\":");
    if (w->scaled) {
        put_fixed(w, course / 10.0, 1);
    } else {
        put_u(w, course);
    }
    PUT_LIT(w, ",\"heading\":");
    put_u(w, U(128, 9));
    PUT_LIT(w, ",\"second\":");
    put_u(w, U(137, 6));
    PUT_LIT(w, ",\"maneuver\":");
    put_u(w, U(143, 2));
    PUT_LIT(w, ",\"raim\":");
    put_bool(w, U(148, 1));
    PUT_LIT(w, ",\"radio\":");
    put_u(w, radio);
}

static void type4(struct w *w)
{
    unsigned epfd = U(134, 4);
    put(w, ",\"timestamp\":\"%04u-%02u-%02uT%02u:%02u:%02uZ\",\"accuracy\":%s", U(38, 14), U(52, 4),
        U(56, 5), U(61, 5), U(66, 6), U(72, 6), B(U(78, 1)));
    put_ll(w, "lon", "lat", S(79, 28), S(107, 27), 600000.0, 6);
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
    put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st,
        gt__gpsd_shiptype_text(st, stb, sizeof stb));
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
    put_ll(w, "lon", "lat", S(61, 28), S(89, 27), 600000.0, 6);
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
    put_ll(w, "lon", "lat", S(57, 28), S(85, 27), 600000.0, 6);
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
        put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st,
            gt__gpsd_shiptype_text(st, stb, sizeof stb));
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
        put_ll(w, "lon", "lat", S(164, 28), S(192, 27), 600000.0, 6);
        put(w, ",\"accuracy\":%s", B(U(163, 1)));
    } else {
        put(w, ",\"accuracy\":%s", B(U(163, 1)));
        put_ll(w, "lon", "lat", S(164, 28), S(192, 27), 600000.0, 6);
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
        stt, station_text(stt), sht, gt__gpsd_shiptype_text(sht, stb, sizeof stb), U(146, 4),
        U(150, 4));
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
        put(w, ",\"shiptype\":%u,\"shiptype_text\":\"%s\"", st,
            gt__gpsd_shiptype_text(st, stb, sizeof stb));
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
    put_ll(w, "lon", "lat", S(44, 18), S(62, 17), 600.0, 1);
    put(w, ",\"speed\":%u,\"course\":%u,\"raim\":%s,\"gnss\":%s", U(79, 6), U(85, 9), B(U(39, 1)),
        B(U(94, 1)));
}

int gt_ais_json_gpsd(const struct gt_ais_msg *m, int scaled, const char *device, struct gt_buf *b)
{
    struct w ww, *w = &ww;
    unsigned i;

    gt_fmt_line_init(&w->line, b);
    w->m = m;
    w->scaled = scaled;
    w->rc = GT_OK;
    PUT_LIT(w, "{\"class\":\"AIS\"");
    if (device != NULL && device[0] != '\0') {
        put(w, ",\"device\":\"%s\"", device);
    }
    PUT_LIT(w, ",\"type\":");
    put_u(w, m->type);
    PUT_LIT(w, ",\"repeat\":");
    put_u(w, m->repeat);
    PUT_LIT(w, ",\"mmsi\":");
    put_u(w, m->mmsi);
    PUT_LIT(w, ",\"scaled\":");
    put_bool(w, (unsigned)scaled);
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
        gt__gpsd_type6(w);
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
        gt__gpsd_type8(w);
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
        put_ll(w, "lon", "lat", S(40, 18), S(58, 17), 600.0, 1);
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
    PUT_LIT(w, "}\r\n");
    if (w->rc == GT_OK) {
        w->rc = gt_fmt_line_flush(&w->line);
    }
    return w->rc;
}
