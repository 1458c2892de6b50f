/*
 * test_aviation.c - airports, the aircraft database, flight legs, airport
 * attachment, itineraries with dark legs, and the aviation detectors on a
 * generated scenario with known truth (precision and recall printed as
 * "# ..." lines).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "avsim.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/archive.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/air_resolve.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/event.h"
#include "ghosttrack/ref.h"
#include "test.h"

static const char airports_csv[] =
    "\"id\",\"ident\",\"type\",\"name\",\"latitude_deg\",\"longitude_deg\",\"elevation_ft\","
    "\"iata_code\",\"gps_code\"\n"
    "1,\"SVMI\",\"large_airport\",\"Sim\xc3\xb3n Bol\xc3\xadvar, \"\"Maiquet\xc3\xad"
    "a\"\"\","
    "10.601194,-66.991222,234,\"CCS\",\"SVMI\"\n"
    "2,\"XHEL\",\"heliport\",\"Pad\",10.6,-66.99,0,,\n"
    "3,\"VE-0001\",\"small_airport\",\"Strip\",10.62,-66.98,10,,\"SVXX\"\n"
    "4,\"GMME\",\"medium_airport\",\"Rabat-Sal\xc3\xa9\",34.051498,-6.75152,276,RBA,GMME\r\n"
    "5,\"BAD\",\"small_airport\",\"No lat\",,1,0,,\n"
    "6,\"NZ01\",\"small_airport\",\"Dateline\",-17.0,179.95,5,,";

static void test_airports_parse(void)
{
    struct gt_airports *a;
    const struct gt_airport *ap;
    double km = -1;

    GT_ASSERT_EQ_INT(gt_airports_parse(airports_csv, sizeof airports_csv - 1, &a), GT_OK);
    GT_ASSERT_EQ_INT(gt_airports_count(a), 4); /* heliport and row without latitude dropped */
    ap = gt_airports_find(a, "svmi");
    GT_ASSERT(ap != NULL);
    GT_ASSERT_EQ_STR(ap->name, "Sim\xc3\xb3n Bol\xc3\xadvar, \"Maiquet\xc3\xad"
                               "a\"");
    GT_ASSERT_EQ_STR(ap->iata, "CCS");
    GT_ASSERT_EQ_INT(ap->elev_ft, 234);
    GT_ASSERT(gt_airports_find(a, "SVXX") != NULL); /* gps_code replaces a local ident */
    GT_ASSERT(gt_airports_find(a, "RBA") != NULL);
    /* 2.5 km east of SVMI: SVMI, not the small strip 2.4 km away */
    ap = gt_airports_nearest(a, 10.601194, -66.968, 10, &km);
    GT_ASSERT(ap != NULL);
    GT_ASSERT_EQ_STR(ap->ident, "SVMI");
    GT_ASSERT_DBL_NEAR(km, 2.54, 0.05);
    GT_ASSERT(gt_airports_nearest(a, 10.601194, -66.7, 10, NULL) == NULL);
    /* across the antimeridian */
    ap = gt_airports_nearest(a, -17.0, -179.98, 10, &km);
    GT_ASSERT(ap != NULL && strcmp(ap->ident, "NZ01") == 0);
    GT_ASSERT_DBL_NEAR(km, 7.45, 0.1);
    gt_airports_free(a);
    GT_ASSERT_EQ_INT(gt_airports_parse("a,b\n1,2\n", 8, &a), GT_ERR_BADDATA);
    GT_ASSERT(a == NULL);
}

static void test_airports_builtin(void)
{
    struct gt_airports *a;
    const struct gt_airport *ap;
    double km;
    static const char *const need[] = {"UUMU", "UUWW", "UUEE", "GMME", "SVMI",
                                       "GCLP", "MUHA", "MNMG", "KJFK", "EGLL"};
    size_t i;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    GT_ASSERT(gt_airports_count(a) > 400);
    for (i = 0; i < sizeof need / sizeof need[0]; i++) {
        GT_ASSERT(gt_airports_find(a, need[i]) != NULL);
    }
    /* Heathrow's reference point is about 51.4706 N, 0.4619 W */
    ap = gt_airports_find(a, "EGLL");
    GT_ASSERT_DBL_NEAR(ap->lat_deg, 51.4706, 0.01);
    GT_ASSERT_DBL_NEAR(ap->lon_deg, -0.4619, 0.01);
    /* Chkalovsky vs Sheremetyevo/Vnukovo: a fix on the Chkalovsky runway */
    ap = gt_airports_nearest(a, 55.88, 38.05, 10, &km);
    GT_ASSERT(ap != NULL);
    GT_ASSERT_EQ_STR(ap->ident, "UUMU");
    GT_ASSERT(km < 1.5);
    gt_airports_free(a);
}

static const char aircraft_csv[] = "icao24,registration,typecode,operator,flags\n"
                                   "155e2c,RA-86496,il62,\"Russian Air Force\",military\n"
                                   "ac671b,N899DN,B739,Delta Air Lines,0\n"
                                   "a00001,N1PIA,GLF6,\"Private, LLC\",pia ladd\n"
                                   "zzzzzz,bad,,\n"
                                   "ac671b,N899DN,B739,Delta Air Lines Inc,1\n";

static void test_aircraftdb(void)
{
    struct gt_aircraftdb *db;
    const struct gt_aircraft *ac;

    GT_ASSERT_EQ_INT(gt_aircraftdb_parse(aircraft_csv, sizeof aircraft_csv - 1, &db), GT_OK);
    GT_ASSERT_EQ_INT(gt_aircraftdb_count(db), 3);
    ac = gt_aircraftdb_find(db, 0x155e2c);
    GT_ASSERT(ac != NULL);
    GT_ASSERT_EQ_STR(ac->typecode, "IL62");
    GT_ASSERT_EQ_INT(ac->flags, GT_AIRCRAFT_MILITARY);
    ac = gt_aircraftdb_find(db, 0xac671b); /* the last line wins */
    GT_ASSERT_EQ_STR(ac->op, "Delta Air Lines Inc");
    GT_ASSERT_EQ_INT(ac->flags, GT_AIRCRAFT_MILITARY);
    ac = gt_aircraftdb_find_reg(db, "ra86496");
    GT_ASSERT(ac != NULL && ac->icao24 == 0x155e2c);
    ac = gt_aircraftdb_find_reg(db, "N1-PIA");
    GT_ASSERT(ac != NULL && ac->flags == (GT_AIRCRAFT_PIA | GT_AIRCRAFT_LADD));
    GT_ASSERT_EQ_STR(ac->op, "Private, LLC");
    GT_ASSERT(gt_aircraftdb_find(db, 0x123456) == NULL);
    GT_ASSERT(gt_aircraftdb_find_reg(db, "X") == NULL);
    GT_ASSERT_DBL_NEAR(gt_aircraft_cruise_kn("IL62"), 460, 0);
    GT_ASSERT_DBL_NEAR(gt_aircraft_cruise_kn("il76"), 430, 0);
    GT_ASSERT_DBL_NEAR(gt_aircraft_cruise_kn("ZZZZ"), 450, 0);
    GT_ASSERT_DBL_NEAR(gt_aircraft_cruise_kn(NULL), 450, 0);
    gt_aircraftdb_free(db);
    GT_ASSERT(gt_aircraftdb_find(NULL, 1) == NULL);
    GT_ASSERT_EQ_INT(gt_aircraftdb_parse("x,y\n", 4, &db), GT_ERR_BADDATA);
}

/* Push one fix into a track. */
static void put(struct gt_track *t, int64_t t_s, double lat, double lon, int alt, int ground)
{
    struct gt_point p;
    memset(&p, 0, sizeof p);
    p.t_ms = t_s * 1000;
    p.lat_deg = lat;
    p.lon_deg = lon;
    p.alt_ft = alt;
    p.on_ground = (uint8_t)ground;
    p.speed_kn = ground ? 10.0f : 300.0f;
    p.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_GROUND | GT_OBS_SPEED;
    p.source_id = 1;
    GT_ASSERT_EQ_INT(gt_track_push(t, &p), GT_OK);
}

static void test_legs_split(void)
{
    struct gt_track t;
    struct gt_ident id = {GT_ID_ICAO, 0xabcdef, 0};
    struct gt_flight_params p;
    struct gt_leg *legs;
    size_t n;
    int64_t s = 0;
    int i;

    gt_flight_params_init(&p, NULL);
    GT_ASSERT_DBL_NEAR(p.split_low_s, 600, 0);
    GT_ASSERT_DBL_NEAR(p.split_high_s, 1800, 0);
    gt_track_init(&t, id, 1000);
    put(&t, s, 0, 0, 0, 1);
    for (i = 1; i <= 10; i++) { /* airborne at 30,000 ft */
        put(&t, s += 60, 0, 0.1 * i, 30000, 0);
    }
    put(&t, s += 60 * 25, 0, 1.2, 30000, 0); /* 25 min at altitude: same leg */
    put(&t, s += 60, 0, 1.3, 2000, 0);
    put(&t, s += 60 * 12, 0, 1.4, 2000, 0); /* 12 min below 1 km: new leg */
    put(&t, s += 60, 0, 1.41, 0, 1);
    put(&t, s += 60, 0, 1.42, 0, 1);
    put(&t, s += 60, 0, 1.43, 500, 0); /* take-off: third leg */
    put(&t, s += 60, 0, 1.44, 0, 1);   /* one noisy ground flag */
    put(&t, s += 60, 0, 1.45, 3000, 0);
    put(&t, s += 60 * 40, 0, 1.9, 30000, 0); /* 40 min at altitude: fourth leg */
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, NULL, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 4);
    GT_ASSERT_EQ_INT(legs[0].first, 0);
    GT_ASSERT(legs[0].takeoff_seen && !legs[0].landing_seen);
    GT_ASSERT_EQ_INT(legs[0].last, 12);
    GT_ASSERT_EQ_INT(legs[1].first, 13);
    GT_ASSERT(!legs[1].takeoff_seen && legs[1].landing_seen);
    GT_ASSERT_EQ_INT(legs[1].last, 14);
    GT_ASSERT_EQ_INT(legs[2].first, 15);
    GT_ASSERT(legs[2].takeoff_seen && !legs[2].landing_seen);
    GT_ASSERT_EQ_INT(legs[2].last, 18);
    GT_ASSERT_EQ_INT(legs[3].first, 19);
    gt_free(legs);
    /* only source 2: nothing */
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 2, NULL, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 0);
    gt_track_release(&t);
}

/* Landing unheard but the aircraft seen taxiing at the gate later: the
 * ground fixes give the arrival, and nothing is dark. */
static void test_ground_fixes_between(void)
{
    struct gt_airports *a;
    struct gt_track t;
    struct gt_ident id = {GT_ID_ICAO, 0x400001, 0};
    struct gt_flight_params p;
    struct gt_flight *fl;
    size_t n;
    int64_t s;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_flight_params_init(&p, NULL);
    gt_track_init(&t, id, 1000);
    put(&t, 0, 49.0097, 2.5479, 0, 1); /* LFPG */
    for (s = 60; s <= 1800; s += 60) {
        put(&t, s, 49.0097 + 0.004 * (double)s / 60.0, 2.5479 - 0.02 * (double)s / 60.0,
            (int)s * 10, 0);
    }
    put(&t, 3000, 51.47, -0.17, 2000, 0);  /* 20 km east of Heathrow, low */
    put(&t, 4200, 51.4706, -0.4619, 0, 1); /* at Heathrow 20 min later */
    put(&t, 4260, 51.4710, -0.4600, 0, 1);
    put(&t, 9000, 51.4706, -0.4619, 0, 1); /* departs again */
    put(&t, 9060, 51.48, -0.5, 1500, 0);
    put(&t, 9120, 51.50, -0.6, 3000, 0);
    GT_ASSERT_EQ_INT(gt_flight_itinerary(&t, a, 450, &p, &fl, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT_EQ_STR(fl[0].from->ident, "LFPG");
    GT_ASSERT(fl[0].to != NULL);
    GT_ASSERT_EQ_STR(fl[0].to->ident, "EGLL");
    GT_ASSERT_EQ_INT(fl[0].flags, GT_FLIGHT_TAKEOFF_SEEN | GT_FLIGHT_LANDING_SEEN);
    GT_ASSERT_EQ_STR(fl[1].from->ident, "EGLL");
    gt_free(fl);
    gt_track_release(&t);
    gt_airports_free(a);
}

static void test_airport_attach(void)
{
    struct gt_airports *a;
    struct gt_track t;
    struct gt_ident id = {GT_ID_ICAO, 0x155e2c, 0};
    struct gt_flight_params p;
    struct gt_leg *legs;
    size_t n;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_flight_params_init(&p, NULL);
    gt_track_init(&t, id, 100);
    put(&t, 0, 55.8783, 38.0617 + 0.05, 800, 0);      /* 3.1 km east of UUMU, 800 ft */
    put(&t, 600, 55.5, 30.0, 33000, 0);               /* cruise */
    put(&t, 1200, 34.051498 + 0.12, -6.75, 12000, 0); /* 13 km out but at 12,000 ft */
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, a, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 1);
    GT_ASSERT(legs[0].from != NULL);
    GT_ASSERT_EQ_STR(legs[0].from->ident, "UUMU");
    GT_ASSERT_DBL_NEAR(legs[0].from_km, 3.13, 0.05);
    GT_ASSERT(legs[0].takeoff_seen);
    GT_ASSERT(legs[0].to == NULL && !legs[0].landing_seen);
    gt_free(legs);
    gt_track_release(&t);
    gt_airports_free(a);
}

/* Lands at SVMI, silent for 20 hours, next heard at 6,000 ft climbing 18
 * km north-north-east of MUHA and flying away from it: the leg starts at
 * MUHA (a 3.3 % PANS-OPS climb puts 6,000 ft within 30 nm of the runway),
 * and SVMI -> MUHA was flown dark.  The same fix descending, or with MUHA
 * ahead of it, attaches nothing.  Block time is the time flown. */
static void test_climb_out(void)
{
    struct gt_airports *a;
    struct gt_track t;
    struct gt_ident id = {GT_ID_ICAO, 0x151c2a, 0};
    struct gt_flight_params p;
    struct gt_leg *legs;
    struct gt_flight *fl;
    size_t n, k;
    int64_t s;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_flight_params_init(&p, NULL);
    gt_track_init(&t, id, 1000);
    put(&t, 0, 10.70, -66.99, 2000, 0);     /* approach to SVMI */
    put(&t, 60, 10.6031, -66.9906, 0, 1);   /* landed */
    for (s = 0; s <= 600; s += 10) {        /* heard again 20 h later */
        double d = (double)s / 600.0 * 1.0; /* a degree north-east in ten minutes */
        put(&t, 72000 + s, 23.13 + d, -82.32 + d * 0.6, 6000 + (int)s * 30, 0);
    }
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, a, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT(legs[1].from != NULL);
    GT_ASSERT_EQ_STR(legs[1].from->ident, "MUHA");
    GT_ASSERT(legs[1].takeoff_seen);
    gt_free(legs);
    GT_ASSERT_EQ_INT(gt_flight_itinerary(&t, a, 460, &p, &fl, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 3);
    GT_ASSERT(fl[1].flags & GT_FLIGHT_UNSEEN);
    GT_ASSERT(fl[1].from != NULL && fl[1].to != NULL);
    GT_ASSERT_EQ_STR(fl[1].from->ident, "SVMI");
    GT_ASSERT_EQ_STR(fl[1].to->ident, "MUHA");
    GT_ASSERT_EQ_STR(fl[2].from->ident, "MUHA");
    GT_ASSERT_DBL_NEAR(fl[2].block_h, 600.0 / 3600.0, 0.001); /* flown, not km / kn */
    gt_free(fl);
    /* descending instead: not a climb-out, nothing attached */
    for (k = 2; k < t.n; k++) {
        t.pts[k].alt_ft = 6000 - (int)(t.pts[k].t_ms / 1000 - 72000) * 5;
    }
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, a, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT(legs[1].from == NULL);
    gt_free(legs);
    /* climbing, but flying towards MUHA (it is ahead): not its departure */
    for (k = 2; k < t.n; k++) {
        double d = (double)(t.pts[k].t_ms / 1000 - 72000) / 600.0 * 0.1;
        t.pts[k].lat_deg = 23.13 - d;
        t.pts[k].lon_deg = -82.32 + d * 0.6;
        t.pts[k].alt_ft = 6000 + (int)(t.pts[k].t_ms / 1000 - 72000) * 30;
    }
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, a, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT(legs[1].from == NULL);
    gt_free(legs);
    gt_track_release(&t);
    gt_airports_free(a);
}

/* Seen climbing 18 km from a 6,000 ft runway and 22 km from an 11,000 ft
 * one a few km apart (Felts Field and Spokane International), the
 * geometry cannot tell them apart: the longer runway is the departure. */
static void test_jet_airport(void)
{
    static const char csv[] =
        "ident,type,name,latitude_deg,longitude_deg,elevation_ft,iso_country,iata_code,gps_code,"
        "runway_ft\n"
        "KGEG,medium_airport,Spokane International Airport,47.6199,-117.533997,2376,US,GEG,KGEG,"
        "11002\n"
        "KSFF,medium_airport,Felts Field,47.682899,-117.321925,1953,US,SFF,KSFF,6000\n";
    struct gt_airports *a;
    struct gt_track t;
    struct gt_ident id = {GT_ID_ICAO, 0xac671b, 0};
    struct gt_flight_params p;
    struct gt_leg *legs;
    size_t n;
    int64_t s;

    GT_ASSERT_EQ_INT(gt_airports_parse(csv, sizeof csv - 1, &a), GT_OK);
    GT_ASSERT_EQ_INT(gt_airports_find(a, "KGEG")->runway_ft, 11002);
    gt_flight_params_init(&p, NULL);
    gt_track_init(&t, id, 1000);
    for (s = 0; s <= 300; s += 10) { /* eastbound, climbing from 8,000 ft */
        put(&t, s, 47.526111, -117.276165 + (double)s * 0.0025, 8000 + (int)s * 20, 0);
    }
    GT_ASSERT_EQ_INT(gt_flight_legs(&t, 0, a, &p, &legs, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 1);
    GT_ASSERT(legs[0].from != NULL);
    GT_ASSERT_EQ_STR(legs[0].from->ident, "KGEG");
    gt_free(legs);
    gt_track_release(&t);
    gt_airports_free(a);
}

/* Itinerary of one aircraft: UUMU -> GMME observed, GMME -> SVMI unseen,
 * then SVMI -> MUHA observed; with the time between too short, the unseen
 * leg is flagged infeasible. */
static void itinerary_case(int64_t ground_s, double dark_kn, unsigned want_flags)
{
    struct gt_airports *a;
    struct avsim *s = gt_calloc(1, sizeof *s);
    struct gt_flight_params p;
    struct gt_flight *fl;
    size_t n;
    int64_t t0 = 1551484800000; /* 2019-03-02 */

    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_fleet_init(&s->fleet, 1000000);
    s->ap = a;
    s->step_s = 60;
    gt_flight_params_init(&p, NULL);
    t0 = avsim_fly(s, 0x155e2c, "UUMU", "GMME", t0, 460, AVSIM_NORMAL, 0);
    t0 =
        avsim_fly(s, 0x155e2c, "GMME", "SVMI", t0 + ground_s * 1000, dark_kn, AVSIM_DARK_UNSEEN, 0);
    (void)avsim_fly(s, 0x155e2c, "SVMI", "MUHA", t0 + ground_s * 1000, 460, AVSIM_NORMAL, 0);
    gt_fleet_sort(&s->fleet);
    GT_ASSERT_EQ_INT(
        gt_flight_itinerary(&s->fleet.tracks[0], a, gt_aircraft_cruise_kn("IL62"), &p, &fl, &n),
        GT_OK);
    GT_ASSERT_EQ_INT(n, 3);
    GT_ASSERT_EQ_STR(fl[0].from->ident, "UUMU");
    GT_ASSERT_EQ_STR(fl[0].to->ident, "GMME");
    GT_ASSERT_EQ_INT(fl[0].flags, GT_FLIGHT_TAKEOFF_SEEN | GT_FLIGHT_LANDING_SEEN);
    GT_ASSERT_DBL_NEAR(fl[0].observed_fraction, 1.0, 0.05);
    GT_ASSERT_EQ_STR(fl[1].from->ident, "GMME");
    GT_ASSERT_EQ_STR(fl[1].to->ident, "SVMI");
    GT_ASSERT_EQ_INT(fl[1].flags, want_flags);
    GT_ASSERT_DBL_NEAR(fl[1].dist_km, 6618.2, 0.5); /* haversine, R 6371.0088 km */
    GT_ASSERT_DBL_NEAR(fl[1].observed_fraction, 0, 0);
    GT_ASSERT_EQ_STR(fl[2].from->ident, "SVMI");
    GT_ASSERT_EQ_STR(fl[2].to->ident, "MUHA");
    gt_free(fl);
    gt_fleet_release(&s->fleet);
    gt_airports_free(a);
    gt_free(s);
}

static void test_itinerary_dark_leg(void)
{
    itinerary_case(20 * 3600, 460,
                   GT_FLIGHT_UNSEEN | GT_FLIGHT_DARK | GT_FLIGHT_FROM_INFERRED |
                       GT_FLIGHT_TO_INFERRED);
}

static void test_feasibility(void)
{
    /* 6,618 km need about 7.8 h at 460 kn, plus 30 min of ground time: an
     * aircraft seen again at SVMI 6 h after landing at GMME cannot have
     * flown it (the generator flies it at 900 kn) */
    itinerary_case(3600, 900,
                   GT_FLIGHT_UNSEEN | GT_FLIGHT_DARK | GT_FLIGHT_FROM_INFERRED |
                       GT_FLIGHT_TO_INFERRED | GT_FLIGHT_INFEASIBLE);
}

/* The NDJSON of the Il-62's unseen flight: stable bytes, escaped, sorted
 * keys, evidence of the landing before and the take-off after. */
static int json_cb(const struct gt_event *e, void *ud)
{
    return gt_event_to_json(e, ud, NULL, NULL);
}

static void test_flight_json(void)
{
    struct gt_airports *a;
    struct avsim *s = gt_calloc(1, sizeof *s);
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    struct gt_buf b1, b2;
    int64_t t0 = 1551484800000;
    const char *line;

    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_fleet_init(&s->fleet, 1000000);
    s->ap = a;
    s->step_s = 60;
    t0 = avsim_fly(s, 0x155e2c, "UUMU", "GMME", t0, 460, AVSIM_NORMAL, 0);
    t0 = avsim_fly(s, 0x155e2c, "GMME", "SVMI", t0 + 20 * 3600000, 460, AVSIM_DARK_UNSEEN, 0);
    (void)avsim_fly(s, 0x155e2c, "SVMI", "MUHA", t0 + 20 * 3600000, 460, AVSIM_NORMAL, 0);
    {
        struct gt_ident_obs io;
        memset(&io, 0, sizeof io);
        io.id.kind = GT_ID_ICAO;
        io.id.value = 0x155e2c;
        io.field = GT_FIELD_TYPECODE;
        snprintf(io.value, sizeof io.value, "IL62");
        GT_ASSERT_EQ_INT(gt_fleet_add_fact(&s->fleet, &io), GT_OK);
    }
    gt_fleet_sort(&s->fleet);
    ref.airports = a;
    in.fleet = &s->fleet;
    in.params = NULL;
    in.ref = &ref;
    gt_buf_init(&b1, 1 << 20);
    gt_buf_init(&b2, 1 << 20);
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "flight", json_cb, &b1), GT_OK);
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "flight", json_cb, &b2), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b1), gt_buf_str(&b2));
    line = strstr(gt_buf_str(&b1), "{\"block_estimated\":true,\"block_hours\":7");
    GT_ASSERT(line != NULL);
    printf("# %.*s\n", (int)(strchr(line, '\n') - line), line);
    GT_ASSERT(strstr(gt_buf_str(&b1),
                     "{\"block_estimated\":true,\"block_hours\":7.769,\"cruise_kn\":460,"
                     "\"dark\":true,\"distance_km\":"
                     "6618.202,\"feasible\":true,\"from\":\"GMME\",\"from_distance_km\":0.000,"
                     "\"from_inferred\":true,\"landing_observed\":false,\"observed_fraction\":"
                     "0.000,\"points\":0,\"takeoff_observed\":false,\"to\":\"SVMI\",") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b1), "\"typecode\":\"IL62\",\"unseen\":true}") != NULL);
    gt_buf_release(&b1);
    gt_buf_release(&b2);
    gt_fleet_release(&s->fleet);
    gt_airports_free(a);
    gt_free(s);
}

/* ---- scenario with known truth ---- */

struct got {
    enum gt_event_type type;
    uint32_t icao;
    int64_t start_ms, end_ms;
    char detail[640];
    int matched;
};

struct gotlist {
    struct got *v;
    size_t n, cap;
};

static int collect(const struct gt_event *e, void *ud)
{
    struct gotlist *g = ud;
    struct got *x;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 256;
        struct got *p = gt_realloc(g->v, nc * sizeof *p);
        if (p == NULL) {
            return GT_ERR_NOMEM;
        }
        g->v = p;
        g->cap = nc;
    }
    x = &g->v[g->n++];
    memset(x, 0, sizeof *x);
    x->type = e->type;
    x->icao = e->subject.value;
    x->start_ms = e->start_ms;
    x->end_ms = e->end_ms;
    snprintf(x->detail, sizeof x->detail, "%s", gt_buf_str(&e->detail));
    return GT_OK;
}

static int has(const struct got *g, const char *kv)
{
    return strstr(g->detail, kv) != NULL;
}

static int overlaps(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
    return a0 <= b1 && b0 <= a1;
}

static const char *const eu[] = {"EGLL", "LFPG", "EDDF", "EHAM", "LEMD", "LIRF", "LSZH",
                                 "EDDM", "LOWW", "EKCH", "UUEE", "UUWW", "LTFM", "GMME"};
static const char *const am[] = {"KJFK", "KATL", "KORD", "KMIA", "KDFW", "KIAH", "MMMX",
                                 "SVMI", "MUHA", "MNMG", "SKBO", "MPTO", "KDEN", "CYYZ"};

static const char *pick(struct avsim *s, int region)
{
    size_t k = (size_t)(avsim_rand(s) * 14);
    return region ? am[k % 14] : eu[k % 14];
}

/* Build the scenario: the Il-62, a random fleet, companions. */
static void build_scenario(struct avsim *s, const struct gt_airports *a)
{
    int64_t t0 = 1551484800000, t;
    uint32_t icao, comp = 0x600000;
    int k;

    gt_fleet_init(&s->fleet, 1000000);
    s->ap = a;
    s->step_s = 30;
    s->two_sources = 1;
    s->rng = 7;
    t = avsim_fly(s, 0x155e2c, "UUMU", "GMME", t0 + 6 * 3600000, 460, AVSIM_NORMAL, 0);
    t = avsim_fly(s, 0x155e2c, "GMME", "SVMI", t + 20 * 3600000, 460, AVSIM_DARK_UNSEEN, 0);
    t = avsim_fly(s, 0x155e2c, "SVMI", "MUHA", t + 30 * 3600000, 460, AVSIM_NORMAL, 0);
    (void)avsim_fly(s, 0x155e2c, "MUHA", "MNMG", t + 18 * 3600000, 460, AVSIM_NORMAL, 0);
    for (icao = 0x400000; icao < 0x400000 + 60; icao++) {
        int region = (int)(avsim_rand(s) * 2);
        const char *at = pick(s, region);
        int prev_dark = 0;
        t = t0 + (int64_t)(avsim_rand(s) * 12 * 3600000);
        for (k = 0; k < 5; k++) {
            int cross = avsim_rand(s) < 0.3;
            int nreg = cross ? !region : region;
            const char *to = pick(s, nreg);
            enum avsim_kind kind = AVSIM_NORMAL;
            int hidden = 0;
            double r = avsim_rand(s);
            while (strcmp(to, at) == 0) {
                to = pick(s, nreg);
            }
            /* a dark flight between two heard ones: consecutive dark
             * flights cannot be told apart and are not part of the truth */
            if (k > 0 && k < 4 && !prev_dark && r < 0.2) {
                kind = AVSIM_DARK_UNSEEN;
            } else if (k > 0 && k < 4 && !prev_dark && r < 0.4) {
                kind = AVSIM_DARK_ENDS;
            } else if (!cross && r < 0.6) {
                kind = AVSIM_SWITCHOFF;
            } else if (r > 0.85) {
                hidden = 1;
            }
            if (kind == AVSIM_SWITCHOFF) { /* traffic on the same route keeps the cells heard */
                int c;
                for (c = -2; c <= 2; c++) {
                    if (c != 0) {
                        (void)avsim_fly(s, comp++, at, to, t + c * 900000, 450, AVSIM_NORMAL, 0);
                    }
                }
            }
            prev_dark = kind == AVSIM_DARK_UNSEEN || kind == AVSIM_DARK_ENDS;
            t = avsim_fly(s, icao, at, to, t, 450, kind, hidden);
            GT_ASSERT(t > 0);
            t += (int64_t)((1.5 + avsim_rand(s) * 8) * 3600000);
            at = to;
            region = nreg;
        }
    }
    gt_fleet_sort(&s->fleet);
}

/* Precision and recall of detections of one kind against truth. */
struct score {
    size_t tp_det, det, tp_truth, truth;
};

static void report(const char *what, const struct score *sc, double *prec, double *rec)
{
    *prec = sc->det ? (double)sc->tp_det / (double)sc->det : 1.0;
    *rec = sc->truth ? (double)sc->tp_truth / (double)sc->truth : 1.0;
    printf("# %-12s truth %4zu  detected %4zu  precision %.3f  recall %.3f\n", what, sc->truth,
           sc->det, *prec, *rec);
}

/* Does detected flight g match truth flight tr (aircraft, airports, time)? */
static int flight_match(const struct got *g, const struct avsim_flight *tr)
{
    char from[32], to[32];
    snprintf(from, sizeof from, "\"from\":\"%s\"", tr->from);
    snprintf(to, sizeof to, "\"to\":\"%s\"", tr->to);
    return g->icao == tr->icao && has(g, from) && has(g, to) &&
           overlaps(g->start_ms, g->end_ms, tr->dep_ms, tr->arr_ms);
}

static void test_scenario(void)
{
    struct gt_airports *a;
    struct avsim *s = gt_calloc(1, sizeof *s);
    struct gotlist g = {NULL, 0, 0};
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    struct score fl = {0, 0, 0, 0}, dk = {0, 0, 0, 0}, gp = {0, 0, 0, 0}, sd = {0, 0, 0, 0};
    size_t i, j, npts = 0, ocean = 0, ocean_flagged = 0;
    double pr, rc;

    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    build_scenario(s, a);
    ref.airports = a;
    in.fleet = &s->fleet;
    in.params = NULL;
    in.ref = &ref;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "flight,air_gap,source_diff", collect, &g), GT_OK);
    for (i = 0; i < s->fleet.n; i++) {
        npts += s->fleet.tracks[i].n;
    }
    printf("# scenario: %zu aircraft, %zu positions, %zu truth flights, %zu events\n", s->fleet.n,
           npts, s->ntruth, g.n);
    for (j = 0; j < s->ntruth; j++) {
        const struct avsim_flight *tr = &s->truth[j];
        int dark = tr->kind == AVSIM_DARK_UNSEEN || tr->kind == AVSIM_DARK_ENDS;
        int hit = 0, hit_dark = 0, hit_gap = 0, hit_sd = 0;
        for (i = 0; i < g.n; i++) {
            struct got *x = &g.v[i];
            if (x->type == GT_EVENT_FLIGHT && flight_match(x, tr)) {
                hit = 1;
                x->matched |= 1;
                if (dark && has(x, "\"dark\":true")) {
                    hit_dark = 1;
                    x->matched |= 2;
                }
            }
            if (x->type == GT_EVENT_GAP && x->icao == tr->icao &&
                overlaps(x->start_ms, x->end_ms, tr->dep_ms, tr->arr_ms)) {
                if (tr->kind == AVSIM_SWITCHOFF && has(x, "\"suspected\":true") &&
                    overlaps(x->start_ms, x->end_ms, tr->off_ms, tr->on_ms)) {
                    hit_gap = 1;
                    x->matched |= 4;
                }
                if (tr->ocean_gap && tr->kind == AVSIM_NORMAL) {
                    ocean++;
                    ocean_flagged += (size_t)has(x, "\"suspected\":true");
                }
            }
            if (x->type == GT_EVENT_SOURCE_DIFF && tr->hidden && x->icao == tr->icao &&
                overlaps(x->start_ms, x->end_ms, tr->dep_ms, tr->arr_ms)) {
                hit_sd = 1;
                x->matched |= 8;
            }
        }
        if (getenv("AVDEBUG") && ((dark && !hit_dark) || !hit)) {
            printf("# miss %06x %s-%s kind %d %lld..%lld ocean %d\n", tr->icao, tr->from, tr->to,
                   (int)tr->kind, (long long)tr->dep_ms, (long long)tr->arr_ms, tr->ocean_gap);
        }
        fl.truth++;
        fl.tp_truth += (size_t)hit;
        dk.truth += (size_t)dark;
        dk.tp_truth += (size_t)hit_dark;
        gp.truth += tr->kind == AVSIM_SWITCHOFF;
        gp.tp_truth += (size_t)hit_gap;
        sd.truth += (size_t)tr->hidden;
        sd.tp_truth += (size_t)hit_sd;
    }
    for (i = 0; i < g.n; i++) {
        const struct got *x = &g.v[i];
        if (x->type == GT_EVENT_FLIGHT) {
            fl.det++;
            fl.tp_det += (x->matched & 1) != 0;
            if (getenv("AVDEBUG") &&
                (!(x->matched & 1) || (has(x, "\"dark\":true") && !(x->matched & 2)))) {
                printf("# extra %06x %lld..%lld %s\n", x->icao, (long long)x->start_ms,
                       (long long)x->end_ms, x->detail);
            }
            if (has(x, "\"dark\":true")) {
                dk.det++;
                dk.tp_det += (x->matched & 2) != 0;
            }
        } else if (x->type == GT_EVENT_GAP && has(x, "\"suspected\":true")) {
            gp.det++;
            gp.tp_det += (x->matched & 4) != 0;
        } else if (x->type == GT_EVENT_SOURCE_DIFF) {
            sd.det++;
            sd.tp_det += (x->matched & 8) != 0;
        }
    }
    report("flights", &fl, &pr, &rc);
    GT_ASSERT(pr >= 0.9 && rc >= 0.9);
    report("dark legs", &dk, &pr, &rc);
    GT_ASSERT(dk.truth >= 20);
    GT_ASSERT(pr >= 0.9 && rc >= 0.9);
    report("suspected", &gp, &pr, &rc);
    GT_ASSERT(gp.truth >= 10);
    GT_ASSERT(pr >= 0.9 && rc >= 0.9);
    printf("# ocean-crossing gaps: %zu, flagged suspected: %zu\n", ocean, ocean_flagged);
    GT_ASSERT(ocean >= 10);
    GT_ASSERT(ocean_flagged * 10 <= ocean);
    report("source_diff", &sd, &pr, &rc);
    GT_ASSERT(sd.truth >= 10);
    GT_ASSERT(pr >= 0.9 && rc >= 0.9);
    gt_free(g.v);
    gt_fleet_release(&s->fleet);
    gt_airports_free(a);
    gt_free(s);
}

/* A flight shown by source 2 under another address: anonymised, not
 * missing; and nothing reported while source 2 was off the air. */
static void test_source_diff_anonymised(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    struct gt_obs o;
    int64_t t;
    size_t i;

    gt_fleet_init(&f, 100000);
    gt_obs_init(&o);
    o.id.kind = GT_ID_ICAO;
    o.flags = GT_OBS_POS | GT_OBS_ALT;
    o.alt_ft = 30000;
    for (t = 0; t <= 7200; t += 20) {
        o.t_ms = t * 1000;
        o.lat_deg = 50.0;
        o.lon_deg = 5.0 + (double)t * 0.002;
        o.id.value = 0x3c0001; /* the real address, in the archive (1) */
        o.source_id = 1;
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
        o.id.value = 0xf00001; /* the tracker (2) shows a made-up address */
        o.source_id = 2;
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
        if (t <= 3600) { /* an aircraft both show, during the first hour only */
            o.id.value = 0x3c0002;
            o.lat_deg = 48.0;
            o.source_id = 1;
            GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
            o.source_id = 2;
            GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
        }
    }
    /* only the archive was running, days later: a source silent for more
     * than source_diff.window_h around a flight hides nothing (within the
     * window a per-flight export such as FR24's has no data between the
     * flights downloaded, so hours without data are no outage) */
    for (t = 3 * 86400; t <= 3 * 86400 + 3600; t += 20) {
        o.t_ms = t * 1000;
        o.id.value = 0x3c0003;
        o.lat_deg = 45.0;
        o.source_id = 1;
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
    }
    gt_fleet_sort(&f);
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "source_diff", collect, &g), GT_OK);
    for (i = 0; i < g.n; i++) {
        printf("#   %06x %s\n", g.v[i].icao, g.v[i].detail);
    }
    GT_ASSERT_EQ_INT(g.n, 2);
    GT_ASSERT_EQ_INT(g.v[0].icao, 0x3c0001);
    GT_ASSERT(has(&g.v[0], "\"anonymised\":true,\"anonymised_as\":\"icao:f00001\""));
    GT_ASSERT(has(&g.v[0], "\"missing_in\":2,\"present_in\":[1]"));
    GT_ASSERT_EQ_INT(g.v[1].icao, 0xf00001);
    GT_ASSERT(has(&g.v[1], "\"anonymised_as\":\"icao:3c0001\""));
    GT_ASSERT(has(&g.v[1], "\"missing_in\":1,\"present_in\":[2]"));
    gt_free(g.v);
    gt_fleet_release(&f);
}

/* Fix of icao from source in input file input, flying east along lat. */
static void sd_fix(struct gt_fleet *f, uint32_t icao, uint32_t source, uint32_t input, int64_t t_s,
                   double lat, double lon0)
{
    struct gt_obs o;
    gt_obs_init(&o);
    o.id.kind = GT_ID_ICAO;
    o.id.value = icao;
    o.t_ms = t_s * 1000;
    o.lat_deg = lat;
    o.lon_deg = lon0 + (double)t_s / 600.0;
    o.alt_ft = 35000;
    o.flags = GT_OBS_POS | GT_OBS_ALT;
    o.source_id = source;
    o.prov.kind = GT_PROV_FILE;
    o.prov.input_id = input;
    o.prov.pos = (uint64_t)t_s;
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
}

/* Who is expected to show a flight: a per-flight export of a network
 * (one aircraft per file, FR24) every flight in its time; an archive that
 * mixes aircraft in its files (OpenSky) only where it heard others. */
static void test_source_diff_expected(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    int64_t t;
    size_t i, h = 0, a2 = 0;

    gt_fleet_init(&f, 100000);
    for (t = 0; t <= 3600; t += 20) {
        sd_fix(&f, 0x3c0001, 1, 10, t, 50.0, 0.0);   /* archive: both show it */
        sd_fix(&f, 0x3c0001, 2, 20, t, 50.0, 0.0);   /* FR24 file of that flight */
        sd_fix(&f, 0x3c0002, 1, 10, t, 51.0, 0.0);   /* archive only */
        sd_fix(&f, 0x155e2c, 1, 10, t, 15.0, -70.0); /* archive only, far away */
        sd_fix(&f, 0xa00009, 2, 21, t, 30.0, -40.0); /* FR24 only, in the archive's hole */
    }
    gt_fleet_sort(&f);
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "source_diff", collect, &g), GT_OK);
    for (i = 0; i < g.n; i++) {
        printf("#   %06x %s\n", g.v[i].icao, g.v[i].detail);
        GT_ASSERT(has(&g.v[i], "\"missing_in\":2,\"present_in\":[1]"));
        h += g.v[i].icao == 0x155e2c;
        a2 += g.v[i].icao == 0x3c0002;
    }
    GT_ASSERT_EQ_INT(g.n, 2);
    GT_ASSERT_EQ_INT(h, 1);
    GT_ASSERT_EQ_INT(a2, 1);
    gt_free(g.v);
    gt_fleet_release(&f);
}

/* ---- anomalies ---- */

static void add_fix(struct gt_fleet *f, uint32_t icao, int64_t t_s, double lat, double lon, int alt,
                    int ground)
{
    struct gt_obs o;
    gt_obs_init(&o);
    o.id.kind = GT_ID_ICAO;
    o.id.value = icao;
    o.t_ms = t_s * 1000;
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.alt_ft = alt;
    o.on_ground = (uint8_t)ground;
    o.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_GROUND;
    o.source_id = 1;
    o.prov.kind = GT_PROV_FILE;
    o.prov.pos = (uint64_t)t_s;
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
}

static void test_spoof_gnss(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    uint32_t ac;
    int64_t t;
    size_t i, gnss = 0, teleport = 0;

    gt_fleet_init(&f, 100000);
    /* six aircraft crossing the Baltic east-bound, 480 kn; between 600 and
     * 900 s each reports positions 150 km north-east (the spoofer's fix) */
    for (ac = 0; ac < 6; ac++) {
        for (t = 0; t <= 1800; t += 10) {
            double lon = 15.0 + 0.5 * ac + (double)t * 0.004, lat = 55.5 + 0.1 * ac;
            if (t >= 600 + 20 * ac && t < 900) {
                lat += 1.0;
                lon += 1.5;
            }
            add_fix(&f, 0x500000 + ac, t, lat, lon, 36000, 0);
        }
    }
    /* one aircraft far away with one bad fix (decoder error, not GNSS) */
    for (t = 0; t <= 1800; t += 10) {
        add_fix(&f, 0x510000, t, 40.0, -100.0 + (double)t * 0.004 + (t == 900 ? 2.0 : 0.0), 36000,
                0);
    }
    /* normal traffic nearby */
    for (t = 0; t <= 1800; t += 10) {
        add_fix(&f, 0x520000, t, 56.0, 20.0 - (double)t * 0.004, 36000, 0);
    }
    gt_fleet_sort(&f);
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "air_spoof", collect, &g), GT_OK);
    for (i = 0; i < g.n; i++) {
        GT_ASSERT_EQ_INT(g.v[i].type, GT_EVENT_SPOOF);
        if (has(&g.v[i], "\"kind\":\"gnss\"")) {
            GT_ASSERT(g.v[i].icao >= 0x500000 && g.v[i].icao < 0x500006);
            GT_ASSERT(has(&g.v[i], "\"aircraft_in_area\":6"));
            gnss++;
        } else {
            GT_ASSERT(has(&g.v[i], "\"kind\":\"teleport\""));
            GT_ASSERT_EQ_INT(g.v[i].icao, 0x510000);
            teleport++;
        }
    }
    printf("# spoof: %zu gnss episodes (6 spoofed aircraft), %zu teleport\n", gnss, teleport);
    GT_ASSERT_EQ_INT(gnss, 6);
    GT_ASSERT_EQ_INT(teleport, 1);
    gt_free(g.v);
    gt_fleet_release(&f);
}

/* A spoofed stretch in the shape of THY9BP's (2024-09-17): the true track
 * at FL360 and 480 kn, silent 10 min, then positions drifting at 50 kn
 * (impossible in the cruise band), then after a further 700 s of silence a
 * jump back to the true track.  One finding, one event: from the first slow
 * fix to the fix confirming the return.  An orbit at FL300 (rate-1 turn,
 * 360 deg in 120 s: no net displacement over the window) and a slow
 * aircraft at 10,000 ft are not spoofing. */
static void test_spoof_slow_stretch(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    int64_t t;
    const double dlon = 0.0345; /* 480 kn at 50N: degrees of longitude per 10 s */

    gt_fleet_init(&f, 100000);
    for (t = 0; t <= 600; t += 10) {
        add_fix(&f, 0x4baac6, t, 50.0, 10.0 + dlon * (double)t / 10.0, 36000, 0);
    }
    for (t = 1200; t <= 2400; t += 10) {
        add_fix(&f, 0x4baac6, t, 50.5, 10.0 + dlon * 120.0 + 0.0036 * (double)(t - 1200) / 10.0,
                36000, 0);
    }
    for (t = 3100; t <= 3300; t += 10) {
        add_fix(&f, 0x4baac6, t, 50.0, 10.0 + dlon * (double)t / 10.0, 36000, 0);
    }
    for (t = 0; t <= 1800; t += 5) { /* radius 3.9 km */
        double a = 2.0 * 3.14159265358979 * (double)t / 120.0;
        add_fix(&f, 0x400001, t, 52.0 + 0.035 * sin(a), 0.0 + 0.057 * cos(a), 30000, 0);
    }
    for (t = 0; t <= 1800; t += 10) { /* 60 kn at 10,000 ft */
        add_fix(&f, 0x400002, t, 48.0, 2.0 + 0.0041 * (double)t / 10.0, 10000, 0);
    }
    gt_fleet_sort(&f);
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "air_spoof", collect, &g), GT_OK);
    GT_ASSERT_EQ_INT(g.n, 1);
    GT_ASSERT_EQ_INT(g.v[0].icao, 0x4baac6);
    GT_ASSERT_EQ_INT(g.v[0].start_ms, 1200000);
    GT_ASSERT_EQ_INT(g.v[0].end_ms, 3110000);
    GT_ASSERT(has(&g.v[0], "\"jumps\":1"));
    GT_ASSERT(has(&g.v[0], "\"slow_fixes\":121"));
    gt_free(g.v);
    gt_fleet_release(&f);
}

static void add_fact(struct gt_fleet *f, uint32_t icao, int64_t t_s, enum gt_ident_field fld,
                     const char *v)
{
    struct gt_ident_obs io;
    memset(&io, 0, sizeof io);
    io.id.kind = GT_ID_ICAO;
    io.id.value = icao;
    io.t_ms = t_s * 1000;
    io.field = fld;
    snprintf(io.value, sizeof io.value, "%s", v);
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(f, &io), GT_OK);
}

static void test_identity(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_aircraftdb *db;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    int64_t t;

    GT_ASSERT_EQ_INT(gt_aircraftdb_parse(aircraft_csv, sizeof aircraft_csv - 1, &db), GT_OK);
    gt_fleet_init(&f, 100000);
    /* 155e2c flies 0..3600 s, lands, flies again 7200..10800 s */
    for (t = 0; t <= 10800; t += 30) {
        int ground = t > 3600 && t < 7200;
        add_fix(&f, 0x155e2c, t, 55.0, 37.0 + (double)t * 0.001, ground ? 0 : 30000, ground);
        add_fix(&f, 0xabcabc, t, 50.0, 10.0, 30000, 0);
    }
    add_fact(&f, 0x155e2c, 100, GT_FIELD_CALLSIGN, "RFF7086");
    add_fact(&f, 0x155e2c, 1800, GT_FIELD_CALLSIGN, "RSD<b>");  /* mid-air: reported */
    add_fact(&f, 0x155e2c, 5000, GT_FIELD_CALLSIGN, "RFF7087"); /* on the ground: normal */
    add_fact(&f, 0x155e2c, 200, GT_FIELD_REGISTRATION, "RA-86496");
    add_fact(&f, 0x155e2c, 7300, GT_FIELD_REGISTRATION, "RA-86559");
    add_fact(&f, 0x155e2c, 9000, GT_FIELD_REGISTRATION, "N899DN"); /* ac671b's: one event */
    /* a00001 flies, is silent for 22 hours, and is first heard again in
     * the air with a new callsign: a new flight, not a mid-air change */
    for (t = 0; t <= 600; t += 30) {
        add_fix(&f, 0xa00001, t, 40.0, -70.0 + (double)t * 0.001, 30000, 0);
        add_fix(&f, 0xa00001, 80000 + t, 45.0, -70.0 + (double)t * 0.001, 5000 + (int)t * 10, 0);
    }
    add_fact(&f, 0xa00001, 0, GT_FIELD_CALLSIGN, "PIA1");
    add_fact(&f, 0xa00001, 80000, GT_FIELD_CALLSIGN, "PIA2");
    /* ac671b in N899DN's shape (2025-02-05, Spokane): last heard
     * descending through 20,000 ft, silent 8.4 h (landing and turnaround
     * unheard), heard again climbing out, the new flight number first
     * decoded a minute after the first fix: a new flight */
    for (t = 0; t <= 600; t += 30) {
        add_fix(&f, 0xac671b, t, 47.6, -116.0 - (double)t * 0.001, 30000 - (int)t * 16, 0);
        add_fix(&f, 0xac671b, 30240 + t, 47.7, -117.2 + (double)t * 0.001, 11000 + (int)t * 20, 0);
    }
    add_fact(&f, 0xac671b, 0, GT_FIELD_CALLSIGN, "DAL2418");
    add_fact(&f, 0xac671b, 600, GT_FIELD_CALLSIGN, "DAL2418"); /* its last sighting */
    add_fact(&f, 0xac671b, 30300, GT_FIELD_CALLSIGN, "DAL1615");
    add_fact(&f, 0xabcabc, 100, GT_FIELD_REGISTRATION, "N899DN"); /* filed under ac671b */
    gt_fleet_sort(&f);
    ref.aircraft = db;
    in.fleet = &f;
    in.params = NULL;
    in.ref = &ref;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "air_identity", collect, &g), GT_OK);
    for (t = 0; t < (int64_t)g.n; t++) {
        printf("#   %06x %s\n", g.v[t].icao, g.v[t].detail);
    }
    GT_ASSERT_EQ_INT(g.n, 4); /* one finding, one event */
    GT_ASSERT(has(&g.v[0],
                  "{\"field\":\"callsign\",\"new\":\"RSD\\u003cb\\u003e\",\"old\":\"RFF7086\"}"));
    GT_ASSERT(g.v[0].start_ms == 1800000);
    GT_ASSERT(has(&g.v[1], "\"field\":\"registration\",\"new\":\"RA-86559\""));
    GT_ASSERT(has(&g.v[2], "\"fields\":[\"icao\",\"registration\"],\"new\":\"icao:155e2c\""));
    GT_ASSERT(has(&g.v[2], "\"registration\":{\"new\":\"N899DN\",\"old\":\"RA-86559\"}"));
    GT_ASSERT(has(&g.v[3], "{\"changes\":{\"icao\":{\"new\":\"icao:abcabc\",\"old\":"
                           "\"icao:ac671b\"},\"registry\":{\"new\":\"unregistered\",\"old\":null}},"
                           "\"field\":\"icao\",\"fields\":[\"icao\",\"registry\"],\"new\":"
                           "\"icao:abcabc\",\"old\":\"icao:ac671b\"}"));
    GT_ASSERT_EQ_INT(g.v[3].icao, 0xabcabc);
    for (t = 0; t < (int64_t)g.n; t++) {
        GT_ASSERT(g.v[t].icao != 0xa00001 && g.v[t].icao != 0xac671b);
    }
    gt_free(g.v);
    gt_fleet_release(&f);
    gt_aircraftdb_free(db);
}

/* A flight heard only at cruise (ends truncated) takes the origin and
 * destination a tracker published for it (FR24 JSON facts) as inferred
 * ends; facts of another day do not apply. */
static void test_published_airports(void)
{
    struct gt_airports *a;
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    int64_t t;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    gt_fleet_init(&f, 100000);
    for (t = 0; t <= 3600; t += 30) {
        add_fix(&f, 0x1541a0, t, 30.0, -20.0 + (double)t * 0.002, 35000, 0);
        add_fix(&f, 0x1541a1, t, 31.0, -20.0 + (double)t * 0.002, 35000, 0);
    }
    add_fact(&f, 0x1541a0, 0, GT_FIELD_ORIGIN, "GMME");
    add_fact(&f, 0x1541a0, 0, GT_FIELD_DESTINATION, "SVMI");
    add_fact(&f, 0x1541a1, 3 * 86400, GT_FIELD_ORIGIN, "GMME");
    gt_fleet_sort(&f);
    ref.airports = a;
    in.fleet = &f;
    in.params = NULL;
    in.ref = &ref;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "flight", collect, &g), GT_OK);
    GT_ASSERT_EQ_INT(g.n, 2);
    GT_ASSERT_EQ_INT(g.v[0].icao, 0x1541a0);
    GT_ASSERT(has(&g.v[0], "\"from\":\"GMME\""));
    GT_ASSERT(has(&g.v[0], "\"from_inferred\":true"));
    GT_ASSERT(has(&g.v[0], "\"to\":\"SVMI\""));
    GT_ASSERT(has(&g.v[1], "\"from\":null"));
    gt_free(g.v);
    gt_fleet_release(&f);
    gt_airports_free(a);
}

/* ---- air_gap: reception decides ---- */

/* Fly icao east along 20N from 70W to 60W at 6 degrees an hour (about
 * 340 kn), fixes every 10 s from source, silent between lon0 and lon1
 * and, for every aircraft, over the receivers' hole 65W-62W when hole. */
static void fly_east(struct gt_fleet *f, uint32_t icao, uint32_t source, int64_t t0_s, double lon0,
                     double lon1, int hole)
{
    int64_t t;
    for (t = 0; t <= 6000; t += 10) {
        double lon = -70.0 + (double)t / 600.0;
        struct gt_obs o;
        if ((lon > lon0 && lon < lon1) || (hole && lon > -65.0 && lon < -62.0)) {
            continue;
        }
        gt_obs_init(&o);
        o.id.kind = GT_ID_ICAO;
        o.id.value = icao;
        o.t_ms = (t0_s + t) * 1000;
        o.lat_deg = 20.0;
        o.lon_deg = lon;
        o.alt_ft = 35000;
        o.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_GROUND;
        o.source_id = source;
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
    }
}

/* The gap event of icao in g, or NULL. */
static const struct got *gap_of(const struct gotlist *g, uint32_t icao)
{
    size_t i;
    for (i = 0; i < g->n; i++) {
        if (g->v[i].type == GT_EVENT_GAP && g->v[i].icao == icao) {
            return &g->v[i];
        }
    }
    return NULL;
}

/* A 30-minute silence where the same feed heard the other aircraft is
 * suspected; the same silence over the feed's hole is not, nor is one
 * whose only witnesses were another feed; a 15-minute silence is a gap
 * but too short to suspect, and one at 6,000 ft is below cruise. */
static void test_air_gap_reception(void)
{
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    const struct got *x;
    uint32_t k;

    gt_fleet_init(&f, 100000);
    for (k = 0; k < 4; k++) { /* the traffic source 1 hears, except in its hole */
        fly_east(&f, 0x100000 + k, 1, (int64_t)k * 3600, 0, 0, 1);
    }
    fly_east(&f, 0xa00001, 1, 1800, -69.0, -66.0, 1); /* off where others were heard */
    fly_east(&f, 0xac671b, 1, 5400, 0, 0, 1);         /* silent only in the hole */
    fly_east(&f, 0xa00003, 2, 7200, -69.0, -66.0, 0); /* feed 2 heard nobody else there */
    fly_east(&f, 0xa00004, 1, 9000, -69.0, -67.5, 1); /* 15 minutes off */
    fly_east(&f, 0xa00005, 1, 3600, -69.0, -66.0, 1); /* off, but at 6,000 ft */
    for (k = 0; k < 3; k++) { /* along 25N, three aircraft heard for 3 minutes each */
        int64_t t;
        for (t = 0; t <= 180; t += 10) {
            struct gt_obs o;
            gt_obs_init(&o);
            o.id.kind = GT_ID_ICAO;
            o.id.value = 0x200000 + k;
            o.t_ms = (1800 + t) * 1000;
            o.lat_deg = 25.2;
            o.lon_deg = -68.8 + (double)k + (double)t / 600.0;
            o.alt_ft = 35000;
            o.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_GROUND;
            o.source_id = 1;
            GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
        }
    }
    {
        int64_t t; /* a00006 along 25N, off for 30 minutes where only those were heard */
        for (t = 0; t <= 6000; t += 10) {
            struct gt_obs o;
            double lon = -70.0 + (double)t / 600.0;
            if (lon > -69.0 && lon < -66.0) {
                continue;
            }
            gt_obs_init(&o);
            o.id.kind = GT_ID_ICAO;
            o.id.value = 0xa00006;
            o.t_ms = (1200 + t) * 1000;
            o.lat_deg = 25.0;
            o.lon_deg = lon;
            o.alt_ft = 35000;
            o.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_GROUND;
            o.source_id = 1;
            GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
        }
    }
    gt_fleet_sort(&f);
    {
        struct gt_track *low = gt_fleet_track(&f, (struct gt_ident){GT_ID_ICAO, 0xa00005, 0});
        GT_ASSERT(low != NULL);
        for (k = 0; k < low->n; k++) {
            low->pts[k].alt_ft = 6000;
        }
    }
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "air_gap", collect, &g), GT_OK);
    x = gap_of(&g, 0xa00001);
    GT_ASSERT(x != NULL);
    printf("#   a00001 %s\n", x->detail);
    GT_ASSERT(has(x, "\"cells\":3,\"cells_covered\":3,"));
    GT_ASSERT(has(x, "\"suspected\":true"));
    x = gap_of(&g, 0xac671b);
    GT_ASSERT(x != NULL);
    printf("#   a00002 %s\n", x->detail);
    GT_ASSERT(has(x, "\"coverage\":0.000"));
    GT_ASSERT(has(x, "\"suspected\":false"));
    x = gap_of(&g, 0xa00003);
    GT_ASSERT(x != NULL);
    GT_ASSERT(has(x, "\"source\":2"));
    GT_ASSERT(has(x, "\"suspected\":false"));
    x = gap_of(&g, 0xa00004);
    GT_ASSERT(x != NULL);
    GT_ASSERT(has(x, "\"suspected\":false"));
    x = gap_of(&g, 0xa00005); /* below air_gap.cruise_ft: a gap, not suspected */
    GT_ASSERT(x != NULL);
    GT_ASSERT(has(x, "\"suspected\":false"));
    x = gap_of(&g, 0xa00006); /* every crossing heard, but 9 minutes of traffic */
    GT_ASSERT(x != NULL);
    printf("#   a00006 %s\n", x->detail);
    GT_ASSERT(has(x, "\"coverage\":1.000"));
    GT_ASSERT(has(x, "\"suspected\":false"));
    /* the others' silences over the hole are plain gaps too */
    x = gap_of(&g, 0x100000);
    GT_ASSERT(x != NULL && has(x, "\"suspected\":false"));
    gt_free(g.v);
    gt_fleet_release(&f);
}

/* ---- FR24 CSV rows without an address: resolved at detect time ---- */

/* A fix of id from source at t_s, flying east along lat. */
static void add_src_fix(struct gt_fleet *f, struct gt_ident id, uint32_t source, int64_t t_s,
                        double lat)
{
    struct gt_obs o;
    gt_obs_init(&o);
    o.id = id;
    o.t_ms = t_s * 1000;
    o.lat_deg = lat;
    o.lon_deg = -70.0 + (double)t_s / 600.0;
    o.alt_ft = 35000;
    o.flags = GT_OBS_POS | GT_OBS_ALT;
    o.source_id = source;
    o.prov.kind = GT_PROV_FILE;
    o.prov.input_id = source;
    o.prov.pos = (uint64_t)t_s;
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
}

static void add_callsign(struct gt_fleet *f, struct gt_ident id, int64_t t_s, const char *cs)
{
    struct gt_ident_obs io;
    memset(&io, 0, sizeof io);
    io.id = id;
    io.t_ms = t_s * 1000;
    io.field = GT_FIELD_CALLSIGN;
    snprintf(io.value, sizeof io.value, "%s", cs);
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(f, &io), GT_OK);
}

/* Four FR24 files, named as the site names them: one flown by the aircraft
 * OpenSky heard at the same time and place under that callsign (resolved,
 * whatever came first), one whose callsign two aircraft used around its
 * time without common fixes (ambiguous: unresolved), one whose callsign is
 * a registration in the aircraft database, one matching nothing. */
static void test_air_resolve(void)
{
    struct gt_fleet f;
    struct gt_aircraftdb *db;
    struct gt_air_resolve_stats st;
    struct gt_ident real = {GT_ID_ICAO, 0x0c683b, 0}, other = {GT_ID_ICAO, 0x0c683c, 0};
    struct gt_ident twin1 = {GT_ID_ICAO, 0x0d0001, 0}, twin2 = {GT_ID_ICAO, 0x0d0002, 0};
    struct gt_ident p1, p2, p3, p4, p5 = {GT_ID_ICAO, 0x123456, GT_IDENT_PROVISIONAL};
    const struct gt_track *t;
    size_t i, from_fr24 = 0;
    int64_t s;

    GT_ASSERT_EQ_INT(gt_aircraftdb_parse(aircraft_csv, sizeof aircraft_csv - 1, &db), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_provisional_subject("fr24/BWA580_7a8dd3c3.csv", &p1), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_provisional_subject("BWA580_d3c1ffb4.csv", &p2), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_provisional_subject("/x/N899DN_0e605a39.csv", &p3), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_provisional_subject("ZZZ1_00000000.csv", &p4), GT_OK);
    GT_ASSERT(p1.flags == GT_IDENT_PROVISIONAL && p1.kind == GT_ID_ICAO);
    GT_ASSERT(p1.value != p2.value);
    gt_fleet_init(&f, 100000);
    for (s = 0; s <= 3600; s += 15) {
        add_src_fix(&f, p1, 2, s, 10.0);         /* FR24 rows first: order is free */
        add_src_fix(&f, real, 1, s + 5, 10.01);  /* OpenSky, the same flight */
        add_src_fix(&f, other, 1, s + 5, 14.0);  /* same callsign, elsewhere */
        add_src_fix(&f, p2, 2, 86400 + s, 12.0); /* a day later, nobody heard */
        add_src_fix(&f, twin1, 1, 80000 + s, 0); /* two aircraft used BWA580 */
        add_src_fix(&f, twin2, 1, 92000 + s, 1); /* before and after it */
        add_src_fix(&f, p3, 2, 2 * 86400 + s, 20.0);
        add_src_fix(&f, p4, 2, 3 * 86400 + s, 30.0);
        add_src_fix(&f, p5, 3, 4 * 86400 + s, 40.0); /* a FR24 JSON without "modes" */
    }
    add_callsign(&f, p1, 0, "BWA580");
    add_callsign(&f, real, 5, "BWA580");
    add_callsign(&f, other, 5, "BWA580");
    add_callsign(&f, p2, 86400, "BWA580");
    add_callsign(&f, twin1, 80000, "BWA580");
    add_callsign(&f, twin2, 92000, "BWA580");
    add_callsign(&f, p3, 2 * 86400, "N899DN");
    add_callsign(&f, p4, 3 * 86400, "ZZZ1");
    add_callsign(&f, p5, 4 * 86400, "ZZZ1");
    add_fact(&f, 0x123456, 4 * 86400, GT_FIELD_REGISTRATION, "RA-86496");
    f.facts[f.nfacts - 1].id.flags = GT_IDENT_PROVISIONAL;
    gt_fleet_sort(&f);
    GT_ASSERT_EQ_INT(gt_air_resolve(&f, db, NULL, &st), GT_OK);
    printf("# resolve: %zu provisional, %zu resolved (%zu by registration), %zu unresolved (%zu "
           "ambiguous)\n",
           st.provisional, st.resolved, st.by_registration, st.unresolved, st.ambiguous);
    GT_ASSERT_EQ_INT(st.provisional, 5);
    GT_ASSERT_EQ_INT(st.resolved, 3);
    GT_ASSERT_EQ_INT(st.by_registration, 2);
    GT_ASSERT_EQ_INT(st.unresolved, 2);
    GT_ASSERT_EQ_INT(st.ambiguous, 1);
    t = gt_fleet_find(&f, real);
    GT_ASSERT(t != NULL);
    for (i = 0; i < t->n; i++) { /* each row keeps its source and record */
        if (t->pts[i].source_id == 2) {
            GT_ASSERT_EQ_INT(t->pts[i].prov.input_id, 2);
            GT_ASSERT_EQ_INT((int64_t)t->pts[i].prov.pos * 1000, t->pts[i].t_ms);
            from_fr24++;
        }
    }
    GT_ASSERT_EQ_INT(from_fr24, 241);
    t = gt_fleet_find(&f, other);
    GT_ASSERT(t != NULL && t->n == 241);
    t = gt_fleet_find(&f, (struct gt_ident){GT_ID_ICAO, 0xac671b, 0}); /* N899DN */
    GT_ASSERT(t != NULL && t->n == 241);
    t = gt_fleet_find(&f, (struct gt_ident){GT_ID_ICAO, 0x155e2c, 0}); /* RA-86496 */
    GT_ASSERT(t != NULL && t->n == 241);
    for (i = 0; i < f.n; i++) { /* nothing provisional is left to detect */
        GT_ASSERT(!(f.tracks[i].id.flags & GT_IDENT_PROVISIONAL) || f.tracks[i].n == 0);
    }
    for (i = 0; i < f.nfacts; i++) {
        GT_ASSERT(!(f.facts[i].id.flags & GT_IDENT_PROVISIONAL));
    }
    gt_fleet_release(&f);
    gt_aircraftdb_free(db);
}

/* ---- real flights from ../shared/data ---- */

/* Read a whole (possibly gzipped) file; NULL when absent. */
static char *slurp(const char *path, size_t *n)
{
    gzFile z = gzopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    int got;

    *n = 0;
    if (z == NULL) {
        return NULL;
    }
    do {
        if (cap - *n < 65536) {
            char *p = gt_realloc(buf, cap + 1048576);
            if (p == NULL) {
                break;
            }
            buf = p;
            cap += 1048576;
        }
        got = gzread(z, buf + *n, 65536);
        if (got > 0) {
            *n += (size_t)got;
        }
    } while (got > 0);
    gzclose(z);
    return buf;
}

static uint32_t hex24(const char *s)
{
    return (uint32_t)strtoul(s, NULL, 16);
}

static double num(const json_t *v, int *ok)
{
    *ok = json_is_number(v);
    return *ok ? json_number_value(v) : 0.0;
}

/* Add one traffic-library record (timestamp ms, icao24, latitude, ...). */
static void add_traffic_record(struct gt_fleet *f, const json_t *r, uint64_t line)
{
    struct gt_obs o;
    int ok1, ok2, ok;
    double v;
    const json_t *icao = json_object_get(r, "icao24"), *g = json_object_get(r, "onground");

    gt_obs_init(&o);
    o.id.kind = GT_ID_ICAO;
    o.id.value = json_is_string(icao) ? hex24(json_string_value(icao)) : 0;
    o.t_ms = (int64_t)num(json_object_get(r, "timestamp"), &ok);
    o.lat_deg = num(json_object_get(r, "latitude"), &ok1);
    o.lon_deg = num(json_object_get(r, "longitude"), &ok2);
    if (!ok || !ok1 || !ok2) {
        return;
    }
    o.flags = GT_OBS_POS | GT_OBS_TIME;
    v = num(json_object_get(r, "altitude"), &ok);
    if (ok) {
        o.alt_ft = (int32_t)v;
        o.flags |= GT_OBS_ALT;
    }
    v = num(json_object_get(r, "groundspeed"), &ok);
    if (ok) {
        o.speed_kn = (float)v;
        o.flags |= GT_OBS_SPEED;
    }
    if (json_is_boolean(g)) {
        o.on_ground = (uint8_t)json_is_true(g);
        o.flags |= GT_OBS_GROUND;
    }
    o.source_id = 1;
    o.prov.kind = GT_PROV_FILE;
    o.prov.pos = line;
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
}

/* Load a traffic-library JSON (list of records, or columns of a frame). */
static int load_traffic(struct gt_fleet *f, const char *path)
{
    size_t n, i;
    char *text = slurp(path, &n);
    json_t *root;
    json_error_t err;

    if (text == NULL) {
        return 0;
    }
    root = json_loadb(text, n, 0, &err);
    gt_free(text);
    GT_ASSERT(root != NULL);
    if (json_is_array(root)) {
        for (i = 0; i < json_array_size(root); i++) {
            add_traffic_record(f, json_array_get(root, i), i);
        }
    } else { /* {"column": {"row": value}} */
        const json_t *ts = json_object_get(root, "timestamp");
        const char *key;
        const json_t *val;
        i = 0;
        json_object_foreach((json_t *)(uintptr_t)ts, key, val)
        {
            json_t *rec = json_object();
            const char *col;
            json_t *colv;
            json_object_foreach(root, col, colv)
            {
                json_t *x = json_object_get(colv, key);
                if (x != NULL) {
                    json_object_set(rec, col, x);
                }
            }
            add_traffic_record(f, rec, i++);
            json_decref(rec);
        }
        (void)val;
    }
    json_decref(root);
    gt_fleet_sort(f);
    return 1;
}

/* Load a readsb trace_full JSON: trace rows [dt, lat, lon, alt|"ground", gs, ...]. */
static int load_readsb(struct gt_fleet *f, const char *path)
{
    size_t n, i;
    char *text = slurp(path, &n);
    json_t *root, *trace;
    json_error_t err;
    double t0;
    int ok;

    if (text == NULL) {
        return 0;
    }
    root = json_loadb(text, n, 0, &err);
    gt_free(text);
    GT_ASSERT(root != NULL);
    t0 = num(json_object_get(root, "timestamp"), &ok);
    trace = json_object_get(root, "trace");
    for (i = 0; i < json_array_size(trace); i++) {
        const json_t *row = json_array_get(trace, i), *alt = json_array_get(row, 3);
        struct gt_obs o;
        int ok1, ok2, ok3;
        double v;
        gt_obs_init(&o);
        o.id.kind = GT_ID_ICAO;
        o.id.value = hex24(json_string_value(json_object_get(root, "icao")));
        o.t_ms = (int64_t)((t0 + num(json_array_get(row, 0), &ok1)) * 1000.0);
        o.lat_deg = num(json_array_get(row, 1), &ok2);
        o.lon_deg = num(json_array_get(row, 2), &ok3);
        if (!ok1 || !ok2 || !ok3) {
            continue;
        }
        o.flags = GT_OBS_POS | GT_OBS_TIME | GT_OBS_GROUND;
        if (json_is_string(alt)) {
            o.on_ground = strcmp(json_string_value(alt), "ground") == 0;
        } else if (json_is_number(alt)) {
            o.alt_ft = (int32_t)json_number_value(alt);
            o.flags |= GT_OBS_ALT;
        } else {
            o.flags &= ~(uint32_t)GT_OBS_GROUND;
        }
        v = num(json_array_get(row, 4), &ok);
        if (ok) {
            o.speed_kn = (float)v;
            o.flags |= GT_OBS_SPEED;
        }
        o.source_id = 1;
        o.prov.kind = GT_PROV_FILE;
        o.prov.pos = i;
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(f, &o), GT_OK);
    }
    json_decref(root);
    gt_fleet_sort(f);
    return 1;
}

static const char *code(const struct gt_airport *a)
{
    return a ? a->ident : "-";
}

/* Itinerary of the only aircraft of a loaded fleet, as "FROM-TO[*] ..."
 * (* marks a dark flight). */
static void itinerary_text(const struct gt_fleet *f, const struct gt_airports *a, char *out,
                           size_t size)
{
    struct gt_flight_params p;
    struct gt_flight *fl;
    size_t n, i, len = 0;

    gt_flight_params_init(&p, NULL);
    GT_ASSERT_EQ_INT(f->n, 1);
    GT_ASSERT_EQ_INT(gt_flight_itinerary(&f->tracks[0], a, 450, &p, &fl, &n), GT_OK);
    out[0] = '\0';
    for (i = 0; i < n && len + 32 < size; i++) {
        int w = snprintf(out + len, size - len, "%s%s-%s%s", i ? " " : "", code(fl[i].from),
                         code(fl[i].to), (fl[i].flags & GT_FLIGHT_DARK) ? "*" : "");
        len += w > 0 ? (size_t)w : 0;
        printf("#   %06x %s-%s from %.2f km to %.2f km, %zu fixes, observed %.2f, flags %#x\n",
               fl[i].id.value, code(fl[i].from), code(fl[i].to), fl[i].from_km, fl[i].to_km,
               fl[i].npts, fl[i].observed_fraction, fl[i].flags);
    }
    gt_free(fl);
}

static void shared_case(const char *rel, int readsb, const char *want)
{
    const char *root = getenv("GT_SHARED");
    char path[1024], got[512];
    struct gt_fleet f;
    struct gt_airports *a;
    int loaded;

    if (root == NULL) {
        root = "../shared/data";
    }
    snprintf(path, sizeof path, "%s/%s", root, rel);
    gt_fleet_init(&f, 1000000);
    loaded = readsb ? load_readsb(&f, path) : load_traffic(&f, path);
    if (!loaded) {
        gt_fleet_release(&f);
        GT_SKIP("shared data absent");
    }
    GT_ASSERT_EQ_INT(gt_airports_builtin(&a), GT_OK);
    printf("# %s: %zu fixes\n", rel, f.n ? f.tracks[0].n : 0);
    itinerary_text(&f, a, got, sizeof got);
    printf("# %s: %s\n", rel, got);
    gt_airports_free(a);
    gt_fleet_release(&f);
    GT_ASSERT_EQ_STR(got, want);
}

/* The OurAirports extract in ../shared/data: every row parses, and
 * nearest-airport lookups at known places give the right airports. */
static void test_shared_airports(void)
{
    const char *root = getenv("GT_SHARED");
    char path[1024];
    size_t n;
    char *text;
    struct gt_airports *a;
    const struct gt_airport *ap;
    double km;

    snprintf(path, sizeof path, "%s/ref/ourairports/airports_medium_large.csv",
             root ? root : "../shared/data");
    text = slurp(path, &n);
    if (text == NULL) {
        GT_SKIP("shared data absent");
    }
    GT_ASSERT_EQ_INT(gt_airports_parse(text, n, &a), GT_OK);
    gt_free(text);
    printf("# airports_medium_large.csv: %zu airports\n", gt_airports_count(a));
    GT_ASSERT_EQ_INT(gt_airports_count(a), 5210);
    ap = gt_airports_nearest(a, 44.880993, -93.218438, 10, &km); /* N899DN lands at MSP */
    GT_ASSERT(ap != NULL && strcmp(ap->ident, "KMSP") == 0 && km < 1.0);
    ap = gt_airports_nearest(a, 55.5915, 37.2615, 10, &km); /* Vnukovo */
    GT_ASSERT(ap != NULL && strcmp(ap->ident, "UUWW") == 0 && km < 0.1);
    ap = gt_airports_nearest(a, 27.93, -15.39, 10, &km);
    GT_ASSERT(ap != NULL && strcmp(ap->ident, "GCLP") == 0);
    GT_ASSERT_EQ_INT(ap->elev_ft, 78);
    ap = gt_airports_find(a, "MNMG");
    GT_ASSERT(ap != NULL && ap->size == 2);
    GT_ASSERT(gt_airports_nearest(a, 0.0, -30.0, 10, NULL) == NULL); /* mid-Atlantic */
    gt_airports_free(a);
}

static void test_shared_readsb(void)
{
    /* N899DN (B739) 2025-02-04: Central America -> MSP; MSP -> Spokane with
     * the descent and the climb back unheard (8 h on the ground); Spokane
     * -> MSP; MSP -> Denver */
    shared_case("modes/samples/traffic_readsb_trace_full_ac671b.json", 1,
                "--KMSP KMSP-KGEG* KGEG-KMSP* KMSP-KDEN");
}

/* THY9BP 2024-09-17 over the Baltic: GNSS-spoofed positions. */
static void test_shared_spoofing(void)
{
    const char *root = getenv("GT_SHARED");
    char path[1024];
    struct gt_fleet f;
    struct gotlist g = {NULL, 0, 0};
    struct gt_detect_input in;
    size_t i;

    snprintf(path, sizeof path, "%s/tracks/traffic/noisy_noisy_spoofing.json.gz",
             root ? root : "../shared/data");
    gt_fleet_init(&f, 1000000);
    if (!load_traffic(&f, path)) {
        gt_fleet_release(&f);
        GT_SKIP("shared data absent");
    }
    in.fleet = &f;
    in.params = NULL;
    in.ref = NULL;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "air_spoof", collect, &g), GT_OK);
    for (i = 0; i < g.n; i++) {
        printf("#   spoof %06x %lld..%lld %s\n", g.v[i].icao, (long long)g.v[i].start_ms,
               (long long)g.v[i].end_ms, g.v[i].detail);
    }
    printf("# THY9BP: %zu spoof episodes\n", g.n);
    GT_ASSERT(g.n >= 1);
    gt_free(g.v);
    gt_fleet_release(&f);
}

static void test_shared_traffic(void)
{
    shared_case("tracks/traffic/featured_belevingsvlucht.json.gz", 0, "EHAM-EHAM");
    shared_case("tracks/traffic/noisy_noisy_landing.json.gz", 0, "--LSZH");
    shared_case("modes/samples/traffic_military_inflight_refuelling.json.gz", 0, "LFMI-LFMI");
    shared_case("modes/samples/traffic_military_aircraft_carrier.json.gz", 0, "KNZY-KNZY");
    /* THY9BP (Turkish Airlines, Istanbul hub): the recording starts at
     * 4,175 ft climbing 1,216 ft/min, 13 km north of Istanbul Airport and
     * heading away from it - the climb-out of LTFM (the landing is not in
     * the recording) */
    shared_case("tracks/traffic/noisy_noisy_spoofing.json.gz", 0, "LTFM--");
}

GT_TEST_MAIN({"airports_parse", test_airports_parse}, {"airports_builtin", test_airports_builtin},
             {"aircraftdb", test_aircraftdb}, {"legs_split", test_legs_split},
             {"airport_attach", test_airport_attach}, {"climb_out", test_climb_out},
             {"jet_airport", test_jet_airport}, {"ground_fixes_between", test_ground_fixes_between},
             {"itinerary_dark_leg", test_itinerary_dark_leg}, {"feasibility", test_feasibility},
             {"flight_json", test_flight_json}, {"scenario", test_scenario},
             {"source_diff_anonymised", test_source_diff_anonymised},
             {"source_diff_expected", test_source_diff_expected}, {"spoof_gnss", test_spoof_gnss},
             {"spoof_slow_stretch", test_spoof_slow_stretch}, {"identity", test_identity},
             {"air_gap_reception", test_air_gap_reception}, {"air_resolve", test_air_resolve},
             {"published_airports", test_published_airports},
             {"shared_airports", test_shared_airports}, {"shared_readsb", test_shared_readsb},
             {"shared_traffic", test_shared_traffic}, {"shared_spoofing", test_shared_spoofing})
