/*
 * ingest.c - the ingest pipeline: format detection by content, the table
 * of format handlers, line/chunk/document framing, provenance, batched
 * and resumable writes into the store.  The handler contract and the
 * crash-safety rule are described in include/ghosttrack/ingest.h.
 */
#include "ghosttrack/ingest.h"
#include "ingest_int.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/hash.h"
#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"

#define SNIFF_MAX    (64u * 1024u)
#define CHUNK        (256u * 1024u)
#define LINE_MAX_B   (1u << 20)
#define DOC_MAX_B    (512u << 20)
#define STREAM_SNIFF 4096u
#define STDIN_SPOOL  (256u << 20)

/* ---- handlers of the archive formats ---- */

static int sniff_opensky(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_opensky_sniff(p, n);
}

static int sniff_fr24_csv(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_fr24_csv_sniff(p, n);
}

static int sniff_trace(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_readsb_trace_sniff(p, n);
}

static int sniff_aircraft(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_readsb_aircraft_sniff(p, n);
}

static int sniff_fr24_json(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_fr24_json_sniff(p, n);
}

static int sniff_traffic(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_traffic_json_sniff(p, n);
}

static int feed_traffic(void *state, const uint8_t *p, size_t n, uint64_t pos,
                        const struct gt_sink *sink)
{
    (void)state;
    (void)pos;
    return gt_archive_traffic_json(p, n, sink);
}

static int sniff_ndjson(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_ndjson_sniff(p, n);
}

static int csv_open(const struct gt_ingest_ctx *ctx, void **state)
{
    struct gt_archive_csv *c = gt_malloc(sizeof *c);
    struct gt_ident id = ctx->subject;

    if (c == NULL) {
        return GT_ERR_NOMEM;
    }
    if (id.kind == GT_ID_NONE && gt_archive_subject_from_name(ctx->path, &id) < 0 &&
        gt_archive_provisional_subject(ctx->path, &id) < 0) {
        memset(&id, 0, sizeof id);
    }
    gt_archive_csv_init(c, &id);
    *state = c;
    return GT_OK;
}

static void csv_close(void *state)
{
    gt_free(state);
}

static int feed_opensky(void *state, const uint8_t *p, size_t n, uint64_t pos,
                        const struct gt_sink *sink)
{
    return gt_archive_opensky_line(state, p, n, pos, sink);
}

static int feed_fr24_csv(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink)
{
    return gt_archive_fr24_csv_line(state, p, n, pos, sink);
}

static int feed_trace(void *state, const uint8_t *p, size_t n, uint64_t pos,
                      const struct gt_sink *sink)
{
    (void)state;
    (void)pos;
    return gt_archive_readsb_trace(p, n, sink);
}

static int feed_aircraft(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink)
{
    (void)state;
    (void)pos;
    return gt_archive_readsb_aircraft(p, n, sink);
}

static int feed_fr24_json(void *state, const uint8_t *p, size_t n, uint64_t pos,
                          const struct gt_sink *sink)
{
    (void)state;
    (void)pos;
    return gt_archive_fr24_json(p, n, sink);
}

static int feed_ndjson(void *state, const uint8_t *p, size_t n, uint64_t pos,
                       const struct gt_sink *sink)
{
    (void)state;
    return gt_archive_ndjson_line(p, n, pos, sink);
}

/* The handler table.  The AIS (NMEA, MarineCadastre CSV, DMA CSV) and
 * Mode S (AVR, Beast, SBS, OpenSky raw) handlers are added here, one line
 * each, by the decoder modules' owners. */
static const struct gt_ingest_format formats[] = {
    {"opensky-csv", "OpenSky state-vector CSV (time,icao24,lat,lon,...)", GT_INGEST_LINES,
     sniff_opensky, csv_open, feed_opensky, NULL, csv_close},
    {"fr24-csv", "Flightradar24 web CSV (Timestamp,UTC,Callsign,Position,...)", GT_INGEST_LINES,
     sniff_fr24_csv, csv_open, feed_fr24_csv, NULL, csv_close},
    {"readsb-trace", "readsb/tar1090 trace_full JSON", GT_INGEST_DOCUMENT, sniff_trace, NULL,
     feed_trace, NULL, NULL},
    {"readsb-aircraft", "readsb/dump1090 aircraft.json", GT_INGEST_DOCUMENT, sniff_aircraft, NULL,
     feed_aircraft, NULL, NULL},
    {"fr24-json", "Flightradar24 playback JSON", GT_INGEST_DOCUMENT, sniff_fr24_json, NULL,
     feed_fr24_json, NULL, NULL},
    {"traffic-json", "JSON flight records of the Python traffic library (icao24,timestamp,...)",
     GT_INGEST_DOCUMENT, sniff_traffic, NULL, feed_traffic, NULL, NULL},
    {"ndjson", "ghosttrack NDJSON observations (track/export --format ndjson)", GT_INGEST_LINES,
     sniff_ndjson, NULL, feed_ndjson, NULL, NULL},
    {"nmea", "AIS NMEA 0183 (!AIVDM/!AIVDO, tag blocks, USCG and Gatehouse time stamps)",
     GT_INGEST_LINES, gt__ingest_nmea_sniff, gt__ingest_nmea_open, gt__ingest_nmea_feed, NULL,
     gt__ingest_nmea_close},
    {"ais-csv", "AIS archives: MarineCadastre CSV (2017, 2018+, re-export) and DMA CSV",
     GT_INGEST_LINES, gt__ingest_aiscsv_sniff, gt__ingest_aiscsv_open, gt__ingest_aiscsv_feed, NULL,
     gt__ingest_aiscsv_close},
    {"modes", "Mode S frames: AVR, Beast, SBS-1, OpenSky raw CSV, epoch-hex lines", GT_INGEST_BYTES,
     gt__ingest_modes_sniff, gt__ingest_modes_open, gt__ingest_modes_feed, gt__ingest_modes_finish,
     gt__ingest_modes_close},
    {NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

const struct gt_ingest_format *gt_ingest_formats(void)
{
    return formats;
}

const struct gt_ingest_format *gt_ingest_format_find(const char *name)
{
    const struct gt_ingest_format *f;

    for (f = formats; f->name != NULL; f++) {
        if (strcmp(f->name, name) == 0) {
            return f;
        }
    }
    return NULL;
}

const struct gt_ingest_format *gt_ingest_sniff(const uint8_t *p, size_t n, const char *path)
{
    const struct gt_ingest_format *f, *best = NULL;
    int best_score = 0;

    for (f = formats; f->name != NULL; f++) {
        int s = f->sniff(p, n, path);
        if (s > best_score) {
            best_score = s;
            best = f;
        }
    }
    return best;
}

/* ---- the pipeline ---- */

struct gt_ingest {
    struct gt_store *st;
    struct gt_ingest_opts o;
    const struct gt_ingest_format *forced;
    uint32_t source_id, station_id;
    struct gt_ingest_stats stats;
    char err[256];
    struct gt_sink sink;

    /* the current input */
    const struct gt_ingest_format *fmt;
    void *state;
    int have_state;
    struct gt_ingest_ctx ctx;
    char *name;
    uint32_t input_id;
    enum gt_prov_kind kind;
    uint64_t skip_below; /* resume point: records before it are stored */
    uint64_t last_pos;   /* highest record offset emitted */
    int have_pos;
    size_t batch_n;
    uint64_t accepted_pending;
    uint64_t dupes_seen; /* gt_store_duplicates() at the last checkpoint */
    struct {
        const char *reason;
        uint64_t count;
    } pend[GT_INGEST_MAX_REASONS];
    size_t npend;
    struct gt_buf line;
    uint64_t line_pos;
    int line_skip; /* discarding the rest of an over-long line */
    struct gt_buf doc;
    int doc_rejected;
    uint64_t content_pos;
    int stream_active;
    uint8_t *sniffbuf;
    size_t nsniff;
};

static int db_error(struct gt_ingest *in, int rc)
{
    snprintf(in->err, sizeof in->err, "%s", gt_store_errmsg(in->st));
    return rc;
}

/* Roll back after an error; a failing rollback leaves SQLite's own
 * automatic rollback, so there is nothing more to do. */
static void rollback(struct gt_ingest *in)
{
    if (gt_store_rollback(in->st) < 0) {
        in->npend = 0;
    }
}

static void count_reason(struct gt_ingest *in, const char *reason, uint64_t n, int pending)
{
    size_t i;

    in->stats.rejected += n;
    for (i = 0; i < in->stats.nreasons; i++) {
        if (strcmp(in->stats.reasons[i].reason, reason) == 0) {
            break;
        }
    }
    if (i == in->stats.nreasons && i < GT_INGEST_MAX_REASONS) {
        in->stats.reasons[i].reason = reason;
        in->stats.reasons[i].count = 0;
        in->stats.nreasons++;
    }
    if (i < GT_INGEST_MAX_REASONS) {
        in->stats.reasons[i].count += n;
    }
    if (!pending) {
        return;
    }
    for (i = 0; i < in->npend; i++) {
        if (strcmp(in->pend[i].reason, reason) == 0) {
            break;
        }
    }
    if (i == in->npend) {
        if (i == GT_INGEST_MAX_REASONS) {
            i--; /* table full: fold into the last reason */
        } else {
            in->pend[i].reason = reason;
            in->pend[i].count = 0;
            in->npend++;
        }
    }
    in->pend[i].count += n;
}

/* Write the progress mark and pending counters, and commit the batch. */
static int checkpoint(struct gt_ingest *in, uint64_t done, int complete)
{
    size_t i;
    uint64_t d;
    int rc = gt_store_begin(in->st);

    if (rc == GT_OK) {
        rc = gt_store_flush(in->st);
    }
    /* positions found already stored at flush time are not accepted */
    d = gt_store_duplicates(in->st) - in->dupes_seen;
    in->dupes_seen += d;
    in->stats.duplicates += d;
    in->stats.positions -= d < in->stats.positions ? d : in->stats.positions;
    in->accepted_pending -= d < in->accepted_pending ? d : in->accepted_pending;

    for (i = 0; i < in->npend && rc == GT_OK; i++) {
        rc = gt_store_add_rejects(in->st, in->input_id, in->pend[i].reason, in->pend[i].count);
    }
    if (rc == GT_OK) {
        rc = gt_store_input_mark(in->st, in->input_id, done, complete, in->accepted_pending);
    }
    if (rc == GT_OK) {
        rc = gt_store_commit(in->st);
    }
    if (rc < 0) {
        rollback(in);
        return db_error(in, rc);
    }
    in->npend = 0;
    in->accepted_pending = 0;
    in->batch_n = 0;
    return GT_OK;
}

/* Called before storing a record at pos: commit between records. */
static int before_record(struct gt_ingest *in, uint64_t pos)
{
    size_t batch = in->o.batch > 0 ? in->o.batch : GT_INGEST_BATCH;
    int rc;

    if (in->have_pos && pos > in->last_pos && in->batch_n >= batch) {
        rc = checkpoint(in, pos, 0);
        if (rc < 0) {
            return rc;
        }
    }
    if (!in->have_pos || pos > in->last_pos) {
        in->last_pos = pos;
        in->have_pos = 1;
    }
    rc = gt_store_begin(in->st);
    return rc < 0 ? db_error(in, rc) : GT_OK;
}

/* A station named in the data: its id (created on first sight), or 0 when
 * the store cannot give one (the record then keeps the pipeline's own). */
static uint32_t sink_station(void *ud, const char *name, enum gt_rx_class rx)
{
    struct gt_ingest *in = ud;
    uint32_t id = 0;

    if (name == NULL || name[0] == '\0' ||
        gt_store_station_ensure(in->st, name, rx, &id) != GT_OK) {
        return 0;
    }
    return id;
}

static int sink_obs(void *ud, const struct gt_obs *src)
{
    struct gt_ingest *in = ud;
    struct gt_obs o = *src;
    int rc;

    if (o.prov.pos < in->skip_below) {
        return GT_OK;
    }
    rc = before_record(in, o.prov.pos);
    if (rc < 0) {
        return rc;
    }
    o.prov.kind = in->kind;
    o.prov.input_id = in->input_id;
    o.source_id = in->source_id;
    if (o.station_id == 0) {
        o.station_id = in->station_id;
    }
    if (o.rx == GT_RX_UNKNOWN) {
        o.rx = in->o.rx;
    }
    rc = gt_store_put_obs(in->st, &o);
    if (rc == GT_OK) {
        in->stats.positions++;
        in->accepted_pending++;
        in->batch_n++;
    } else if (rc == GT_ERR_INVAL) {
        count_reason(in, "invalid-position", 1, 1);
    } else {
        return db_error(in, rc);
    }
    return GT_OK;
}

static int sink_fact(void *ud, const struct gt_ident_obs *src)
{
    struct gt_ingest *in = ud;
    struct gt_ident_obs io = *src;
    int rc;

    if (io.prov.pos < in->skip_below) {
        return GT_OK;
    }
    rc = before_record(in, io.prov.pos);
    if (rc < 0) {
        return rc;
    }
    io.prov.kind = in->kind;
    io.prov.input_id = in->input_id;
    io.source_id = in->source_id;
    if (io.station_id == 0) {
        io.station_id = in->station_id;
    }
    rc = gt_store_put_fact(in->st, &io);
    if (rc == GT_OK) {
        in->stats.facts++;
        in->accepted_pending++;
        in->batch_n++;
    } else if (rc == GT_ERR_INVAL) {
        count_reason(in, "invalid-fact", 1, 1);
    } else {
        return db_error(in, rc);
    }
    return GT_OK;
}

static void sink_reject(void *ud, const char *reason, uint64_t pos)
{
    struct gt_ingest *in = ud;

    if (pos < in->skip_below) {
        return;
    }
    if (!in->have_pos || pos > in->last_pos) {
        in->last_pos = pos;
        in->have_pos = 1;
    }
    count_reason(in, reason, 1, 1);
}

int gt_ingest_new(struct gt_store *st, const struct gt_ingest_opts *o, struct gt_ingest **out)
{
    struct gt_ingest *in;
    int rc = GT_OK;

    *out = NULL;
    in = gt_calloc(1, sizeof *in);
    if (in == NULL) {
        return GT_ERR_NOMEM;
    }
    in->st = st;
    in->o = *o;
    in->sink.obs = sink_obs;
    in->sink.fact = sink_fact;
    in->sink.reject = sink_reject;
    in->sink.ud = in;
    in->sink.station = sink_station;
    in->dupes_seen = gt_store_duplicates(st);
    gt_buf_init(&in->line, LINE_MAX_B);
    gt_buf_init(&in->doc, DOC_MAX_B);
    *out = in;
    if (o->format != NULL) {
        in->forced = gt_ingest_format_find(o->format);
        if (in->forced == NULL) {
            snprintf(in->err, sizeof in->err, "unknown format '%s'", o->format);
            return GT_ERR_INVAL;
        }
    }
    if (o->source != NULL) {
        rc = gt_store_source_ensure(st, o->source, &in->source_id);
    }
    if (rc == GT_OK && o->station != NULL) {
        rc = gt_store_station_ensure(st, o->station, o->rx, &in->station_id);
    }
    return rc < 0 ? db_error(in, rc) : GT_OK;
}

static void end_handler(struct gt_ingest *in)
{
    if (in->have_state && in->fmt != NULL && in->fmt->close != NULL) {
        in->fmt->close(in->state);
    }
    in->have_state = 0;
    in->state = NULL;
}

static int start_handler(struct gt_ingest *in)
{
    int rc = GT_OK;

    in->ctx.path = in->name;
    in->ctx.subject = in->o.subject;
    in->state = NULL;
    if (in->fmt->open != NULL) {
        rc = in->fmt->open(&in->ctx, &in->state);
    }
    in->have_state = rc == GT_OK;
    gt_buf_reset(&in->line);
    gt_buf_reset(&in->doc);
    in->line_skip = 0;
    in->doc_rejected = 0;
    return rc;
}

static void reset_input(struct gt_ingest *in)
{
    end_handler(in);
    gt_free(in->name);
    in->name = NULL;
    in->fmt = NULL;
    in->skip_below = 0;
    in->last_pos = 0;
    in->have_pos = 0;
    in->batch_n = 0;
    in->accepted_pending = 0;
    in->npend = 0;
    in->content_pos = 0;
    gt_buf_release(&in->line);
    gt_buf_release(&in->doc);
}

void gt_ingest_free(struct gt_ingest *in)
{
    if (in == NULL) {
        return;
    }
    if (in->stream_active && gt_ingest_stream_close(in) < 0) {
        in->stream_active = 0;
    }
    reset_input(in);
    gt_free(in->sniffbuf);
    gt_free(in);
}

const struct gt_ingest_stats *gt_ingest_stats(const struct gt_ingest *in)
{
    return &in->stats;
}

const char *gt_ingest_errmsg(const struct gt_ingest *in)
{
    return in->err;
}

static int feed_line(struct gt_ingest *in, const uint8_t *p, size_t n, uint64_t pos)
{
    return in->fmt->feed(in->state, p, n, pos, &in->sink);
}

/* Push content bytes through the current handler's framing. */
static int push(struct gt_ingest *in, const uint8_t *p, size_t n)
{
    int rc = GT_OK;

    in->stats.bytes += n;
    if (in->fmt->mode == GT_INGEST_BYTES) {
        rc = in->fmt->feed(in->state, p, n, in->content_pos, &in->sink);
        in->content_pos += n;
        return rc;
    }
    if (in->fmt->mode == GT_INGEST_DOCUMENT) {
        if (!in->doc_rejected && gt_buf_add(&in->doc, p, n) < 0) {
            in->doc_rejected = 1;
            sink_reject(in, "document-too-big", 0);
        }
        in->content_pos += n;
        return GT_OK;
    }
    while (n > 0 && rc == GT_OK) {
        const uint8_t *nl = memchr(p, '\n', n);
        size_t take = nl != NULL ? (size_t)(nl - p) : n;

        if (in->line_skip) {
            /* the rest of an over-long line */
        } else if (gt_buf_len(&in->line) == 0 && nl != NULL) {
            rc = feed_line(in, p, take, in->content_pos);
        } else {
            if (gt_buf_len(&in->line) == 0) {
                in->line_pos = in->content_pos;
            }
            if (gt_buf_add(&in->line, p, take) < 0) {
                sink_reject(in, "line-too-long", in->line_pos);
                in->line_skip = 1;
            } else if (nl != NULL) {
                rc = feed_line(in, (const uint8_t *)gt_buf_str(&in->line), gt_buf_len(&in->line),
                               in->line_pos);
                gt_buf_reset(&in->line);
            }
        }
        if (nl != NULL) {
            in->line_skip = 0;
            take++;
        }
        in->content_pos += take;
        p += take;
        n -= take;
    }
    return rc;
}

/* End of the input's content: last line, document, handler finish. */
static int drain(struct gt_ingest *in)
{
    int rc = GT_OK;

    if (in->fmt->mode == GT_INGEST_LINES && gt_buf_len(&in->line) > 0 && !in->line_skip) {
        rc = feed_line(in, (const uint8_t *)gt_buf_str(&in->line), gt_buf_len(&in->line),
                       in->line_pos);
    }
    gt_buf_reset(&in->line);
    if (rc == GT_OK && in->fmt->mode == GT_INGEST_DOCUMENT && !in->doc_rejected) {
        rc = in->fmt->feed(in->state, (const uint8_t *)gt_buf_str(&in->doc), gt_buf_len(&in->doc),
                           0, &in->sink);
    }
    gt_buf_release(&in->doc);
    if (rc == GT_OK && in->fmt->finish != NULL && in->have_state) {
        rc = in->fmt->finish(in->state, &in->sink);
    }
    return rc;
}

static int stopped(const struct gt_ingest *in)
{
    return in->o.stop != NULL && *in->o.stop != 0;
}

/* The offset before which everything is stored when we stop between
 * chunks. */
static uint64_t safe_done(const struct gt_ingest *in)
{
    uint64_t d = in->have_pos ? in->last_pos + 1 : 0;
    return d > in->skip_below ? d : in->skip_below;
}

static int read_full(struct gt_io_file *f, uint8_t *p, size_t n, size_t *got)
{
    int r = 1;

    *got = 0;
    while (*got < n && (r = gt_io_read(f, p + *got, n - *got)) > 0) {
        *got += (size_t)r;
    }
    return r < 0 ? r : GT_OK;
}

static int record_unknown(struct gt_ingest *in, const char *path, const char *hex, uint64_t size)
{
    struct gt_store_input si;
    int rc = gt_store_begin(in->st);

    if (rc == GT_OK) {
        rc = gt_store_input_open(in->st, GT_PROV_FILE, path, hex, size, "unknown", in->source_id,
                                 &si);
    }
    if (rc == GT_OK && !si.complete) {
        in->input_id = si.id;
        count_reason(in, "unknown-format", 1, 1);
        rc = checkpoint(in, 0, 1);
        in->stats.files_unknown++;
    } else if (rc == GT_OK) {
        in->stats.files_known++;
        rc = gt_store_commit(in->st);
    }
    return rc < 0 ? db_error(in, rc) : GT_OK;
}

static int ingest_file(struct gt_ingest *in, const char *path)
{
    char hex[65];
    uint64_t size = 0;
    struct gt_io_file *f = NULL;
    struct gt_store_input si;
    uint8_t *buf;
    size_t got = 0;
    int rc, rrc;

    rc = gt_io_hash_file(path, hex, &size);
    if (rc < 0) {
        snprintf(in->err, sizeof in->err, "cannot read '%s'", path);
        count_reason(in, "unreadable-file", 1, 0);
        return GT_OK;
    }
    buf = gt_malloc(CHUNK);
    if (buf == NULL) {
        return GT_ERR_NOMEM;
    }
    rc = gt_io_open(path, &f);
    if (rc < 0) {
        gt_free(buf);
        count_reason(in, "unreadable-file", 1, 0);
        return rc == GT_ERR_NOMEM ? rc : GT_OK;
    }
    rrc = read_full(f, buf, SNIFF_MAX, &got);
    reset_input(in);
    in->fmt = in->forced != NULL ? in->forced : gt_ingest_sniff(buf, got, path);
    if (in->fmt == NULL) {
        gt_io_close(f);
        gt_free(buf);
        return record_unknown(in, path, hex, size);
    }
    in->name = gt_strndup(path, strlen(path));
    rc = in->name == NULL ? GT_ERR_NOMEM : gt_store_begin(in->st);
    if (rc == GT_OK) {
        rc = gt_store_input_open(in->st, GT_PROV_FILE, path, hex, size, in->fmt->name,
                                 in->source_id, &si);
    }
    if (rc < 0 || si.complete) {
        if (rc == GT_OK) {
            in->stats.files_known++;
            rc = gt_store_commit(in->st);
        }
        goto out;
    }
    in->input_id = si.id;
    in->kind = GT_PROV_FILE;
    in->skip_below = si.done_pos;
    if (si.done_pos > 0) {
        in->stats.files_resumed++;
    }
    rc = start_handler(in);
    while (rc == GT_OK) {
        if (got > 0) {
            rc = push(in, buf, got);
            if (in->o.progress != NULL) {
                in->o.progress(in->o.progress_ud, path, in->content_pos, size);
            }
        }
        if (rc < 0) {
            break;
        }
        if (stopped(in)) {
            rc = checkpoint(in, safe_done(in), 0);
            if (rc == GT_OK) {
                rc = GT_ERR_EOF;
            }
            goto out;
        }
        if (rrc < 0 || got < SNIFF_MAX) {
            break;
        }
        rrc = read_full(f, buf, CHUNK, &got);
        if (got == 0 && rrc == GT_OK) {
            break;
        }
    }
    if (rc == GT_OK && rrc == GT_ERR_BADDATA) {
        sink_reject(in, "truncated-gzip", in->content_pos);
    } else if (rc == GT_OK && rrc < 0) {
        snprintf(in->err, sizeof in->err, "read error in '%s'", path);
        rc = rrc;
    }
    if (rc == GT_OK) {
        rc = drain(in);
    }
    if (rc == GT_OK) {
        rc = checkpoint(in, in->content_pos, 1);
        in->stats.files++;
    }
out:
    if (rc < 0 && rc != GT_ERR_EOF) {
        rollback(in);
    }
    gt_io_close(f);
    gt_free(buf);
    end_handler(in);
    return rc == GT_ERR_DB ? db_error(in, rc) : rc;
}

/* Ingest content held in memory (standard input that fitted the spool) as
 * a file input: found by its hash, so piping the same data twice adds
 * nothing, and resumable like a file. */
static int ingest_content(struct gt_ingest *in, const char *name, const uint8_t *p, size_t n,
                          int truncated)
{
    struct gt_sha256 h;
    uint8_t d[GT_SHA256_LEN];
    char hex[GT_SHA256_HEX];
    struct gt_store_input si;
    size_t off = 0;
    int rc;

    gt_sha256_init(&h);
    gt_sha256_update(&h, p, n);
    gt_sha256_final(&h, d);
    gt_sha256_hex(d, hex);
    reset_input(in);
    in->fmt =
        in->forced != NULL ? in->forced : gt_ingest_sniff(p, n < SNIFF_MAX ? n : SNIFF_MAX, name);
    if (in->fmt == NULL) {
        return record_unknown(in, name, hex, n);
    }
    in->name = gt_strndup(name, strlen(name));
    rc = in->name == NULL ? GT_ERR_NOMEM : gt_store_begin(in->st);
    if (rc == GT_OK) {
        rc = gt_store_input_open(in->st, GT_PROV_FILE, name, hex, n, in->fmt->name, in->source_id,
                                 &si);
    }
    if (rc < 0 || si.complete) {
        if (rc == GT_OK) {
            in->stats.files_known++;
            rc = gt_store_commit(in->st);
        }
        goto out;
    }
    in->input_id = si.id;
    in->kind = GT_PROV_FILE;
    in->skip_below = si.done_pos;
    if (si.done_pos > 0) {
        in->stats.files_resumed++;
    }
    rc = start_handler(in);
    while (rc == GT_OK && off < n) {
        size_t take = n - off < CHUNK ? n - off : CHUNK;
        rc = push(in, p + off, take);
        off += take;
        if (rc == GT_OK && stopped(in)) {
            rc = checkpoint(in, safe_done(in), 0);
            if (rc == GT_OK) {
                rc = GT_ERR_EOF;
            }
            goto out;
        }
    }
    if (rc == GT_OK && truncated) {
        sink_reject(in, "truncated-gzip", in->content_pos);
    }
    if (rc == GT_OK) {
        rc = drain(in);
    }
    if (rc == GT_OK) {
        rc = checkpoint(in, in->content_pos, 1);
        in->stats.files++;
    }
out:
    if (rc < 0 && rc != GT_ERR_EOF) {
        rollback(in);
    }
    end_handler(in);
    return rc == GT_ERR_DB ? db_error(in, rc) : rc;
}

static int ingest_stdin(struct gt_ingest *in)
{
    struct gt_io_file *f = NULL;
    struct gt_buf spool;
    uint8_t *buf;
    int rc, r = 0, spooling = 1;

    rc = gt_io_open("-", &f);
    if (rc < 0) {
        return rc;
    }
    buf = gt_malloc(CHUNK);
    if (buf == NULL) {
        gt_io_close(f);
        return GT_ERR_NOMEM;
    }
    /* Up to STDIN_SPOOL bytes are kept in memory and ingested like a file;
     * a longer (or endless) input becomes a stream. */
    gt_buf_init(&spool, STDIN_SPOOL);
    while (spooling && (r = gt_io_read(f, buf, CHUNK)) > 0) {
        if (gt_buf_len(&spool) + (size_t)r + 1 > STDIN_SPOOL) {
            spooling = 0;
            break;
        }
        rc = gt_buf_add(&spool, buf, (size_t)r);
        if (rc < 0) {
            goto out;
        }
        if (stopped(in)) {
            break;
        }
    }
    if (spooling) {
        rc =
            ingest_content(in, "-", (const uint8_t *)gt_buf_str(&spool), gt_buf_len(&spool), r < 0);
        goto out;
    }
    rc = gt_ingest_stream_open(in, "-");
    if (rc == GT_OK && gt_buf_len(&spool) > 0) {
        rc = gt_ingest_stream_feed(in, (const uint8_t *)gt_buf_str(&spool), gt_buf_len(&spool));
    }
    gt_buf_release(&spool);
    if (rc == GT_OK && r > 0) {
        rc = gt_ingest_stream_feed(in, buf, (size_t)r);
    }
    while (rc == GT_OK && (r = gt_io_read(f, buf, CHUNK)) != 0) {
        if (r < 0) {
            sink_reject(in, "truncated-gzip", in->content_pos);
            break;
        }
        rc = gt_ingest_stream_feed(in, buf, (size_t)r);
        if (rc == GT_OK && stopped(in)) {
            rc = GT_ERR_EOF;
        }
    }
    if (rc == GT_OK || rc == GT_ERR_EOF) {
        int rc2 = gt_ingest_stream_close(in);
        if (rc2 < 0) {
            rc = rc2;
        }
    }
out:
    gt_buf_release(&spool);
    gt_free(buf);
    gt_io_close(f);
    return rc;
}

int gt_ingest_path(struct gt_ingest *in, const char *path)
{
    char **paths = NULL;
    size_t n = 0, i;
    int rc;

    if (strcmp(path, "-") == 0) {
        return ingest_stdin(in);
    }
    rc = gt_io_list(path, &paths, &n);
    if (rc < 0) {
        snprintf(in->err, sizeof in->err, "cannot read '%s'", path);
        return rc;
    }
    for (i = 0; i < n && rc == GT_OK; i++) {
        rc = ingest_file(in, paths[i]);
        if (rc == GT_OK && stopped(in)) {
            rc = GT_ERR_EOF;
        }
    }
    gt_io_list_free(paths, n);
    return rc;
}

/* ---- live streams ---- */

int gt_ingest_stream_open(struct gt_ingest *in, const char *name)
{
    struct gt_store_input si;
    int rc;

    reset_input(in);
    in->name = gt_strndup(name, strlen(name));
    if (in->name == NULL) {
        return GT_ERR_NOMEM;
    }
    rc = gt_store_begin(in->st);
    if (rc == GT_OK) {
        rc = gt_store_input_open(in->st, GT_PROV_STREAM, name, NULL, 0,
                                 in->forced != NULL ? in->forced->name : NULL, in->source_id, &si);
    }
    if (rc == GT_OK) {
        rc = gt_store_commit(in->st);
    }
    if (rc < 0) {
        rollback(in);
        return db_error(in, rc);
    }
    in->input_id = si.id;
    in->kind = GT_PROV_STREAM;
    in->stream_active = 1;
    in->nsniff = 0;
    if (in->forced != NULL) {
        in->fmt = in->forced;
        return start_handler(in);
    }
    return GT_OK;
}

int gt_ingest_stream_feed(struct gt_ingest *in, const uint8_t *p, size_t n)
{
    if (!in->stream_active) {
        return GT_ERR_INVAL;
    }
    if (in->fmt == NULL) {
        size_t take = STREAM_SNIFF - in->nsniff;
        const uint8_t *nl;
        int rc;

        if (in->sniffbuf == NULL) {
            in->sniffbuf = gt_malloc(STREAM_SNIFF);
            if (in->sniffbuf == NULL) {
                return GT_ERR_NOMEM;
            }
        }
        if (take > n) {
            take = n;
        }
        memcpy(in->sniffbuf + in->nsniff, p, take);
        in->nsniff += take;
        p += take;
        n -= take;
        nl = memchr(in->sniffbuf, '\n', in->nsniff);
        if (nl == NULL && in->nsniff < STREAM_SNIFF) {
            return GT_OK; /* wait for a whole line */
        }
        in->fmt = gt_ingest_sniff(in->sniffbuf, in->nsniff, in->name);
        if (in->fmt == NULL) {
            if (in->nsniff < STREAM_SNIFF && n == 0) {
                in->fmt = NULL;
                return GT_OK;
            }
            sink_reject(in, "unknown-format", in->content_pos);
            in->content_pos += in->nsniff;
            in->stats.bytes += in->nsniff;
            in->nsniff = 0;
            return n > 0 ? gt_ingest_stream_feed(in, p, n) : GT_OK;
        }
        rc = start_handler(in);
        if (rc == GT_OK) {
            rc = push(in, in->sniffbuf, in->nsniff);
        }
        in->nsniff = 0;
        if (rc < 0 || n == 0) {
            return rc;
        }
    }
    return push(in, p, n);
}

int gt_ingest_flush(struct gt_ingest *in)
{
    if (in->input_id == 0 || in->fmt == NULL) {
        return GT_OK;
    }
    return checkpoint(in, safe_done(in), 0);
}

int gt_ingest_stream_reset(struct gt_ingest *in)
{
    int rc;

    if (!in->stream_active) {
        return GT_OK;
    }
    if (in->fmt == NULL) {
        if (in->nsniff > 0) {
            sink_reject(in, "partial-record", in->content_pos);
            in->content_pos += in->nsniff;
            in->nsniff = 0;
        }
        return GT_OK;
    }
    if (in->fmt->mode == GT_INGEST_LINES && gt_buf_len(&in->line) > 0) {
        sink_reject(in, "partial-record", in->line_pos);
    }
    rc = checkpoint(in, safe_done(in), 0);
    if (rc < 0) {
        return rc;
    }
    end_handler(in);
    return start_handler(in);
}

int gt_ingest_stream_close(struct gt_ingest *in)
{
    int rc = GT_OK;

    if (!in->stream_active) {
        return GT_OK;
    }
    in->stream_active = 0;
    if (in->fmt == NULL && in->nsniff > 0) {
        in->fmt = gt_ingest_sniff(in->sniffbuf, in->nsniff, in->name);
        if (in->fmt != NULL) {
            rc = start_handler(in);
            if (rc == GT_OK) {
                rc = push(in, in->sniffbuf, in->nsniff);
            }
        } else {
            sink_reject(in, "unknown-format", in->content_pos);
            in->content_pos += in->nsniff;
        }
        in->nsniff = 0;
    }
    if (rc == GT_OK && in->fmt != NULL) {
        rc = drain(in);
    }
    if (rc == GT_OK) {
        rc = checkpoint(in, in->content_pos, 1);
    }
    end_handler(in);
    return rc;
}
