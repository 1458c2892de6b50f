/*
 * test_sea_scenario.c - the maritime detectors on a generated scenario with
 * known truth (scenario_sea.h): precision and recall per event type, and
 * no suspected gap from a coverage-only decoy.  The figures are printed as
 * "# ..." lines.
 */
#include <stdio.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ref.h"
#include "scenario_sea.h"
#include "test.h"

struct got {
    enum gt_event_type type;
    uint32_t subject, peer;
    int64_t t0, t1;
    char detail[1024];
    char id[GT_EVENT_ID_MAX];
};

static struct got events[4096];
static size_t nevents;

static int collect(const struct gt_event *e, void *ud)
{
    struct got *g;
    (void)ud;
    if (nevents == sizeof events / sizeof events[0]) {
        return GT_ERR_TOOBIG;
    }
    g = &events[nevents++];
    g->type = e->type;
    g->subject = e->subject.value;
    g->peer = e->peer.value;
    g->t0 = e->start_ms;
    g->t1 = e->end_ms;
    snprintf(g->detail, sizeof g->detail, "%s",
             gt_buf_len(&e->detail) ? gt_buf_str(&e->detail) : "{}");
    memcpy(g->id, e->id, sizeof g->id);
    return GT_OK;
}

/* Does event g match truth t? */
static int matches(const struct got *g, const struct sc_truth *t)
{
    char want[64];
    int64_t slack = SC_H;

    if (g->type != t->type || g->t0 > t->t1 + slack || g->t1 < t->t0 - slack) {
        return 0;
    }
    if (t->type == GT_EVENT_ENCOUNTER) {
        if (!((g->subject == t->subject && g->peer == t->peer) ||
              (g->subject == t->peer && g->peer == t->subject))) {
            return 0;
        }
        snprintf(want, sizeof want, "\"dark\":%s", strcmp(t->kind, "dark") == 0 ? "true" : "false");
        return strstr(g->detail, want) != NULL;
    }
    if (g->subject != t->subject || (t->peer != 0 && g->peer != t->peer)) {
        return 0;
    }
    switch (t->type) {
    case GT_EVENT_GAP:
        if (strcmp(t->kind, "any") == 0) {
            return 1;
        }
        snprintf(want, sizeof want, "\"suspected\":%s",
                 strcmp(t->kind, "suspected") == 0 ? "true" : "false");
        return strstr(g->detail, want) != NULL;
    case GT_EVENT_SPOOF:
        snprintf(want, sizeof want, "\"kind\":\"%s\"", t->kind);
        return strstr(g->detail, want) != NULL;
    case GT_EVENT_IDENTITY:
        /* a re-flag is one event listing every changed field (issue #13) */
        snprintf(want, sizeof want, "\"field\":\"%s\"", t->kind);
        if (strstr(g->detail, want) != NULL) {
            return 1;
        }
        snprintf(want, sizeof want, "\"%s\":{\"new\":", t->kind);
        return strstr(g->detail, want) != NULL;
    default:
        return 1;
    }
}

static struct sc_world world;

static void run_all(struct sc_world *w, const char *only)
{
    struct gt_ref ref;
    struct gt_detect_input in;

    memset(&ref, 0, sizeof ref);
    ref.land = w->land;
    ref.ports = w->ports;
    in.fleet = &w->fleet;
    in.params = NULL;
    in.ref = &ref;
    nevents = 0;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, only, collect, NULL), GT_OK);
}

static void score_type(enum gt_event_type type, double *prec, double *rec)
{
    size_t ne = 0, tp = 0, nt = 0, found = 0, i, j;

    for (i = 0; i < nevents; i++) {
        int ok = 0;
        if (events[i].type != type) {
            continue;
        }
        ne++;
        for (j = 0; j < world.ntruth && !ok; j++) {
            ok = matches(&events[i], &world.truth[j]);
        }
        if (!ok) {
            printf("#   unexpected %s subject=%u peer=%u %s\n", gt_event_type_name(type),
                   events[i].subject, events[i].peer, events[i].detail);
        }
        tp += (size_t)ok;
    }
    for (j = 0; j < world.ntruth; j++) {
        int ok = 0;
        if (world.truth[j].type != type) {
            continue;
        }
        nt++;
        for (i = 0; i < nevents && !ok; i++) {
            ok = matches(&events[i], &world.truth[j]);
        }
        if (!ok) {
            printf("#   missed %s subject=%u peer=%u kind=%s\n", gt_event_type_name(type),
                   world.truth[j].subject, world.truth[j].peer, world.truth[j].kind);
        }
        found += (size_t)ok;
    }
    *prec = ne ? (double)tp / (double)ne : 1.0;
    *rec = nt ? (double)found / (double)nt : 1.0;
    printf("# %-10s events=%zu truths=%zu precision=%.3f recall=%.3f\n", gt_event_type_name(type),
           ne, nt, *prec, *rec);
}

static void test_precision_recall(void)
{
    static const enum gt_event_type types[] = {GT_EVENT_GAP,       GT_EVENT_LOITER,
                                               GT_EVENT_ENCOUNTER, GT_EVENT_PORT_CALL,
                                               GT_EVENT_SPOOF,     GT_EVENT_IDENTITY};
    size_t i, ndark = 0, nt_dark = 0;

    GT_ASSERT_EQ_INT(sc_build(&world, 12345), 0);
    run_all(&world, NULL);
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        double p, r;
        score_type(types[i], &p, &r);
        GT_ASSERT(p >= 0.9);
        GT_ASSERT(r >= 0.9);
    }
    for (i = 0; i < nevents; i++) {
        ndark += events[i].type == GT_EVENT_ENCOUNTER && strstr(events[i].detail, "\"dark\":true");
    }
    for (i = 0; i < world.ntruth; i++) {
        nt_dark +=
            world.truth[i].type == GT_EVENT_ENCOUNTER && strcmp(world.truth[i].kind, "dark") == 0;
    }
    printf("# dark encounters: events=%zu truths=%zu\n", ndark, nt_dark);
    GT_ASSERT(nt_dark > 0 && ndark >= nt_dark);
}

/* Coverage decoys (truth kind "plain") must never get a suspected gap. */
static void test_no_suspected_from_coverage(void)
{
    size_t i, j, decoy_gaps = 0;

    for (j = 0; j < world.ntruth; j++) {
        const struct sc_truth *t = &world.truth[j];
        if (t->type != GT_EVENT_GAP || strcmp(t->kind, "plain") != 0) {
            continue;
        }
        for (i = 0; i < nevents; i++) {
            if (events[i].type == GT_EVENT_GAP && events[i].subject == t->subject) {
                decoy_gaps++;
                GT_ASSERT(strstr(events[i].detail, "\"suspected\":false") != NULL);
            }
        }
    }
    printf("# coverage decoy gaps=%zu suspected=0\n", decoy_gaps);
    GT_ASSERT(decoy_gaps >= 6);
}

/* Same input, same events, same ids, byte for byte. */
static void test_deterministic(void)
{
    static struct got first[4096];
    size_t n1, i;

    run_all(&world, NULL);
    n1 = nevents;
    memcpy(first, events, n1 * sizeof first[0]);
    run_all(&world, NULL);
    GT_ASSERT_EQ_INT(nevents, n1);
    for (i = 0; i < n1; i++) {
        GT_ASSERT_EQ_STR(events[i].id, first[i].id);
        GT_ASSERT_EQ_STR(events[i].detail, first[i].detail);
    }
    sc_world_release(&world);
}

GT_TEST_MAIN({"scenario precision and recall", test_precision_recall},
             {"no suspected gap from coverage decoys", test_no_suspected_from_coverage},
             {"scenario deterministic", test_deterministic})
