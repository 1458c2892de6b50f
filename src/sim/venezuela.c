/*
 * venezuela.c - the bundled scenario "venezuela-2019".
 *
 * Modelled on the 2019 Venezuela case (tankers loading at Jose and going
 * dark in the Caribbean, ship-to-ship transfers, renamed and reflagged
 * tankers; Russian state aircraft flying Moscow -> Rabat -> Caracas with a
 * leg flown dark), over four days from 2019-03-21T00:00Z.  All identities
 * are invented; the geography is real: every route was laid through open
 * water with waypoints clear of islands (Margarita, La Tortuga, La
 * Blanquilla, Los Testigos, Grenada, Tobago, Curacao, Bonaire, Aruba,
 * Puerto Rico, Vieques), checked against Natural Earth land.
 *
 * MMSIs carry the MID of their flag (ITU-R M.585: 352-357 Panama, 538
 * Marshall Islands, 636 Liberia, 341 Saint Kitts and Nevis, 613 Cameroon,
 * 377 Saint Vincent, 244 Netherlands, 209 Cyprus, 563 Singapore, 311
 * Bahamas, 307 Aruba, 366/367 United States, 775 Venezuela); the Russian
 * aircraft addresses lie in the Russian 0x140000-0x15FFFF block.
 */
#include <stddef.h>

#include "sim_int.h"

#define GO(la, lo, kn)                                                                             \
    {                                                                                              \
        SIM_GO, (la), (lo), (kn), NULL                                                             \
    }
#define HOLD(h, st, p)                                                                             \
    {                                                                                              \
        SIM_HOLD, (h), (st), 0, (p)                                                                \
    }
#define OFF                                                                                        \
    {                                                                                              \
        SIM_OFF, 0, 0, 0, NULL                                                                     \
    }
#define ON                                                                                         \
    {                                                                                              \
        SIM_ON, 0, 0, 0, NULL                                                                      \
    }
#define IDENT(i)                                                                                   \
    {                                                                                              \
        SIM_IDENT, (i), 0, 0, NULL                                                                 \
    }
#define SPOOF(la, lo, r)                                                                           \
    {                                                                                              \
        SIM_SPOOF_CIRCLE, (la), (lo), (r), NULL                                                    \
    }
#define SPOOF_END                                                                                  \
    {                                                                                              \
        SIM_SPOOF_END, 0, 0, 0, NULL                                                               \
    }
#define JUMP(la, lo)                                                                               \
    {                                                                                              \
        SIM_JUMP, (la), (lo), 0, NULL                                                              \
    }
#define END                                                                                        \
    {                                                                                              \
        SIM_END, 0, 0, 0, NULL                                                                     \
    }

/* The way out of Jose to the open Caribbean, between La Tortuga and
 * Margarita. */
#define JOSE_OUT GO(10.35, -64.9, 10), GO(11.0, -64.85, 12), GO(11.6, -64.95, 12)
#define JOSE_IN  GO(11.6, -64.95, 12), GO(11.0, -64.85, 12), GO(10.35, -64.9, 10)

/* Round Curacao's east end, between it and Bonaire (Willemstad side). */
#define CURACAO_EAST_N(kn) GO(11.97, -68.8, kn), GO(12.15, -68.55, kn), GO(12.45, -68.5, kn)
#define CURACAO_EAST_S(kn) GO(12.45, -68.5, kn), GO(12.15, -68.55, kn), GO(11.97, -68.8, kn)

#define HOSTILE "</script><img src=x onerror=alert(1)>"

static const struct sim_station stations[] = {
    {"PTOLACRUZ", 10.22, -64.63, 40, 0.9}, {"MARGARITA", 11.0, -63.85, 40, 0.9},
    {"CURACAO", 12.1, -68.9, 45, 0.9},     {"ARUBA", 12.5, -70.0, 40, 0.9},
    {"TRINIDAD", 10.65, -61.5, 40, 0.9},   {"GRENADA", 12.05, -61.75, 40, 0.9},
    {"BARBADOS", 13.1, -59.6, 40, 0.9},    {"PRICO", 18.0, -66.6, 45, 0.9},
    {"SAT-AIS1", 0, 0, 0, 0.45},
};

/* No AIS receiver covers this stretch of the Atlantic east of the Lesser
 * Antilles (the satellite also rarely passes over a 1 degree margin). */
static const struct sim_box holes[] = {{14.0, -58.0, 18.0, -53.0}};

/* US waters around Puerto Rico: what MarineCadastre publishes. */
static const struct sim_box mc_box = {17.0, -68.5, 19.5, -64.0};

static const struct sim_airport airports[] = {
    {"UUMU", 55.878, 38.062},  {"GMME", 34.051, -6.752}, {"SVMI", 10.601, -66.991},
    {"GCLP", 27.932, -15.387}, {"LEMD", 40.472, -3.561}, {"MPTO", 9.071, -79.383},
    {"TNCC", 12.189, -68.960}, {"SKBO", 4.702, -74.147},
};

static const struct sim_receiver receivers[] = {
    /* Russia and Europe (OpenSky only) */
    {55.75, 37.6, 0},
    {54.8, 32.0, 0},
    {53.9, 27.6, 0},
    {52.2, 21.0, 0},
    {52.4, 16.9, 0},
    {52.5, 13.4, 0},
    {50.1, 8.7, 0},
    {50.85, 4.35, 0},
    {48.85, 2.35, 0},
    {47.2, -1.55, 0},
    {44.8, -0.6, 0},
    {41.65, -0.9, 0},
    {40.4, -3.7, 0},
    {37.4, -6.0, 0},
    {38.7, -9.1, 0},
    {36.7, -4.4, 0},
    {34.0, -6.8, 0},
    {33.6, -7.6, 0},
    {31.6, -8.0, 0},
    {30.4, -9.6, 0},
    {28.1, -15.4, 0},
    {28.4, -16.3, 0},
    {28.96, -13.6, 0},
    {32.65, -16.9, 0},
    {43.3, -2.0, 0},
    {50.45, 30.5, 0},
    {49.8, 24.0, 0},
    {51.1, 17.0, 0},
    {49.0, 12.1, 0},
    {46.2, 6.1, 0},
    /* the Caribbean network (OpenSky and raw Mode S) */
    {10.5, -66.9, 1},
    {10.1, -64.7, 1},
    {12.1, -68.9, 1},
    {12.5, -70.0, 1},
    {10.6, -61.3, 1},
    {13.1, -59.6, 1},
    {16.25, -61.55, 1},
    {18.4, -66.1, 1},
    {18.5, -69.9, 1},
    {11.0, -74.8, 1},
    {10.65, -71.6, 1},
    {9.0, -79.5, 1},
    {4.7, -74.1, 1},
    {7.1, -73.1, 1},
    {8.6, -71.2, 1},
    {10.4, -75.5, 1},
    {8.0, -66.0, 1},
    {9.0, -77.0, 1},
};

static const struct sim_vessel vessels[] = {
    /* 0: loads at Jose, goes dark 80 nm offshore, meets vessel 1, reappears */
    {"dark tanker: suspected AIS gap and dark STS partner of KARIBA SPIRIT",
     'A',
     80,
     330,
     60,
     21.5,
     "CARACAS",
     0,
     10.118,
     -64.85,
     {{352001234, 9187655, "ORIENT STAR", "3EOS4", "PA", NULL}},
     {HOLD(14, 5, "JOSE TERMINAL"), JOSE_OUT, GO(12.6, -65.6, 12), OFF, GO(13.3, -66.3, 10),
      HOLD(10, 0, NULL), GO(14.6, -67.8, 11), GO(15.2, -68.5, 11), ON, GO(16.3, -70.3, 11),
      GO(16.8, -73.5, 11), GO(16.9, -75.5, 11), END}},
    /* 1: loiters with its AIS on while vessel 0 is dark beside it */
    {"tanker loitering in a dark STS with ORIENT STAR",
     'A',
     80,
     250,
     44,
     9.0,
     "BULLEN BAY",
     16,
     12.17,
     -69.04,
     {{538007123, 9312456, "KARIBA SPIRIT", "V7KS9", "MH", NULL}},
     {HOLD(4, 5, "BULLEN BAAI"), GO(12.05, -69.05, 8), CURACAO_EAST_N(12), GO(12.6, -68.0, 12),
      GO(13.3, -66.3028, 12), HOLD(12, 0, NULL), GO(12.6, -68.0, 12), CURACAO_EAST_S(12),
      GO(12.05, -69.05, 12), GO(12.17, -69.04, 6), HOLD(40, 5, "BULLEN BAAI"), END}},
    /* 2 and 3: a ship-to-ship transfer with both transponders on */
    {"tanker in a ship-to-ship transfer with SOLANO",
     'A',
     80,
     274,
     48,
     17.0,
     "JOSE",
     4,
     10.112,
     -64.855,
     {{636018234, 9276547, "NORDIC LYNX", "A8NL3", "LR", NULL}},
     {HOLD(10, 5, "JOSE TERMINAL"), JOSE_OUT, GO(13.8, -65.2, 12), HOLD(9, 0, NULL), JOSE_IN,
      GO(10.112, -64.855, 6), HOLD(40, 5, "JOSE TERMINAL"), END}},
    {"tanker in a ship-to-ship transfer with NORDIC LYNX",
     'A',
     80,
     244,
     42,
     8.5,
     "ARUBA",
     22,
     12.2,
     -62.5,
     {{355123000, 9201982, "SOLANO", "3FSL2", "PA", NULL}},
     {GO(13.8, -65.2015, 12), HOLD(7, 0, NULL), GO(12.6, -68.0, 12), GO(12.35, -69.75, 12),
      GO(12.425, -69.92, 6), HOLD(40, 5, "SINT NICOLAAS BAAI"), END}},
    /* 4: leaves Jose for the Atlantic and switches off 65 nm off Barbados */
    {"dark tanker: suspected AIS gap in the Atlantic",
     'A',
     80,
     333,
     60,
     20.8,
     "ROTTERDAM",
     0,
     10.11,
     -64.845,
     {{341056000, 9165437, "BLUE ADMIRAL", "V4BA7", "KN", NULL}},
     {HOLD(8, 5, "JOSE TERMINAL"), GO(10.35, -64.9, 10), GO(11.0, -64.85, 12), GO(11.5, -64.9, 12),
      GO(11.6, -63.0, 12), GO(11.7, -61.8, 12), GO(12.3, -58.8, 12), OFF, GO(12.5, -55.1, 12), ON,
      GO(13.5, -48.0, 12), END}},
    /* 5: renamed at sea, then reflagged (new MMSI, same IMO) before Jose */
    {"tanker renamed (OCEAN GLORY -> GLORY STAR) and reflagged Panama -> Cameroon",
     'A',
     80,
     228,
     32,
     7.9,
     "JOSE",
     2,
     12.42,
     -69.905,
     {{357222000, 9256781, "OCEAN GLORY", "3FGL7", "PA", NULL},
      {357222000, 9256781, "GLORY STAR", "3FGL8", "PA", NULL},
      {613111000, 9256781, "GLORY STAR", "TJGS2", "CM", NULL}},
     {HOLD(6, 5, "SINT NICOLAAS BAAI"), GO(12.3, -69.5, 10), GO(12.55, -69.2, 12),
      GO(12.5, -67.5, 12), IDENT(1), GO(12.8, -66.0, 12), JOSE_IN, IDENT(2), GO(10.105, -64.85, 6),
      HOLD(20, 5, "JOSE TERMINAL"), JOSE_OUT, GO(12.5, -65.5, 12), GO(14.5, -67.0, 12), END}},
    /* 6: loads at Jose while its AIS draws a circle at sea */
    {"tanker spoofing its position: circle at sea while loading at Jose",
     'A',
     80,
     264,
     48,
     16.0,
     "OPL",
     0,
     10.108,
     -64.86,
     {{352987000, 9143219, "MARE NOSTRUM", "3EMN5", "PA", NULL}},
     {SPOOF(12.2, -66.4, 1.2), HOLD(30, 5, "JOSE TERMINAL"), SPOOF_END, JOSE_OUT,
      GO(12.6, -66.0, 12), GO(14.0, -68.5, 12), GO(15.0, -72.0, 12), END}},
    /* 7: one position report teleports 470 km away and back */
    {"cargo ship with a teleporting position report",
     'A',
     70,
     180,
     28,
     9.5,
     "PONCE",
     6,
     12.05,
     -69.25,
     {{377456000, 9301237, "ATLANTIC DAWN", "J8AD6", "VC", NULL}},
     {GO(12.45, -69.25, 13), GO(14.0, -68.0, 13), JUMP(15.9, -74.9), GO(16.8, -67.6, 13),
      GO(17.7, -67.2, 13), GO(17.965, -66.615, 8), HOLD(30, 5, "PLAYA DE PONCE"),
      GO(17.7, -67.2, 13), GO(16.0, -68.5, 13), END}},
    /* 8 and 9: one MMSI, two hulls 2,000 km apart */
    {"hull A of shared MMSI 636091234 (Caribbean)",
     'A',
     70,
     190,
     32,
     10.0,
     "PONCE",
     0,
     12.35,
     -69.5,
     {{636091234, 9234563, "CAPE FORTUNE", "A8CF2", "LR", NULL}},
     {GO(14.0, -68.0, 12), GO(16.8, -67.6, 12), GO(17.7, -67.2, 12), GO(17.96, -66.63, 8),
      HOLD(30, 5, "PLAYA DE PONCE"), GO(17.6, -65.5, 12), GO(15.5, -64.0, 12), GO(13.0, -65.0, 12),
      END}},
    {"hull B of shared MMSI 636091234 (Atlantic)",
     'A',
     70,
     200,
     32,
     11.0,
     "ARUBA",
     0,
     13.0,
     -40.0,
     {{636091234, 9345673, "STELLA MARIS", "A8SM9", "LR", NULL}},
     {GO(12.6, -56.0, 13), GO(12.3, -59.0, 13), GO(11.8, -60.5, 13), GO(11.7, -61.8, 13),
      GO(11.6, -63.0, 13), END}},
    /* 10: crosses the coverage hole: a gap that is not suspicious */
    {"cargo ship crossing a coverage hole (decoy gap)",
     'A',
     70,
     160,
     26,
     8.0,
     "WILLEMSTAD",
     0,
     16.5,
     -48.0,
     {{244830123, 9276107, "AUSTRAL BREEZE", "PCAB", "NL", NULL}},
     {GO(15.5, -57.5, 13), GO(14.3, -60.6, 13), GO(14.25, -61.0, 13), GO(13.5, -64.0, 13),
      GO(12.8, -66.5, 13), CURACAO_EAST_S(13), GO(12.1, -68.935, 8), HOLD(40, 5, "WILLEMSTAD"),
      END}},
    /* 11 and 12: anchored 400 m apart inside the Jose anchorage (decoy) */
    {"tanker at the Jose anchorage (decoy encounter)",
     'A',
     80,
     245,
     44,
     7.5,
     "JOSE",
     0,
     10.16,
     -64.91,
     {{209876000, 9198769, "PACIFIC ROSE", "5BPR3", "CY", NULL}},
     {HOLD(50, 1, "JOSE ANCHORAGE"), GO(10.115, -64.865, 5), HOLD(50, 5, "JOSE TERMINAL"), END}},
    {"tanker at the Jose anchorage (decoy encounter)",
     'A',
     80,
     250,
     44,
     14.0,
     "ARUBA",
     0,
     10.1636,
     -64.91,
     {{563045000, 9287651, "LUCKY MARINER", "9VLM8", "SG", NULL}},
     {HOLD(40, 1, "JOSE ANCHORAGE"), JOSE_OUT, GO(12.5, -67.5, 12), GO(12.55, -69.2, 12),
      GO(12.35, -69.5, 12), GO(12.415, -69.915, 6), HOLD(40, 5, "SINT NICOLAAS BAAI"), END}},
    /* ordinary traffic */
    {"ordinary traffic: cargo to the Atlantic",
     'A',
     70,
     200,
     32,
     11.0,
     "ANTWERP",
     3,
     12.3,
     -69.5,
     {{311000456, 9322009, "CARIBBEAN TRADER", "C6CT2", "BS", NULL}},
     {GO(12.55, -69.2, 14), GO(12.5, -67.5, 14), GO(12.6, -65.5, 14), GO(11.6, -63.0, 14),
      GO(11.7, -61.8, 14), GO(11.8, -60.5, 14), GO(12.4, -57.5, 14), GO(13.5, -45.0, 14), END}},
    {"ordinary traffic: product tanker from the Atlantic to Aruba",
     'A',
     80,
     183,
     32,
     11.2,
     "ARUBA",
     0,
     11.9,
     -54.0,
     {{307112000, 9380001, "ARUBA EXPRESS", "P4AE", "AW", NULL}},
     {GO(11.8, -60.5, 13), GO(11.7, -61.8, 13), GO(11.6, -63.0, 13), GO(11.5, -64.9, 13),
      GO(12.5, -67.5, 13), GO(12.55, -69.2, 13), GO(12.35, -69.6, 13), GO(12.42, -69.925, 6),
      HOLD(40, 5, "SINT NICOLAAS BAAI"), END}},
    {"ordinary traffic: container ship Curacao - Ponce",
     'A',
     71,
     210,
     30,
     10.5,
     "PONCE",
     20,
     12.05,
     -68.95,
     {{366998000, 9400007, "MAYAGUEZ STAR", "WDC998", "US", NULL}},
     {CURACAO_EAST_N(16), GO(14.0, -68.0, 16), GO(16.8, -67.6, 16), GO(17.7, -67.2, 16),
      GO(17.97, -66.62, 8), HOLD(12, 5, "PLAYA DE PONCE"), GO(17.7, -67.2, 16), GO(14.0, -68.0, 16),
      CURACAO_EAST_S(16), GO(12.105, -68.945, 10), HOLD(40, 5, "WILLEMSTAD"), END}},
    {"ordinary traffic: ro-ro Puerto Rico - Jose",
     'A',
     79,
     160,
     26,
     7.0,
     "JOSE",
     0,
     17.6,
     -65.5,
     {{775123000, 9410002, "SANTA CRUZ", "YYSC", "VE", NULL}},
     {GO(15.5, -64.0, 14), GO(12.6, -65.5, 14), JOSE_IN, GO(10.106, -64.838, 6),
      HOLD(60, 5, "JOSE TERMINAL"), END}},
    {"ordinary traffic: coastal tanker Jose - Curacao",
     'A',
     80,
     120,
     20,
     6.5,
     "CURACAO",
     30,
     11.5,
     -64.9,
     {{775456000, 9420007, "GRAN ROQUE", "YYGR", "VE", NULL}},
     {GO(11.0, -64.85, 11), GO(10.35, -64.9, 10), GO(10.114, -64.838, 6),
      HOLD(16, 5, "JOSE TERMINAL"), JOSE_OUT, GO(11.6, -68.0, 11), GO(12.0, -69.2, 11),
      GO(12.175, -69.045, 6), HOLD(40, 5, "BULLEN BAAI"), END}},
    {"yacht in US waters with a hostile name (escaping test)",
     'B',
     37,
     18,
     5,
     2.0,
     "",
     0,
     17.88,
     -66.3,
     {{367555010, 0, "</SCRIPT><IMG SRC=X ", "WDH5551", "US", HOSTILE}},
     {GO(17.85, -65.6, 7), GO(18.03, -65.4, 7), HOLD(10, 1, "ESPERANZA ANCHORAGE"),
      GO(17.85, -65.6, 7), GO(17.88, -66.3, 7), HOLD(12, 1, "SALINAS ANCHORAGE"),
      GO(17.85, -65.6, 7), GO(18.03, -65.4, 7), HOLD(60, 1, "ESPERANZA ANCHORAGE"), END}},
    {"fishing boat off Margarita",
     'B',
     30,
     24,
     7,
     3.0,
     "",
     0,
     11.3,
     -63.9,
     {{775987000, 0, "PESCADOR I", "YYPI", "VE", NULL}},
     {GO(11.5, -63.5, 6),    GO(11.3, -63.25, 6),    GO(11.25, -63.9, 6),
      HOLD(6, 7, "FISHING"), GO(11.5, -63.5, 6),     GO(11.3, -63.25, 6),
      GO(11.25, -63.9, 6),   HOLD(6, 7, "FISHING"),  GO(11.5, -63.5, 6),
      GO(11.3, -63.25, 6),   GO(11.25, -63.9, 6),    HOLD(6, 7, "FISHING"),
      GO(11.5, -63.5, 6),    GO(11.3, -63.25, 6),    GO(11.25, -63.9, 6),
      HOLD(6, 7, "FISHING"), GO(11.5, -63.5, 6),     GO(11.3, -63.25, 6),
      GO(11.25, -63.9, 6),   HOLD(30, 7, "FISHING"), END}},
    {"ordinary traffic: cruise ship Aruba - Curacao - Grenada",
     'A',
     60,
     290,
     36,
     8.2,
     "ST GEORGES",
     8,
     12.35,
     -69.6,
     {{311777000, 9430002, "CORAL SEA", "C6CS7", "BS", NULL}},
     {GO(12.1, -69.2, 16), GO(12.098, -68.925, 12), HOLD(10, 5, "WILLEMSTAD"), CURACAO_EAST_N(18),
      GO(12.6, -65.5, 18), GO(11.95, -62.0, 18), GO(12.045, -61.76, 6), HOLD(40, 5, "ST GEORGE'S"),
      END}},
    {"ordinary traffic: bulk carrier from the Atlantic to Colombia",
     'A',
     70,
     225,
     32,
     12.5,
     "CARTAGENA",
     0,
     11.9,
     -57.0,
     {{538009876, 9440007, "NORTHERN LIGHT", "V7NL5", "MH", NULL}},
     {GO(11.8, -60.5, 13), GO(11.7, -61.8, 13), GO(11.6, -63.0, 13), GO(11.5, -64.9, 13),
      GO(12.6, -67.5, 13), GO(13.2, -70.5, 13), GO(12.8, -74.0, 13), GO(11.5, -75.7, 13), END}},
};

static const struct sim_aircraft aircraft[] = {
    {0x1511A3, "RA-86496", "IL62", "Russian Air Force",
     "Il-62 state flight, Rabat-Caracas leg dark"},
    {0x1512C4, "RA-82040", "A124", "Russian Air Force", "An-124 state flight via Gran Canaria"},
    {0x3443C5, "EC-MJA", "A332", "Iberia", "airliner"},
    {0x0C20E4, "HP-1721CMP", "B738", "Copa Airlines", "airliner"},
    {0x0D8A21, "YV2115", "E190", "Conviasa", "airliner"},
    {0xA3C2B1, "N763AV", "A320", "Avianca", "airliner"},
    {0xA8F1C2, "N900VE", "GLF5", HOSTILE, "business jet with a hostile operator name"},
};

static const struct sim_flight flights[] = {
    {0x1511A3, "RFF7076", "UUMU", "GMME", 29.0, 35000, 450, 0, 0, "1000"},
    {0x1511A3, "RFF7076", "GMME", "SVMI", 36.5, 37000, 460, 1, 0, "1000"},
    {0x1511A3, "RFF7077", "SVMI", "GMME", 78.0, 37000, 460, 0, 0, "1000"},
    {0x1512C4, "RFF7078", "UUMU", "GCLP", 26.0, 33000, 430, 0, 0, "1000"},
    {0x1512C4, "RFF7078", "GCLP", "SVMI", 36.0, 33000, 430, 0, 0, "1000"},
    {0x3443C5, "IBE6673", "LEMD", "SVMI", 34.0, 39000, 470, 0, 1, "4512"},
    {0x3443C5, "IBE6674", "SVMI", "LEMD", 46.0, 38000, 480, 0, 1, "4513"},
    {0x0C20E4, "CMP222", "MPTO", "SVMI", 14.0, 35000, 450, 0, 1, "3301"},
    {0x0C20E4, "CMP223", "SVMI", "MPTO", 19.0, 36000, 450, 0, 1, "3302"},
    {0x0C20E4, "CMP222", "MPTO", "SVMI", 62.0, 35000, 450, 0, 1, "3301"},
    {0x0C20E4, "CMP223", "SVMI", "MPTO", 67.0, 36000, 450, 0, 1, "3302"},
    {0x0D8A21, "VCV3340", "SVMI", "TNCC", 20.0, 21000, 380, 0, 1, "5501"},
    {0x0D8A21, "VCV3341", "TNCC", "SVMI", 23.0, 22000, 380, 0, 1, "5502"},
    {0xA3C2B1, "AVA76", "SKBO", "SVMI", 40.0, 35000, 440, 0, 1, "6612"},
    {0xA3C2B1, "AVA77", "SVMI", "SKBO", 44.5, 36000, 440, 0, 1, "6613"},
    {0xA8F1C2, "N900VE", "TNCC", "SVMI", 52.0, 41000, 470, 0, 1, "1200"},
};

static const struct sim_encounter encounters[] = {
    {1, 0, 1}, /* KARIBA SPIRIT loiters, ORIENT STAR dark beside it */
    {2, 3, 0}, /* NORDIC LYNX and SOLANO, both visible */
};

static const struct sim_decoy decoys[] = {
    {"encounter", 11, 12,
     "two tankers anchored 400 m apart inside the Jose anchorage, within 10 km of the port"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct sim_scenario gt__sim_venezuela = {
    "venezuela-2019",
    "Caribbean tankers going dark, ship-to-ship transfers, Russian state flights (4 days)",
    "Four days from 2019-03-21T00:00Z in the Caribbean and Atlantic, modelled on\n"
    "the 2019 Venezuela case.  Tankers load at Jose (Venezuela); ORIENT STAR and\n"
    "BLUE ADMIRAL switch AIS off far from shore in well-covered water; ORIENT STAR\n"
    "meets KARIBA SPIRIT while dark (dark STS); NORDIC LYNX and SOLANO transfer\n"
    "cargo with both transponders on; MARE NOSTRUM reports a circle at sea while\n"
    "loading at Jose; ATLANTIC DAWN teleports once; CAPE FORTUNE and STELLA MARIS\n"
    "share one MMSI; OCEAN GLORY becomes GLORY STAR and changes flag and MMSI.\n"
    "An Il-62 (RA-86496) flies Chkalovsky UUMU -> Rabat GMME, then Rabat ->\n"
    "Caracas SVMI with its transponder off, and back; an An-124 flies UUMU ->\n"
    "Gran Canaria GCLP -> Caracas.  The Russian flights are absent from the\n"
    "Flightradar24 files.  Decoys: a cargo ship crossing an AIS coverage hole,\n"
    "two tankers at the Jose anchorage, aircraft crossing the ocean out of\n"
    "receiver coverage.",
    1553126400000, /* 2019-03-21T00:00:00Z */
    1553472000000, /* 2019-03-25T00:00:00Z */
    stations,
    N(stations),
    holes,
    N(holes),
    &mc_box,
    airports,
    N(airports),
    receivers,
    N(receivers),
    vessels,
    N(vessels),
    aircraft,
    N(aircraft),
    flights,
    N(flights),
    encounters,
    N(encounters),
    decoys,
    N(decoys),
};

/* ---------------------------------------------------------------------- */
/* "sts-mini": the two ship-to-ship transfers of venezuela-2019 alone, 36
 * hours, four vessels, no aircraft: small and fast for detector tests. */

static const struct sim_vessel mini_vessels[] = {
    {"dark tanker: suspected AIS gap and dark STS partner of KARIBA SPIRIT",
     'A',
     80,
     330,
     60,
     21.5,
     "CARACAS",
     0,
     11.6,
     -64.95,
     {{352001234, 9187655, "ORIENT STAR", "3EOS4", "PA", NULL}},
     {GO(12.6, -65.6, 12), OFF, GO(13.3, -66.3, 10), HOLD(10, 0, NULL), GO(14.6, -67.8, 11), ON,
      GO(15.2, -68.5, 11), GO(16.3, -70.3, 11), END}},
    {"tanker loitering in a dark STS with ORIENT STAR",
     'A',
     80,
     250,
     44,
     9.0,
     "BULLEN BAY",
     2,
     12.6,
     -68.0,
     {{538007123, 9312456, "KARIBA SPIRIT", "V7KS9", "MH", NULL}},
     {GO(13.3, -66.3028, 12), HOLD(12, 0, NULL), GO(12.6, -68.0, 12), END}},
    {"tanker in a ship-to-ship transfer with SOLANO",
     'A',
     80,
     274,
     48,
     17.0,
     "JOSE",
     0,
     12.3,
     -65.1,
     {{636018234, 9276547, "NORDIC LYNX", "A8NL3", "LR", NULL}},
     {GO(13.8, -65.2, 12), HOLD(9, 0, NULL), GO(12.3, -65.1, 12), END}},
    {"tanker in a ship-to-ship transfer with NORDIC LYNX",
     'A',
     80,
     244,
     42,
     8.5,
     "ARUBA",
     0,
     13.0,
     -63.5,
     {{355123000, 9201982, "SOLANO", "3FSL2", "PA", NULL}},
     {GO(13.8, -65.2015, 12), HOLD(7, 0, NULL), GO(12.6, -68.0, 12), END}},
};

static const struct sim_encounter mini_encounters[] = {{1, 0, 1}, {2, 3, 0}};

const struct sim_scenario gt__sim_sts_mini = {
    "sts-mini",
    "two ship-to-ship transfers, one with a dark partner (36 h, 4 vessels)",
    "36 hours from 2019-03-22T00:00Z in the open Caribbean: ORIENT STAR switches\n"
    "AIS off and meets KARIBA SPIRIT while dark; NORDIC LYNX and SOLANO meet with\n"
    "both transponders on.  No aircraft.",
    1553212800000, /* 2019-03-22T00:00:00Z */
    1553342400000, /* 2019-03-23T12:00:00Z */
    stations,
    N(stations),
    NULL,
    0,
    NULL,
    NULL,
    0,
    NULL,
    0,
    mini_vessels,
    N(mini_vessels),
    NULL,
    0,
    NULL,
    0,
    mini_encounters,
    N(mini_encounters),
    NULL,
    0,
};
