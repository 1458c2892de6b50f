/*
 * cmd_ingest.c - `ghosttrack ingest`: store any source in the evidence
 * database, with provenance.
 *
 * Files, directories (recursively) and standard input go through
 * gt_ingest_path(); live sources (tcp://HOST:PORT, udp://[HOST]:PORT) are
 * read here, since only cli may sleep and read the clock: TCP reconnects
 * with exponential back-off (0.5 s doubling to 30 s), and the pipeline is
 * flushed once a second.  SIGINT/SIGTERM commit what was received and end
 * the command cleanly.  A progress line goes to stderr when it is a
 * terminal; the summary of accepted and rejected records always does.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "ghosttrack/import.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/io.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"source", 0, "NAME", "name of the feed these records come from"},
    {"format", 'f', "F", "input format (default: detected from content; 'list' lists them)"},
    {"station", 0, "NAME", "receiver or station the records were received by"},
    {"rx", 0, "CLASS", "receiver class of the station: terrestrial or satellite"},
    {"subject", 0, "ID", "identity for formats without one (FR24 CSV): icao:XXXXXX"},
    {"batch", 0, "N", "records per transaction (default 500000)"},
    {"force", 0, NULL, "re-ingest inputs already stored, replacing their records"},
    {"start-time", 0, "T",
     "when the recording began (ISO 8601 or epoch seconds), for Beast/AVR captures that carry "
     "only the receiver's clock"},
    {"assume-line-rate", 0, "N",
     "with --start-time: place AIS NMEA lines that carry no time at N lines per second (a "
     "guess)"},
    {"columns", 0, "MAP",
     "CSV column mapping key=COLUMN,... (keys: mmsi icao time lat lon speed course heading alt "
     "name imo callsign shiptype draught destination class length width squawk msgtype); "
     "implies "
     "--format csv"},
    {"quiet", 'q', NULL, "no progress line and no summary"},
    {NULL, 0, NULL, NULL},
};

static volatile int stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts;

    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (!stop_flag && nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

struct progress {
    int64_t start_ms, last_ms;
};

static double ratio(uint64_t a, uint64_t b)
{
    return b > 0 ? (double)a / (double)b : 0.0;
}

static void on_progress(void *ud, const char *path, uint64_t done, uint64_t total)
{
    struct progress *p = ud;
    int64_t t = now_ms();
    double secs, rate;

    if (t - p->last_ms < 250) {
        return;
    }
    p->last_ms = t;
    secs = (double)(t - p->start_ms) / 1000.0;
    rate = secs > 0 ? (double)done / secs : 0.0;
    if (total > 0 && done <= total && rate > 0) {
        fprintf(stderr, "\r%s: %.1f MB of %.1f MB, %.1f MB/s, ETA %.0f s   ", path,
                (double)done / 1e6, (double)total / 1e6, rate / 1e6, (double)(total - done) / rate);
    } else {
        fprintf(stderr, "\r%s: %.1f MB, %.1f MB/s   ", path, (double)done / 1e6, rate / 1e6);
    }
}

static void summary(const struct gt_ingest_stats *s)
{
    size_t i;

    fprintf(stderr,
            "ingest: %llu files stored (%llu resumed, %llu replaced), %llu already stored, %llu "
            "stored nothing, %llu bytes\n",
            (unsigned long long)s->files, (unsigned long long)s->files_resumed,
            (unsigned long long)s->files_replaced, (unsigned long long)s->files_known,
            (unsigned long long)s->files_failed, (unsigned long long)s->bytes);
    fprintf(stderr, "accepted: %llu positions, %llu identity facts, %llu duplicates ignored\n",
            (unsigned long long)s->positions, (unsigned long long)s->facts,
            (unsigned long long)s->duplicates);
    fprintf(stderr, "rejected: %llu\n", (unsigned long long)s->rejected);
    for (i = 0; i < s->nreasons; i++) {
        fprintf(stderr, "  %-24s %llu\n", s->reasons[i].reason,
                (unsigned long long)s->reasons[i].count);
    }
    (void)ratio;
}

/* What the files of one named input gave. */
struct named {
    int quiet;
    uint64_t stored, known, failed;
};

/* Why an input stored nothing, and what to do about it. */
static const char *failure_hint(const struct gt_ingest_report *r)
{
    const char *why = r->reason != NULL ? r->reason : "";

    if (strcmp(why, "unknown-format") == 0) {
        return "no format recognised; name it with --format (see 'ghosttrack ingest --format "
               "list')";
    }
    if (strcmp(why, "unreadable-file") == 0) {
        return "cannot read it";
    }
    if (strcmp(why, "empty-input") == 0) {
        return "it is empty";
    }
    if (strcmp(why, "dangling-symlink") == 0) {
        return "skipped: a symbolic link to nothing";
    }
    if (strcmp(why, "symlink-loop") == 0) {
        return "skipped: a symbolic link that loops";
    }
    if (strcmp(why, "unreadable-folder") == 0 || strcmp(why, "unreadable-entry") == 0) {
        return "skipped: cannot read it";
    }
    if (strcmp(why, "folder-cycle") == 0) {
        return "skipped: a folder already read (a link back up or a second link to it)";
    }
    if (strcmp(why, "folder-too-deep") == 0) {
        return "skipped: more than 32 folders deep";
    }
    if (strcmp(why, "no-clock-anchor") == 0) {
        return "its frames carry only the receiver's 12 MHz clock, no date: give --start-time T "
               "(when the recording began) or keep the recorder's start epoch in the file name "
               "(...-utc--1522782148.136310917--.log)";
    }
    if (strcmp(why, "no-time") == 0 && r->format != NULL && strcmp(r->format, "modes") == 0) {
        return "its frames carry no time stamp at all (AVR '*...;' lines, SBS without dates); "
               "record with time stamps (Beast, AVR '@', SBS with dates)";
    }
    if (strcmp(why, "no-date") == 0) {
        return "its frames carry a GPS time of day but no date: give --start-time T (the day the "
               "recording began) or keep the recorder's start epoch in the file name "
               "(...-utc--1522782148.136310917--.log)";
    }
    if (strcmp(why, "no-time") == 0) {
        return "its sentences carry no time (no tag block c:, $PGHP, USCG suffix, ZDA or RMC); "
               "re-time the log, or accept a guess with --start-time T --assume-line-rate N "
               "(docs/FORMATS.md, \"Untimed recordings\")";
    }
    if (r->rejected == 0) {
        return "it holds no records";
    }
    return "every record was rejected; is --format right?";
}

static void on_input(void *ud, const struct gt_ingest_report *r)
{
    struct named *nm = ud;

    if (r->outcome == GT_INGEST_KNOWN) {
        nm->known++;
        return;
    }
    if (r->outcome == GT_INGEST_FAILED) {
        nm->failed++;
        if (r->format != NULL && r->reason != NULL && r->rejected > 0) {
            cli_error("'%s' stored nothing (read as %s: %llu of %llu records rejected as %s): %s",
                      r->path, r->format != NULL ? r->format : "unknown",
                      (unsigned long long)r->reason_count, (unsigned long long)r->rejected,
                      r->reason, failure_hint(r));
        } else {
            cli_error("'%s' stored nothing: %s", r->path, failure_hint(r));
        }
        if (r->kept) {
            cli_error("'%s': the records stored from it before are kept", r->path);
        }
        return;
    }
    nm->stored++;
    if (r->untimed > 0) {
        int modes = r->format != NULL && strcmp(r->format, "modes") == 0;
        fprintf(stderr,
                "ghosttrack: warning: '%s': %llu records carry no time and were not stored; "
                "%s, with --force to read the file again (docs/FORMATS.md, \"Untimed "
                "recordings\")\n",
                r->path, (unsigned long long)r->untimed,
                modes ? "give --start-time or the recorder's start epoch in the file name"
                      : "re-time the log, or accept a guess with --start-time T "
                        "--assume-line-rate N");
    }
    if (!nm->quiet && r->rejected > 0) {
        fprintf(stderr,
                "ghosttrack: warning: '%s': %llu records rejected (%llu as %s), %llu positions "
                "and %llu identity facts stored\n",
                r->path, (unsigned long long)r->rejected, (unsigned long long)r->reason_count,
                r->reason, (unsigned long long)r->positions, (unsigned long long)r->facts);
    }
}

/* Read a live source until interrupted.  Unless --start-time was given,
 * Beast/AVR receiver clocks are anchored to this machine's clock at each
 * connection (the frames are being received now). */
static int run_live(struct gt_ingest *in, const char *url, int clock_anchor)
{
    char host[256], port[sizeof host];
    unsigned char buf[65536];
    int udp, fd = -1, rc, connected = 0;
    unsigned attempt = 0;
    int64_t last_flush = now_ms();

    if (gt_io_parse_url(url, &udp, host, port, sizeof host) < 0) {
        cli_error("invalid live source '%s': expected tcp://HOST:PORT or udp://:PORT", url);
        return CLI_USAGE;
    }
    if (clock_anchor) {
        gt_ingest_set_start_time(in, wall_ms());
    }
    rc = gt_ingest_stream_open(in, url);
    if (rc < 0) {
        cli_error("cannot record stream '%s': %s", url, gt_ingest_errmsg(in));
        return CLI_FAIL;
    }
    if (udp && gt_io_udp_listen(host, port, &fd) < 0) {
        cli_error("cannot listen on '%s'", url);
        return CLI_FAIL;
    }
    while (!stop_flag) {
        int r;
        if (fd < 0) {
            int crc = gt_io_tcp_connect(host, port, &fd);
            if (crc == GT_ERR_NOTFOUND && !connected) {
                /* a name that does not resolve is a typo until it has
                 * worked once; later, a lookup failure is retried */
                cli_error("cannot connect to '%s': unknown host '%s'", url, host);
                if (gt_ingest_stream_close(in) < 0) {
                    cli_error("cannot commit '%s': %s", url, gt_ingest_errmsg(in));
                }
                return CLI_FAIL;
            }
            if (crc < 0) {
                int64_t d = gt_io_backoff_ms(attempt++, 30000);
                fprintf(stderr, "ghosttrack: cannot connect to %s:%s, retrying in %.1f s\n", host,
                        port, (double)d / 1000.0);
                sleep_ms(d);
                continue;
            }
            attempt = 0;
            connected = 1;
            if (clock_anchor) {
                gt_ingest_set_start_time(in, wall_ms());
            }
        }
        r = gt_io_wait(fd, 200);
        if (r > 0) {
            r = gt_io_recv(fd, buf, sizeof buf);
            if (r > 0) {
                rc = gt_ingest_stream_feed(in, buf, (size_t)r);
            } else if (!udp) {
                /* Closed or failed: keep what we have and reconnect. */
                gt_io_fd_close(fd);
                fd = -1;
                rc = gt_ingest_stream_reset(in);
                fprintf(stderr, "ghosttrack: connection to %s:%s lost, reconnecting\n", host, port);
                sleep_ms(gt_io_backoff_ms(attempt++, 30000));
            }
        }
        if (rc == GT_OK && now_ms() - last_flush >= 1000) {
            rc = gt_ingest_flush(in);
            last_flush = now_ms();
        }
        if (rc < 0) {
            cli_error("ingest of '%s' failed: %s", url, gt_ingest_errmsg(in));
            gt_io_fd_close(fd);
            return CLI_FAIL;
        }
    }
    gt_io_fd_close(fd);
    if (gt_ingest_stream_close(in) < 0) {
        cli_error("cannot commit '%s': %s", url, gt_ingest_errmsg(in));
        return CLI_FAIL;
    }
    return CLI_OK;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_ingest_opts o;
    struct gt_store *st = NULL;
    struct gt_ingest *in = NULL;
    struct progress prog;
    struct named nm;
    const char *v;
    int i, rc, ret = CLI_OK, failed = 0, quiet = cli_has(cmd, a, "quiet");

    memset(&o, 0, sizeof o);
    v = cli_get(cmd, a, "format");
    if (v != NULL && strcmp(v, "list") == 0) {
        const struct gt_ingest_format *f;
        for (f = gt_ingest_formats(); f->name != NULL; f++) {
            printf("%-16s %s\n", f->name, f->description);
        }
        return CLI_OK;
    }
    if (a->npos == 0) {
        return cli_usage_error(cmd, "nothing to ingest: give files, directories, - or a URL");
    }
    o.format = v;
    o.source = cli_get(cmd, a, "source");
    o.station = cli_get(cmd, a, "station");
    v = cli_get(cmd, a, "rx");
    if (v != NULL) {
        if (strcmp(v, "terrestrial") == 0) {
            o.rx = GT_RX_TERRESTRIAL;
        } else if (strcmp(v, "satellite") == 0) {
            o.rx = GT_RX_SATELLITE;
        } else {
            return cli_usage_error(cmd, "invalid receiver class '%s'", v);
        }
    }
    v = cli_get(cmd, a, "subject");
    if (v != NULL && gt_ident_parse(v, strlen(v), &o.subject) < 0) {
        return cli_usage_error(cmd, "invalid subject '%s': expected icao:XXXXXX or mmsi:N", v);
    }
    v = cli_get(cmd, a, "batch");
    if (v != NULL) {
        char *end;
        unsigned long n = strtoul(v, &end, 10);
        if (*end != '\0' || n == 0 || n > 10000000) {
            return cli_usage_error(cmd, "invalid batch size '%s'", v);
        }
        o.batch = n;
    }
    v = cli_get(cmd, a, "start-time");
    if (v != NULL) {
        int64_t t;
        if (cli_parse_time(v, &t) != 0 || t <= 0) {
            return cli_usage_error(
                cmd, "invalid start time '%s': expected ISO 8601 or epoch seconds", v);
        }
        o.start_ms = t;
    }
    v = cli_get(cmd, a, "assume-line-rate");
    if (v != NULL) {
        char *end;
        double r = strtod(v, &end);
        if (*end != '\0' || !(r > 0.0 && r <= 1e6)) {
            return cli_usage_error(cmd, "invalid line rate '%s': lines per second", v);
        }
        if (o.start_ms == 0) {
            return cli_usage_error(cmd, "--assume-line-rate needs --start-time");
        }
        o.line_rate = r;
    }
    v = cli_get(cmd, a, "columns");
    if (v != NULL) {
        struct gt_csv_import *imp = gt_csv_import_new(NULL, NULL, NULL);
        if (imp == NULL) {
            cli_error("out of memory");
            return CLI_FAIL;
        }
        if (gt_csv_import_set_columns(imp, v) < 0) {
            int urc = cli_usage_error(cmd, "invalid --columns: %s", gt_csv_import_errmsg(imp));
            gt_csv_import_free(imp);
            return urc;
        }
        gt_csv_import_free(imp);
        if (o.format == NULL) {
            o.format = "csv";
        } else if (strcmp(o.format, "csv") != 0 && strcmp(o.format, "ais-csv") != 0) {
            return cli_usage_error(cmd, "--columns applies to --format csv, not '%s'", o.format);
        }
        o.columns = v;
    }
    o.force = cli_has(cmd, a, "force");
    o.db_path = cli_db_path(cmd, a);
    o.on_input = on_input;
    o.on_input_ud = &nm;
    nm.quiet = quiet;
    if (o.format != NULL && gt_ingest_format_find(o.format) == NULL) {
        return cli_usage_error(cmd, "unknown format '%s'; see 'ghosttrack ingest --format list'",
                               o.format);
    }
    /* a malformed live source is a usage error before anything is opened,
     * not a connection retried for ever (issue #15, item 13) */
    for (i = 0; i < a->npos; i++) {
        char host[256], port[sizeof host];
        int udp;
        if ((strncmp(a->pos[i], "tcp://", 6) == 0 || strncmp(a->pos[i], "udp://", 6) == 0) &&
            gt_io_parse_url(a->pos[i], &udp, host, port, sizeof host) < 0) {
            return cli_usage_error(cmd,
                                   "invalid live source '%s': expected tcp://HOST:PORT or "
                                   "udp://[HOST]:PORT, PORT from 1 to 65535",
                                   a->pos[i]);
        }
    }
    o.stop = &stop_flag;
    prog.start_ms = prog.last_ms = now_ms();
    if (!quiet && isatty(2)) {
        o.progress = on_progress;
        o.progress_ud = &prog;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_CREATE, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    rc = gt_ingest_new(st, &o, &in);
    if (rc < 0) {
        cli_error("cannot start ingest: %s", gt_ingest_errmsg(in));
        gt_ingest_free(in);
        gt_store_close(st);
        return CLI_FAIL;
    }
    for (i = 0; i < a->npos && ret == CLI_OK && !stop_flag; i++) {
        const char *p = a->pos[i];
        if (strncmp(p, "tcp://", 6) == 0 || strncmp(p, "udp://", 6) == 0) {
            ret = run_live(in, p, o.start_ms == 0);
            if (o.start_ms == 0) {
                gt_ingest_set_start_time(in, 0); /* not for the files that follow */
            }
            continue;
        }
        nm.stored = nm.known = nm.failed = 0;
        rc = gt_ingest_path(in, p);
        if (rc == GT_ERR_EOF) {
            break;
        }
        if (rc < 0) {
            cli_error("cannot ingest '%s': %s", p, gt_ingest_errmsg(in));
            ret = CLI_FAIL;
        } else if (nm.stored + nm.known == 0) {
            /* a named input that gave nothing fails the command; inputs
             * below it are reported one by one above */
            if (nm.failed == 0) {
                cli_error("'%s' holds no files", p);
            }
            failed = 1;
        }
    }
    if (o.progress != NULL) {
        fputs("\r\033[K", stderr);
    }
    if (!quiet) {
        summary(gt_ingest_stats(in));
        if (stop_flag) {
            fputs("ingest: interrupted; everything received so far is stored\n", stderr);
        }
    }
    gt_ingest_free(in);
    gt_store_close(st);
    return ret == CLI_OK && failed ? CLI_FAIL : ret;
}

const struct cli_command cli_cmd_ingest = {
    "ingest",
    "[--db DB] [--source NAME] [--format F] [--force] [--start-time T] "
    "PATH...|-|tcp://HOST:PORT|udp://:PORT",
    "store any source in the evidence database, with provenance",
    "Each input's format is detected from its content (--format list shows the handlers); "
    "gzip is read transparently and directories recursively, in sorted order.  A file whose "
    "content is already stored is skipped (--force re-ingests it, replacing its records), and an "
    "interrupted ingest is completed by running the same command again.  An input from which "
    "nothing could be stored (unknown format, every record rejected, no time) is reported and "
    "not recorded as stored, so the right command stores it later; the exit status is 1 when a "
    "named input stored nothing.  Beast and AVR captures carry only the receiver's clock: their "
    "times are anchored to --start-time or to the epoch the recorder put in the file name "
    "(...-utc--EPOCH--...), and refused without one.  Live sources are read until Ctrl-C, "
    "reconnecting with back-off.",
    opts,
    run,
    5,
};
