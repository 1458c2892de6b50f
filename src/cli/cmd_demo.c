/*
 * cmd_demo.c - `ghosttrack demo`: the whole chain on generated data, offline.
 *
 * simulate -> ingest -> detect -> report, each step run in-process through
 * the same command table a person would use, so the demo exercises exactly
 * what the documentation describes.  Prints the events found by type and the
 * path of the report.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "ghosttrack/store.h"
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"out", 'o', "DIR", "working folder (default ./ghosttrack-demo)"},
    {"seed", 0, "N", "scenario seed (default 1)"},
    {"scenario", 0, "NAME", "scenario to generate (default venezuela-2019)"},
    {NULL, 0, NULL, NULL},
};

#define MAX_ARGS 16

/* Run one command with the given arguments (NULL-terminated), as if typed. */
/* Command-line arguments are char * by tradition; ours are never written. */
static char *arg(const char *s)
{
    return (char *)(uintptr_t)s;
}

static int step(const struct cli_command *cmd, const char *what, const char *const *args)
{
    char *argv[MAX_ARGS + 1];
    struct cli_args a;
    int argc = 0, rc;

    argv[argc++] = arg(cmd->name);
    while (args[argc - 1] != NULL && argc < MAX_ARGS) {
        argv[argc] = arg(args[argc - 1]);
        argc++;
    }
    argv[argc] = NULL;
    fprintf(stderr, "demo: %s\n", what);
    if (cmd->run == NULL) {
        cli_error("demo needs '%s', which is not available yet (issue #%d)", cmd->name, cmd->issue);
        return CLI_FAIL;
    }
    rc = cli_parse(cmd, argc, argv, &a);
    if (rc == CLI_OK) {
        rc = cmd->run(cmd, &a);
    }
    if (rc != CLI_OK) {
        cli_error("demo: '%s' failed", cmd->name);
    }
    return rc;
}

struct type_counts {
    size_t n[GT_EVENT_TYPE_MAX + 1];
};

static int count_event(const struct gt_event *e, void *ud)
{
    struct type_counts *c = ud;

    if ((int)e->type >= 1 && (int)e->type <= GT_EVENT_TYPE_MAX) {
        c->n[e->type]++;
    }
    return GT_OK;
}

/* Print how many events of each type the store holds. */
static int print_counts(const char *db)
{
    struct gt_store *st = NULL;
    struct gt_event_filter f;
    struct type_counts c;
    int rc, i;

    memset(&c, 0, sizeof c);
    rc = gt_store_open(db, GT_STORE_READONLY, &st);
    if (rc == GT_OK) {
        gt_event_filter_init(&f);
        rc = gt_store_events(st, &f, count_event, &c);
    }
    if (rc != GT_OK) {
        cli_error("cannot read events from '%s': %s", db,
                  st ? gt_store_errmsg(st) : gt_strerror(rc));
        gt_store_close(st);
        return CLI_FAIL;
    }
    gt_store_close(st);
    printf("events by type:\n");
    for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
        printf("  %-12s %zu\n", gt_event_type_name((enum gt_event_type)i), c.n[i]);
    }
    return CLI_OK;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *out = cli_get(cmd, a, "out"), *seed = cli_get(cmd, a, "seed");
    const char *scenario = cli_get(cmd, a, "scenario");
    char data[4096], db[4096], html[4096];
    static const struct {
        const char *file, *source, *what;
    } feeds[] = {
        {"ais.nmea", "ais", "ingesting AIS (NMEA with tag blocks)"},
        {"marinecadastre.csv", "marinecadastre", "ingesting AIS (MarineCadastre CSV)"},
        {"opensky_states.csv", "opensky", "ingesting OpenSky state vectors"},
        {"modes.txt", "modes", "ingesting raw Mode S frames"},
        {"fr24", "fr24", "ingesting Flightradar24 exports"},
    };
    size_t i;
    int rc;

    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    out = out ? out : "ghosttrack-demo";
    seed = seed ? seed : "1";
    scenario = scenario ? scenario : "venezuela-2019";
    if ((size_t)snprintf(data, sizeof data, "%s/data", out) >= sizeof data ||
        (size_t)snprintf(db, sizeof db, "%s/ghosttrack.db", out) >= sizeof db ||
        (size_t)snprintf(html, sizeof html, "%s/report.html", out) >= sizeof html) {
        return cli_usage_error(cmd, "path too long");
    }
    if (mkdir(out, 0777) != 0) {
        struct stat sb;
        if (stat(out, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            cli_error("cannot create '%s'", out);
            return CLI_FAIL;
        }
    }
    /* A fresh database each time, so the demo is repeatable. */
    remove(db);
    {
        char wal[4200], shm[4200];
        snprintf(wal, sizeof wal, "%s-wal", db);
        snprintf(shm, sizeof shm, "%s-shm", db);
        remove(wal);
        remove(shm);
    }
    {
        const char *args[] = {"--scenario", scenario, "--out", data, "--seed", seed, "-q", NULL};
        rc = step(&cli_cmd_simulate, "simulating the scenario", args);
    }
    /* Each file is its own source, as an investigator would keep them:
     * source_diff compares what OpenSky and the raw receivers saw with what
     * Flightradar24 shows. */
    for (i = 0; rc == CLI_OK && i < sizeof feeds / sizeof feeds[0]; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", data, feeds[i].file);
        {
            const char *args[] = {"--db", db, "--source", feeds[i].source, "--quiet", path, NULL};
            rc = step(&cli_cmd_ingest, feeds[i].what, args);
        }
    }
    if (rc == CLI_OK) {
        char path[4200];
        snprintf(path, sizeof path, "%s/aircraft.csv", data);
        {
            const char *args[] = {"--db", db, "--aircraft", path, NULL};
            rc = step(&cli_cmd_ref, "loading the aircraft database", args);
        }
    }
    if (rc == CLI_OK) {
        const char *args[] = {"--db", db, NULL};
        rc = step(&cli_cmd_detect, "running the detectors", args);
    }
    if (rc == CLI_OK) {
        const char *args[] = {"--db", db, "--out", html, NULL};
        rc = step(&cli_cmd_report, "writing the report", args);
    }
    if (rc != CLI_OK) {
        return rc;
    }
    rc = print_counts(db);
    if (rc == CLI_OK) {
        printf("report: %s\n", html);
    }
    return rc;
}

const struct cli_command cli_cmd_demo = {
    "demo",
    "[--out DIR] [--seed N]",
    "simulate, ingest, detect and report, offline",
    "Runs the whole chain on a generated scenario with no network and prints\n"
    "the events found by type and where the report is.",
    opts,
    run,
    8,
};
