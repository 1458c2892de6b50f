/*
 * cli_int.h - private to src/cli: the command table and option parsing.
 *
 * Every command is one struct cli_command defined in its own cmd_<name>.c.
 * The same tables drive argument parsing, `--help`, `help <command>` and the
 * man page (`help --man` writes docs/ghosttrack.1), so the three cannot drift
 * apart (curl's cmdline-opts idea).
 */
#ifndef GT_CLI_INT_H
#define GT_CLI_INT_H

#include <stdint.h>
#include <stdio.h>

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/err.h"
#include "ghosttrack/store.h"

#define CLI_MAX_OPTS 32 /* options per command */

/* Exit codes of the program. */
enum cli_exit {
    CLI_OK = 0,   /* success */
    CLI_FAIL = 1, /* failure: I/O, database, or nothing could be done */
    CLI_USAGE = 2 /* usage error, or a command that is not available yet */
};

/* One option of a command. */
struct cli_opt {
    const char *name; /* long name without "--" */
    char short_name;  /* single-letter alias, 0 for none */
    const char *arg;  /* argument placeholder ("FILE"), NULL for a flag */
    const char *help; /* one line, lower case, no full stop */
};

struct cli_args;

/* One command. */
struct cli_command {
    const char *name;           /* "decode" */
    const char *synopsis;       /* arguments after the name: "[--gpsd] FILE...|-" */
    const char *summary;        /* one line for the command list */
    const char *description;    /* paragraph(s) for help and the man page, may be NULL */
    const struct cli_opt *opts; /* terminated by an entry with name == NULL */
    int (*run)(const struct cli_command *cmd, struct cli_args *a); /* NULL: not available yet */
    int issue; /* the issue that tracks it while run is NULL */
};

/* Parsed arguments of one command invocation. */
struct cli_args {
    const char *val[CLI_MAX_OPTS]; /* last value given for each option, by index in opts */
    int count[CLI_MAX_OPTS];       /* times each option was given */
    char **pos;                    /* positional arguments (borrowed from argv) */
    int npos;                      /* how many */
};

/* Parse argv[0..argc) (argv[0] is the command name) against cmd's options.
 * Accepts --name, --name=value, --name value, -x, -x value, -xvalue, and
 * "--" to end options; "-" alone is positional.  --help/-h sets the special
 * "help" option.  Returns CLI_OK, or CLI_USAGE after printing an error. */
int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a);

/* Return the value of option `name`, or NULL when it was not given. */
const char *cli_get(const struct cli_command *cmd, const struct cli_args *a, const char *name);

/* Return how many times option `name` was given (flags). */
int cli_has(const struct cli_command *cmd, const struct cli_args *a, const char *name);

/* Print "usage: ghosttrack NAME SYNOPSIS" and the option table to f. */
void cli_print_command_help(const struct cli_command *cmd, FILE *f);

/* Report a usage error in git's style and return CLI_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Report a failure ("ghosttrack: cannot open 'x'") on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The command table, in the order --help lists it; NULL-terminated. */
extern const struct cli_command *const cli_commands[];

/* `ghosttrack decode` is one command over two decoder families; cmd_decode.c
 * sniffs each input and hands it to one of these (decode_ais.c,
 * decode_modes.c).  *_sniff returns a confidence 0..100 that the first n
 * bytes p of an input are in that family's formats.  *_run decodes the
 * inputs paths[0..npaths) ("-" is stdin) and returns a CLI exit code. */
int cli_decode_ais_sniff(const unsigned char *p, size_t n);
int cli_decode_ais_run(const struct cli_command *cmd, struct cli_args *a, char **paths, int npaths);
int cli_decode_modes_sniff(const unsigned char *p, size_t n);
int cli_decode_modes_run(const struct cli_command *cmd, struct cli_args *a, char **paths,
                         int npaths);

/* Generate scenario `scenario` (NULL: the default) with `seed` into the
 * folder dir, creating it and its subfolders; unless quiet, print one line
 * per file written.  Used by `simulate` and `demo`.  Returns a CLI exit
 * code (errors are printed). */
int cli_simulate_to_dir(const char *scenario, uint64_t seed, const char *dir, int quiet);

/* Helpers of the store commands (store_cli.c). */
struct gt_store;

/* The --db value, or "ghosttrack.db". */
const char *cli_db_path(const struct cli_command *cmd, const struct cli_args *a);

/* Open the store at path (flags as gt_store_open); prints the error and
 * returns CLI_FAIL, or CLI_OK with *st set. */
int cli_open_store(const char *path, unsigned flags, struct gt_store **st);

/* Parse a time given on the command line: ISO 8601 or epoch seconds of at
 * least 9 digits (gt_time_parse otherwise).  Returns 0, or -1 when v is not
 * a time. */
int cli_parse_time(const char *v, int64_t *t);

/* Parse time option `name` into *t (GT_TIME_NONE when absent).  Returns
 * CLI_OK or CLI_USAGE after printing. */
int cli_time_opt(const struct cli_command *cmd, const struct cli_args *a, const char *name,
                 int64_t *t);

/* Parse --bbox S,W,N,E into v[4].  Returns CLI_OK or CLI_USAGE after printing. */
int cli_bbox_opt(const struct cli_command *cmd, const char *s, double v[4]);

/* Write n bytes of output for a person (a table, a summary) to standard
 * output with every control character from the data shown as U+FFFD
 * (gt_esc_term): an ESC in a stored name cannot reach the terminal.  A
 * UTF-8 sequence cut between two calls is completed by the next one.
 * Returns GT_OK, GT_ERR_NOMEM or GT_ERR_IO. */
int cli_put_table(const char *p, size_t n);

/* Write n bytes of a data format (NDJSON, CSV, KML, ...) to standard
 * output: unchanged into a file or pipe, as cli_put_table() when standard
 * output is a terminal. */
int cli_put(const char *p, size_t n);

/* gt_export_write_fn writing to standard output (cli_put). */
int cli_write_stdout(void *ud, const char *p, size_t n);

struct gt_store_filter;

/* Load the positions f selects from st and write them to stdout in format
 * fmt (an enum gt_export_format) with flags (enum gt_export_flags).  Errors
 * name what was loaded (loading, "positions") and what was written
 * (writing, "the export").  Prints errors; returns a CLI exit code. */
int cli_export_positions(struct gt_store *st, const struct gt_store_filter *f, int fmt,
                         unsigned flags, const char *loading, const char *writing);

/* Read --geometry (both, points, lines) into export flags added to *flags.
 * Prints a usage error and returns CLI_USAGE for any other value. */
int cli_geometry_opt(const struct cli_command *cmd, const struct cli_args *a, unsigned *flags);

/* Commands, one per cmd_<name>.c. */
extern const struct cli_command cli_cmd_decode;
extern const struct cli_command cli_cmd_ingest;
extern const struct cli_command cli_cmd_detect;
extern const struct cli_command cli_cmd_events;
extern const struct cli_command cli_cmd_track;
extern const struct cli_command cli_cmd_export;
extern const struct cli_command cli_cmd_flights;
extern const struct cli_command cli_cmd_diff;
extern const struct cli_command cli_cmd_stats;
extern const struct cli_command cli_cmd_ref;
extern const struct cli_command cli_cmd_report;
extern const struct cli_command cli_cmd_simulate;
extern const struct cli_command cli_cmd_demo;
extern const struct cli_command cli_cmd_watch;

/* Write the HTML report of the whole store at db to the file out, titled
 * title (NULL: "ghosttrack report"), as `ghosttrack report --db DB --out
 * OUT` does but without printing the path (cmd_report.c; for the demo).
 * Prints errors; returns a CLI exit code. */
int cli_report_write(const char *db, const char *out, const char *title);

/* ---- what `flights`, `diff` and `detect` share (air_common.c): opening
 * the store and loading the aviation reference data from it (or the
 * built-in airports when none was loaded) ---- */

/* Reference data of one command run. */
struct cli_air_ref {
    struct gt_airports *airports;   /* from the store, else installed, else built in */
    struct gt_aircraftdb *aircraft; /* from the store, or NULL */
    int installed;                  /* 1 when airports is the installed table */
};

/* Load the aviation reference data from an open store st: the airports
 * blob (kind "airports", an OurAirports CSV) or, when absent or unusable,
 * the installed table (refdata.h), else the built-in one; the aircraft blob (kind "aircraft") or
 * none. Problems are reported on stderr; returns CLI_OK, or CLI_FAIL when out of memory.  The
 * `detect` command calls this and puts ref->airports and ref->aircraft into its struct gt_ref;
 * release with cli_air_ref_release().
 */
int cli_air_ref_load(struct gt_store *st, struct cli_air_ref *ref);

/* Free the reference data loaded by cli_air_ref_load(). */
void cli_air_ref_release(struct cli_air_ref *ref);

/* Open the store at db (NULL: ./ghosttrack.db) read-only and load the
 * reference data.  Prints the error and returns CLI_FAIL on failure;
 * CLI_OK otherwise (then release with cli_air_close()). */
int cli_air_open(const char *db, struct gt_store **st, struct cli_air_ref *ref);

/* Close the store and free the reference data. */
void cli_air_close(struct gt_store *st, struct cli_air_ref *ref);

/* ---- `ghosttrack watch`: cmd_watch.c (options, the command, delivery)
 * and watch_live.c (polling the live sources) ---- */

/* Alerts (and delivery marks) waiting make a commit at most this often:
 * each commit rewrites a page per identity the batch touched, so with
 * thousands of vessels a commit per alert would cost more than the feed;
 * an alert waits at most this long for its batch. */
#define CLI_WATCH_COMMIT_GAP_MS 200

/* Set by SIGINT and SIGTERM: stop watching. */
extern volatile int cli_watch_stop_flag;

/* An alert kept and committed-to-be, waiting to be pushed. */
struct queued {
    char id[20];
    char *json;
    size_t n;
};

/* One live source. */
struct src {
    const char *name;
    struct gt_ingest *in;
    int fd, udp, is_stdin;
    char host[256], port[32];
    unsigned attempt;
    int64_t retry_at;
    struct gt_follow *fw; /* a followed file */
    uint8_t *part;        /* a followed file's bytes after the last newline */
    size_t npart;
    char key[300]; /* state key of its resume point */
};

struct ctx {
    struct gt_store *st;
    struct gt_watch *w;
    struct gt_deliver *d;
    struct gt_ingest *cur; /* the pipeline being fed */
    struct queued *q;
    size_t nq, capq;
    char **done;
    size_t ndone, capdone;
    struct src *srcs;
    int nsrcs;
    int fail;
    uint64_t pushed, records;
    /* --replay pacing */
    double speed;
    int64_t base_data, base_wall;
    int64_t last_record_mono;
    int64_t last_commit_mono; /* when the last batch committed */
};

int64_t cli_watch_mono_ms(void);

int64_t cli_watch_wall_ms(void);

int cli_watch_on_commit(void *ud, int before);

struct gt_ingest_opts;

int cli_watch_open_source(struct ctx *c, struct src *s, const struct gt_ingest_opts *o);

int cli_watch_run_live(struct ctx *c);

#endif /* GT_CLI_INT_H */
