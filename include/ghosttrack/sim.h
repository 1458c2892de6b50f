/*
 * sim.h - deterministic scenario generator with known truth.
 *
 * A scenario is a small world (ships, aircraft, receiving stations,
 * coverage holes) scripted over a few days.  gt_sim_run() moves every
 * entity through its script, decides which receiver hears which report, and
 * writes the result in the real input formats ghosttrack reads (AIS NMEA
 * with tag blocks, MarineCadastre CSV, OpenSky state vectors, Flightradar24
 * CSVs, raw Mode S frames, an aircraft database CSV) together with
 * truth.json, the list of every event it planted (and of the decoys that
 * look like events but are not), and a README.txt describing the files.
 *
 * Output goes through a caller-given sink, so tests can generate a scenario
 * in memory and the CLI can write it to a folder.  Nothing reads the clock:
 * the same scenario and seed give byte-identical files.
 */
#ifndef GT_SIM_H
#define GT_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

/* The sink: write n bytes p to the file `file`, a relative path with '/'
 * separators (e.g. "ais.nmea", "fr24/IBE6673_2d0f1a.csv").  Every file is
 * delivered in one call, in a fixed order.  Return GT_OK, or a negative
 * error to stop the generator, which then returns that error. */
typedef int gt_sim_write_fn(void *ud, const char *file, const void *p, size_t n);

/* Default scenario of gt_sim_run() when name is NULL. */
#define GT_SIM_DEFAULT "venezuela-2019"

/* Return the number of bundled scenarios. */
size_t gt_sim_scenario_count(void);

/* Return the name of scenario i ("venezuela-2019"), or NULL when i is out
 * of range.  Static storage. */
const char *gt_sim_scenario_name(size_t i);

/* Return the one-line summary of scenario i, or NULL.  Static storage. */
const char *gt_sim_scenario_summary(size_t i);

/* Generate scenario `name` (NULL: GT_SIM_DEFAULT) with random seed `seed`
 * and hand every file to write(ud, ...).  Returns GT_OK, GT_ERR_NOTFOUND for
 * an unknown scenario, GT_ERR_NOMEM, or the sink's error. */
GT_MUST_CHECK int gt_sim_run(const char *name, uint64_t seed, gt_sim_write_fn *write, void *ud);

#endif /* GT_SIM_H */
