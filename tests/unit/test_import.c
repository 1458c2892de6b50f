/*
 * test_import.c - the AIS CSV importers: layout detection from the header,
 * columns found by name in any order (MarineCadastre 2017/2018+ and the
 * lower-case re-export, DMA "# Timestamp"), day-first DMA dates, sentinels
 * (DMA lat 91 / lon 0, heading 511, SOG 102.3, COG 360) as cleared flags,
 * identity observations, and every rejected row counted by reason.
 */
#include <string.h>

#include "ghosttrack/import.h"
#include "ghosttrack/time.h"
#include "test.h"

static struct gt_obs g_obs[8];
static int g_nobs;
static struct gt_ident_obs g_id[16];
static int g_nid;

static void on_obs(const struct gt_obs *o, void *ud)
{
    (void)ud;
    if (g_nobs < 8) {
        g_obs[g_nobs] = *o;
    }
    g_nobs++;
}

static void on_id(const struct gt_ident_obs *io, void *ud)
{
    (void)ud;
    if (g_nid < 16) {
        g_id[g_nid] = *io;
    }
    g_nid++;
}

/* Return the value of the first identity observation of field fld, or "". */
static const char *fact(enum gt_ident_field fld)
{
    int i;
    for (i = 0; i < g_nid && i < 16; i++) {
        if (g_id[i].field == fld) {
            return g_id[i].value;
        }
    }
    return "";
}

static struct gt_csv_import *load(const char *const *lines)
{
    struct gt_csv_import *imp = gt_csv_import_new(on_obs, on_id, NULL);
    uint64_t off = 0;
    g_nobs = g_nid = 0;
    GT_ASSERT(imp != NULL);
    for (; *lines != NULL; lines++) {
        (void)gt_csv_import_feed(imp, (const uint8_t *)*lines, strlen(*lines), off);
        off += strlen(*lines) + 1;
    }
    return imp;
}

static void test_marinecadastre_2017(void)
{
    static const char *const in[] = {
        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
        "Length,Width,Draft,Cargo",
        "477307901,2017-12-01T00:00:01,31.90512,-76.32652,0.0,131.0,352.0,FIRST,IMO9739666,VRPJ6,"
        "1004,underway using engines,337,,,",
        "338029922,2017-12-01T00:00:02,42.83931,-73.74403,37.7,110.6,511.0,SECOND,,,,,,,,", NULL};
    struct gt_csv_import *imp = load(in);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_MARINECADASTRE);
    GT_ASSERT_EQ_INT(g_nobs, 2);
    GT_ASSERT_EQ_INT(g_obs[0].id.value, 477307901);
    GT_ASSERT_EQ_INT(g_obs[0].t_ms, 1512086401000ll);
    GT_ASSERT_DBL_NEAR(g_obs[0].lat_deg, 31.90512, 1e-9);
    GT_ASSERT_DBL_NEAR(g_obs[0].lon_deg, -76.32652, 1e-9);
    GT_ASSERT(g_obs[0].flags & GT_OBS_HEADING);
    GT_ASSERT_EQ_INT(g_obs[1].flags & GT_OBS_HEADING, 0); /* 511 */
    GT_ASSERT_EQ_INT(g_obs[1].prov.pos, strlen(in[0]) + strlen(in[1]) + 2);
    /* name, callsign, IMO (prefix stripped); NAIS 1004 is not an AIS ship type */
    GT_ASSERT_EQ_INT(g_nid, 5);
    GT_ASSERT_EQ_STR(g_id[2].value, "9739666");
    GT_ASSERT_EQ_INT(g_id[2].field, GT_FIELD_IMO);
    GT_ASSERT_EQ_STR(fact(GT_FIELD_LENGTH), "337"); /* Length kept; no TransceiverClass in 2017 */
    GT_ASSERT_EQ_STR(fact(GT_FIELD_AIS_CLASS), "");
    gt_csv_import_free(imp);
}

static void test_lowercase_reexport(void)
{
    static const char *const in[] = {
        "mmsi,base_date_time,longitude,latitude,sog,cog,heading,vessel_name,imo,call_sign,"
        "vessel_type,status,length,width,draft,cargo,transceiver",
        "367605855,2024-01-01 00:00:05,-74.04572,45.68222,0.0,-97.8,183.0,FIFTH,,WDH3254,31,0,"
        "22.86,,,,A",
        NULL};
    struct gt_csv_import *imp = load(in);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_MARINECADASTRE);
    GT_ASSERT_EQ_INT(g_nobs, 1);
    GT_ASSERT_DBL_NEAR(g_obs[0].lat_deg, 45.68222, 1e-9); /* lon before lat in the file */
    GT_ASSERT_DBL_NEAR(g_obs[0].lon_deg, -74.04572, 1e-9);
    GT_ASSERT_EQ_INT(g_obs[0].flags & GT_OBS_COURSE, 0); /* negative COG */
    GT_ASSERT_EQ_STR(fact(GT_FIELD_AIS_CLASS), "A");     /* transceiver class */
    GT_ASSERT_EQ_STR(fact(GT_FIELD_LENGTH), "22.86");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_WIDTH), "");
    gt_csv_import_free(imp);
}

static void test_dma(void)
{
    static const char *const in[] = {
        "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
        "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing "
        "device,Draught,Destination,ETA,Data source type,A,B,C,D",
        "18/03/2023 00:00:00,Class A,219472000,91,0,Unknown value,,,,,9686429,OWMI2,GUARDVESSEL "
        "ADVANCER,Other,,8,23,GPS,1.9,GUARD VESSEL FEMARN,11/03/2023 21:00:00,AIS,16,7,5,3",
        "15/02/2023 00:00:02,Class A,219063000,57.1153,8.33122,Under way,0.0,102.3,360.0,511,"
        "Unknown,,,Undefined,,,,Undefined,,,,AIS,,,,",
        "31/02/2023 00:00:00,Class A,219063000,57.1,8.3,x,,,,,Unknown,,,Undefined,,,,x,,,,AIS,,,,",
        "15/02/2023 00:00:00,Class A,abc,57.1,8.3,x,,,,,Unknown,,,Undefined,,,,x,,,,AIS,,,,",
        "15/02/2023 00:00:00,Class A",
        NULL};
    struct gt_csv_import *imp = load(in);
    const struct gt_csv_counters *c = gt_csv_import_counters(imp);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_DMA);
    GT_ASSERT_EQ_INT(g_nobs, 2);
    GT_ASSERT_EQ_INT(g_obs[0].t_ms, 1679097600000ll); /* 2023-03-18, day first */
    GT_ASSERT_EQ_INT(g_obs[0].flags & GT_OBS_POS, 0); /* 91,0 */
    GT_ASSERT_EQ_INT(g_obs[1].flags & (GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING), 0);
    GT_ASSERT(g_obs[1].flags & GT_OBS_POS);
    GT_ASSERT_EQ_INT(c->rows, 5);
    GT_ASSERT_EQ_INT(c->reason[GT_CSVR_TIME], 1);
    GT_ASSERT_EQ_INT(c->reason[GT_CSVR_MMSI], 1);
    GT_ASSERT_EQ_INT(c->reason[GT_CSVR_FIELDS], 1);
    GT_ASSERT_EQ_STR(fact(GT_FIELD_DIMENSIONS), "16,7,5,3");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_AIS_CLASS), "A"); /* "Class A" */
    GT_ASSERT_EQ_STR(fact(GT_FIELD_LENGTH), "23");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_WIDTH), "8");
    gt_csv_import_free(imp);
}

static void test_unknown_header(void)
{
    static const char *const in[] = {"a,b,c", "1,2,3", NULL};
    struct gt_csv_import *imp = load(in);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_UNKNOWN);
    GT_ASSERT_EQ_INT(g_nobs, 0);
    GT_ASSERT_EQ_INT(gt_csv_import_counters(imp)->reason[GT_CSVR_HEADER], 1);
    gt_csv_import_free(imp);
}

/* RFC 4180 through the one splitter: doubled quotes become one quote
 * (#15 item 13: "SMITH ""JR""" was stored with its quotes doubled), a
 * byte-order mark before the header (#15 item 5), a quoted name going on
 * over a line break, and a quote left open at the end counted. */
static void test_quotes(void)
{
    static const char *const in[] = {
        "\xef\xbb\xbfMMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName",
        "367000001,2023-01-01T00:00:00,40.1,-70.2,1.0,2.0,3.0,\"SMITH \"\"JR\"\"\"",
        "367000002,2023-01-01T00:00:01,40.1,-70.2,1.0,2.0,3.0,\"TWO",
        "LINES\"",
        "367000003,2023-01-01T00:00:02,40.1,-70.2,1.0,2.0,3.0,\"OPEN",
        NULL};
    struct gt_csv_import *imp = load(in);
    const struct gt_csv_counters *c = gt_csv_import_counters(imp);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_MARINECADASTRE);
    GT_ASSERT_EQ_INT(g_nobs, 2);
    GT_ASSERT_EQ_INT(g_nid, 2);
    GT_ASSERT_EQ_STR(g_id[0].value, "SMITH \"JR\"");
    GT_ASSERT_EQ_STR(g_id[1].value, "TWO\nLINES");
    /* the row's offset is its first line's */
    GT_ASSERT_EQ_INT(g_obs[1].prov.pos, strlen(in[0]) + strlen(in[1]) + 2);
    GT_ASSERT_EQ_INT(c->rows, 2);
    GT_ASSERT_EQ_INT(gt_csv_import_finish(imp), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(c->rows, 3);
    GT_ASSERT_EQ_INT(c->reason[GT_CSVR_FIELDS], 1);
    GT_ASSERT_EQ_INT(gt_csv_import_finish(imp), GT_OK);
    gt_csv_import_free(imp);
}

/* A vendor export read through a --columns mapping (#14 item 3): the
 * mapping names the columns, epoch seconds and milliseconds both read,
 * columns left out of the mapping still found by name, the rest counted. */
static void test_generic_mapping(void)
{
    static const char *const in[] = {"ID,ts,LAT,LON,SPD,Vessel,Remarks,Owner",
                                     "244000001,1700000000,52.1,4.2,10.5,ALPHA,x,y",
                                     "244000001,1700000060500,52.11,4.21,10.4,ALPHA,x,y",
                                     "244000001,,52.11,4.21,10.4,ALPHA,x,y", NULL};
    struct gt_csv_import *imp = gt_csv_import_new(on_obs, on_id, NULL);
    const struct gt_csv_counters *c;
    uint64_t off = 0;
    int i;

    g_nobs = g_nid = 0;
    GT_ASSERT(imp != NULL);
    GT_ASSERT_EQ_INT(gt_csv_import_set_columns(imp, "mmsi=ID,time=ts,lat=LAT,lon=LON,speed=SPD"),
                     GT_OK);
    for (i = 0; in[i] != NULL; i++) {
        GT_ASSERT_EQ_INT(gt_csv_import_feed(imp, (const uint8_t *)in[i], strlen(in[i]), off),
                         GT_OK);
        off += strlen(in[i]) + 1;
    }
    c = gt_csv_import_counters(imp);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_GENERIC);
    GT_ASSERT_EQ_INT(g_nobs, 2);
    GT_ASSERT_EQ_INT(g_obs[0].t_ms, 1700000000000ll);
    GT_ASSERT_EQ_INT(g_obs[1].t_ms, 1700000060500ll);
    GT_ASSERT_DBL_NEAR(g_obs[0].speed_kn, 10.5, 1e-6);
    GT_ASSERT_EQ_INT(c->reason[GT_CSVR_TIME], 1);
    GT_ASSERT_EQ_INT(c->ignored_columns, 3); /* Vessel is not a known name: Remarks, Owner too */
    gt_csv_import_free(imp);
}

/* Mapping errors name what is wrong. */
static void test_generic_errors(void)
{
    static const char *const hdr = "ID,ts,LAT,LON";
    struct gt_csv_import *imp = gt_csv_import_new(NULL, NULL, NULL);

    GT_ASSERT(imp != NULL);
    GT_ASSERT_EQ_INT(gt_csv_import_set_columns(imp, "mmsi"), GT_ERR_INVAL);
    GT_ASSERT(strstr(gt_csv_import_errmsg(imp), "key=COLUMN") != NULL);
    GT_ASSERT_EQ_INT(gt_csv_import_set_columns(imp, "speedo=SPD"), GT_ERR_INVAL);
    GT_ASSERT(strstr(gt_csv_import_errmsg(imp), "unknown key 'speedo'") != NULL);
    GT_ASSERT_EQ_INT(gt_csv_import_set_columns(imp, "mmsi=ID,time=when,lat=LAT,lon=LON"), GT_OK);
    GT_ASSERT_EQ_INT(gt_csv_import_feed(imp, (const uint8_t *)hdr, strlen(hdr), 0),
                     GT_ERR_UNSUPPORTED);
    GT_ASSERT(strstr(gt_csv_import_errmsg(imp), "no column 'when'") != NULL);
    gt_csv_import_free(imp);
    imp = gt_csv_import_new(NULL, NULL, NULL);
    GT_ASSERT(imp != NULL);
    GT_ASSERT_EQ_INT(gt_csv_import_set_columns(imp, "mmsi=ID,lat=LAT,lon=LON"), GT_OK);
    GT_ASSERT_EQ_INT(gt_csv_import_feed(imp, (const uint8_t *)"ID,when,LAT,LON", 15, 0),
                     GT_ERR_UNSUPPORTED);
    GT_ASSERT_EQ_STR(gt_csv_import_errmsg(imp),
                     "no time column: name it with --columns time=COLUMN");
    gt_csv_import_free(imp);
}

/* Without a mapping, the names satellite-AIS exports use are found
 * (exactEarth-like: Time as YYYYMMDD_HHMMSS, Dimension_to_*; Spire-like
 * lower case with ISO times), and an aircraft CSV by its icao24 column. */
static void test_generic_header_names(void)
{
    static const char *const sat[] = {
        "MMSI,Message_ID,Repeat_indicator,Time,Millisecond,Region,Country,Base_station,Vessel_Name,"
        "Call_sign,IMO,Ship_Type,Dimension_to_Bow,Dimension_to_stern,Dimension_to_port,"
        "Dimension_to_starboard,Draught,Destination,Navigational_status,SOG,Longitude,Latitude,"
        "COG,Heading",
        "636019825,1,0,20240101_120000,0,66,636,,,,,,,,,,,,0,12.3,-20.5,10.25,181.2,180",
        "636019825,5,0,20240101_120500,0,66,636,,\"STAR, OF THE SEA\",D5AB2,IMO9330020,70,150,30,"
        "12,14,9.8,ROTTERDAM,,,,,,",
        NULL};
    static const char *const spire[] = {
        "mmsi,imo,name,call_sign,ship_type,length,width,latitude,longitude,speed,course,heading,"
        "position_timestamp,collection_type,squawk",
        "538009876,9876543,EVER SOMETHING,V7AB1,70,300,48,1.25,103.75,14.1,45.0,44,"
        "2024-02-01T08:00:00.250Z,satellite,",
        NULL};
    static const char *const air[] = {"icao24,timestamp,lat,lon,alt,squawk",
                                      "3c6444,1600000000,50.0,8.5,35000,1200",
                                      "3c6444,1600000010,50.1,8.5,35000,7700.0", NULL};
    struct gt_csv_import *imp = load(sat);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_GENERIC);
    GT_ASSERT_EQ_INT(g_nobs, 1); /* the static report (Message_ID 5) gives facts only */
    GT_ASSERT_EQ_INT(g_obs[0].t_ms, 1704110400000ll);
    GT_ASSERT_DBL_NEAR(g_obs[0].lat_deg, 10.25, 1e-9);
    GT_ASSERT_DBL_NEAR(g_obs[0].lon_deg, -20.5, 1e-9);
    GT_ASSERT(g_obs[0].flags & GT_OBS_POS);
    GT_ASSERT_EQ_STR(fact(GT_FIELD_NAME), "STAR, OF THE SEA");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_IMO), "9330020");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_DIMENSIONS), "150,30,12,14");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_DESTINATION), "ROTTERDAM");
    GT_ASSERT_EQ_INT(gt_csv_import_counters(imp)->ignored_columns, 6);
    gt_csv_import_free(imp);

    imp = load(spire);
    GT_ASSERT_EQ_INT(gt_csv_import_kind(imp), GT_CSV_GENERIC);
    GT_ASSERT_EQ_INT(g_nobs, 1);
    GT_ASSERT_EQ_INT(g_obs[0].t_ms, 1706774400250ll);
    GT_ASSERT_DBL_NEAR(g_obs[0].course_deg, 45.0, 1e-6);
    GT_ASSERT_EQ_STR(fact(GT_FIELD_CALLSIGN), "V7AB1");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_LENGTH), "300");
    GT_ASSERT_EQ_STR(fact(GT_FIELD_WIDTH), "48");
    GT_ASSERT_EQ_INT(gt_csv_import_counters(imp)->ignored_columns, 1); /* collection_type */
    gt_csv_import_free(imp);

    imp = load(air);
    GT_ASSERT_EQ_INT(g_nobs, 2);
    GT_ASSERT_EQ_INT(g_obs[0].id.kind, GT_ID_ICAO);
    GT_ASSERT_EQ_INT(g_obs[0].id.value, 0x3c6444);
    GT_ASSERT_EQ_INT(g_obs[0].alt_ft, 35000);
    GT_ASSERT_EQ_INT(g_nid, 2);
    GT_ASSERT_EQ_STR(g_id[0].value, "1200");
    GT_ASSERT_EQ_STR(g_id[1].value, "7700");
    gt_csv_import_free(imp);

    {
        const char *h = "\xef\xbb\xbfMMSI,time,Latitude,Longitude\n1,2,3,4\n";
        GT_ASSERT_EQ_INT(gt_csv_import_sniff((const uint8_t *)h, strlen(h)), 60);
        h = "a,b,c,d\n";
        GT_ASSERT_EQ_INT(gt_csv_import_sniff((const uint8_t *)h, strlen(h)), 0);
    }
}

GT_TEST_MAIN({"generic mapping", test_generic_mapping}, {"generic errors", test_generic_errors},
             {"generic header names", test_generic_header_names},
             {"marinecadastre 2017", test_marinecadastre_2017}, {"quotes", test_quotes},
             {"lower-case re-export", test_lowercase_reexport}, {"dma", test_dma},
             {"unknown header", test_unknown_header})
