/*
 * cmd_simulate.c - `ghosttrack simulate`: generate a scenario with known truth.
 *
 * The generator lives in the library (ghosttrack/sim.h) and writes
 * through a sink; this file supplies the sink that creates the output
 * folder (and its fr24/ subfolder) and writes each file, and prints one
 * line per file written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_int.h"
#include "ghosttrack/sim.h"

static const struct cli_opt opts[] = {
    {"scenario", 0, "NAME", "scenario to generate (default venezuela-2019)"},
    {"out", 'o', "DIR", "folder to write inputs and truth.json into"},
    {"seed", 0, "N", "random seed (default 1)"},
    {"list", 0, NULL, "list the bundled scenarios and exit"},
    {"quiet", 'q', NULL, "do not list the files written"},
    {NULL, 0, NULL, NULL},
};

struct sink {
    const char *dir; /* output folder */
    int quiet;       /* 1: do not list the files written */
};

static int make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        return 0;
    }
    return -1;
}

/* Write one generated file under dir, creating intermediate folders. */
static int write_file(void *ud, const char *file, const void *p, size_t n)
{
    struct sink *s = ud;
    char path[4096];
    char *slash;
    FILE *f;
    int len = snprintf(path, sizeof path, "%s/%s", s->dir, file);

    if (len < 0 || (size_t)len >= sizeof path) {
        cli_error("path too long: '%s/%s'", s->dir, file);
        return GT_ERR_INVAL;
    }
    for (slash = strchr(path + strlen(s->dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (make_dir(path) < 0) {
            cli_error("cannot create '%s': %s", path, strerror(errno));
            return GT_ERR_IO;
        }
        *slash = '/';
    }
    f = fopen(path, "wb");
    if (f == NULL) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return GT_ERR_IO;
    }
    if (fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        cli_error("cannot write '%s'", path);
        return GT_ERR_IO;
    }
    if (!s->quiet) {
        printf("%s\t%zu bytes\n", path, n);
    }
    return GT_OK;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *name = cli_get(cmd, a, "scenario"), *out = cli_get(cmd, a, "out");
    const char *seed_s = cli_get(cmd, a, "seed");
    unsigned long long seed = 1;
    size_t i;

    if (cli_has(cmd, a, "list")) {
        for (i = 0; i < gt_sim_scenario_count(); i++) {
            printf("%-16s %s\n", gt_sim_scenario_name(i), gt_sim_scenario_summary(i));
        }
        return CLI_OK;
    }
    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (out == NULL) {
        return cli_usage_error(cmd, "missing --out DIR");
    }
    if (seed_s != NULL) {
        char *end;
        errno = 0;
        seed = strtoull(seed_s, &end, 10);
        if (errno != 0 || end == seed_s || *end != '\0' || seed_s[0] == '-') {
            return cli_usage_error(cmd, "bad --seed '%s': expected a non-negative integer", seed_s);
        }
    }
    if (name == NULL) {
        name = GT_SIM_DEFAULT;
    }
    for (i = 0; i < gt_sim_scenario_count(); i++) {
        if (strcmp(gt_sim_scenario_name(i), name) == 0) {
            break;
        }
    }
    if (i == gt_sim_scenario_count()) {
        return cli_usage_error(cmd, "unknown scenario '%s' (see --list)", name);
    }
    return cli_simulate_to_dir(name, (uint64_t)seed, out, cli_has(cmd, a, "quiet"));
}

int cli_simulate_to_dir(const char *scenario, uint64_t seed, const char *dir, int quiet)
{
    struct sink s;
    int rc;

    if (make_dir(dir) < 0) {
        cli_error("cannot create '%s': %s", dir, strerror(errno));
        return CLI_FAIL;
    }
    s.dir = dir;
    s.quiet = quiet;
    rc = gt_sim_run(scenario, seed, write_file, &s);
    if (rc < 0) {
        if (rc != GT_ERR_IO) {
            cli_error("simulate: %s", gt_strerror(rc));
        }
        return CLI_FAIL;
    }
    return CLI_OK;
}

const struct cli_command cli_cmd_simulate = {
    "simulate",
    "--scenario NAME --out DIR [--seed N]",
    "generate a scenario with known truth",
    "Writes realistic inputs (AIS NMEA with tag blocks, MarineCadastre CSV,\n"
    "OpenSky state vectors, Flightradar24 CSVs, raw Mode S frames, an aircraft\n"
    "database) and truth.json, the events planted and the decoys, into DIR.\n"
    "The same scenario and seed always give byte-identical files.",
    opts,
    run,
    8,
};
