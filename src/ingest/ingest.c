/*
 * ingest.c - the ingest pipeline: paths, standard input and streams, line /
 * chunk / document framing and resume.  The format table is in formats.c,
 * the writes into the store in to_store.c.  The handler contract and the
 * crash-safety rule are described in include/ghosttrack/ingest.h.
 */
#include "ghosttrack/ingest.h"
#include "ingest_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/hash.h"
#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

#define SNIFF_MAX    (64u * 1024u)
#define CHUNK        (256u * 1024u)
#define LINE_MAX_B   (1u << 20)
#define DOC_MAX_B    (512u << 20)
#define STREAM_SNIFF 4096u
#define STDIN_SPOOL  (256u << 20)

/* ---- the pipeline ---- */

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
    in->sink.obs = gt__ingest_sink_obs;
    in->sink.fact = gt__ingest_sink_fact;
    in->sink.reject = gt__ingest_sink_reject;
    in->sink.ud = in;
    in->sink.station = gt__ingest_sink_station;
    in->dupes_seen = gt_store_duplicates(st);
    gt_buf_init(&in->line, LINE_MAX_B);
    gt_buf_init(&in->doc, DOC_MAX_B);
    *out = in;
    if (o->db_path != NULL) {
        char r[PATH_MAX];
        if (realpath(o->db_path, r) != NULL) {
            in->db_real = gt_strndup(r, strlen(r));
        }
    }
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
    return rc < 0 ? gt__ingest_db_error(in, rc) : GT_OK;
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
    in->ctx.start_ms = in->o.start_ms != 0 ? in->o.start_ms : GT_TIME_NONE;
    in->ctx.line_rate = in->o.line_rate;
    in->ctx.columns = in->o.columns;
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
    in->damaged = 0;
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
    gt_free(in->db_real);
    gt_free(in);
}

void gt_ingest_set_start_time(struct gt_ingest *in, int64_t start_ms)
{
    in->o.start_ms = start_ms;
    in->ctx.start_ms = start_ms != 0 ? start_ms : GT_TIME_NONE;
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

    if (in->content_pos == 0 && n >= 3 && memcmp(p, GT__INGEST_BOM, 3) == 0) {
        /* a leading UTF-8 byte-order mark: not content (offsets still
         * count it, so evidence offsets stay those of the file) */
        in->stats.bytes += 3;
        in->content_pos = 3;
        p += 3;
        n -= 3;
    }
    in->stats.bytes += n;
    if (in->fmt->mode == GT_INGEST_BYTES) {
        rc = in->fmt->feed(in->state, p, n, in->content_pos, &in->sink);
        in->content_pos += n;
        return rc;
    }
    if (in->fmt->mode == GT_INGEST_DOCUMENT) {
        if (!in->doc_rejected && gt_buf_add(&in->doc, p, n) < 0) {
            in->doc_rejected = 1;
            gt__ingest_sink_reject(in, "document-too-big", 0);
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
                gt__ingest_sink_reject(in, "line-too-long", in->line_pos);
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
 * chunks.  Handlers hand records to the sink whole and in offset order, so
 * once the record at last_pos is in the batch, everything before
 * last_pos + 1 is; a line still being assembled has a larger offset and is
 * read again on resume. */
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

/* Begin a report of the input at path (in->fmt set or NULL). */
static void report_begin(struct gt_ingest *in, const char *path)
{
    memset(&in->rep, 0, sizeof in->rep);
    in->rep.path = path;
    in->rep.format = in->fmt != NULL ? in->fmt->name : NULL;
    in->at_start = in->stats;
    in->prior_accepted = 0;
}

/* Fill in what this input gave and hand the report to the caller. */
static void report_end(struct gt_ingest *in, enum gt_ingest_outcome outcome)
{
    struct gt_ingest_report *r = &in->rep;
    size_t i;

    r->outcome = outcome;
    r->positions = in->stats.positions - in->at_start.positions;
    r->facts = in->stats.facts - in->at_start.facts;
    r->duplicates = in->stats.duplicates - in->at_start.duplicates;
    r->rejected = in->stats.rejected - in->at_start.rejected;
    for (i = 0; i < in->stats.nreasons; i++) {
        uint64_t c = in->stats.reasons[i].count -
                     (i < in->at_start.nreasons ? in->at_start.reasons[i].count : 0);
        if (strcmp(in->stats.reasons[i].reason, "blank") == 0) {
            r->rejected -= c; /* empty lines and comments are no records */
            continue;
        }
        if (strcmp(in->stats.reasons[i].reason, "no-time") == 0 ||
            strcmp(in->stats.reasons[i].reason, "no-clock-anchor") == 0 ||
            strcmp(in->stats.reasons[i].reason, "no-date") == 0) {
            r->untimed += c;
        }
        if (c > r->reason_count) {
            r->reason_count = c;
            r->reason = in->stats.reasons[i].reason;
        }
    }
    if (outcome == GT_INGEST_FAILED) {
        in->stats.files_failed++;
    }
    if (in->o.on_input != NULL) {
        in->o.on_input(in->o.on_input_ud, r);
    }
}

/* Find or create the input row of content hex and decide what to do with
 * it, inside an open batch: 0 read it (from in->skip_below), 1 skip it
 * (complete; committed and reported), or a negative error.  Only a row
 * from which records were stored counts as complete; one that gave
 * nothing, or was last read with another format, is read from the start,
 * and with --force so is a complete one, its records replaced.
 *
 * Resume.  The input is known by the hash of its raw bytes and the store
 * holds done_pos, the content offset below which every record was
 * committed with the last batch.  The input is still decoded from its
 * first byte, because decoder state (AIS fragments, CPR pairs, a CSV
 * header) depends on earlier lines; the sink drops what lies below
 * skip_below.  A crash loses only the batch being written, which SQLite
 * rolls back together with its progress mark, so the rerun does exactly
 * that batch again and nothing is counted twice. */
static int open_input(struct gt_ingest *in, const char *path, const char *hex, uint64_t size)
{
    struct gt_store_input si;
    const char *fmt = in->fmt != NULL ? in->fmt->name : "unknown";
    int rc = gt_store_begin(in->st), complete;

    if (rc == GT_OK) {
        rc = gt_store_input_open(in->st, GT_PROV_FILE, path, hex, size, fmt, in->source_id, &si);
    }
    if (rc < 0) {
        return rc;
    }
    in->input_id = si.id;
    in->kind = GT_PROV_FILE;
    in->skip_below = 0;
    complete = si.complete && si.accepted > 0;
    if (complete && !in->o.force) {
        in->stats.files_known++;
        rc = gt_store_commit(in->st);
        if (rc == GT_OK) {
            report_end(in, GT_INGEST_KNOWN);
            return 1;
        }
        return rc;
    }
    if (!si.found) {
        return GT_OK;
    }
    if (complete || si.accepted == 0 || strcmp(si.format, fmt) != 0) {
        /* start over: a replacement, a failed earlier attempt, or a
         * partial read in another format */
        in->rep.replaced = complete;
        if (complete) {
            in->stats.files_replaced++;
        }
        return gt_store_input_reset(in->st, si.id, fmt, si.accepted > 0,
                                    &in->rep.replaced_positions);
    }
    in->skip_below = si.done_pos;
    in->prior_accepted = si.accepted;
    if (si.done_pos > 0) {
        in->stats.files_resumed++;
        in->rep.resumed = 1;
    }
    return GT_OK;
}

/* An input no handler recognised: recorded (so `stats` lists it) with no
 * progress, counted as "unknown-format" (or "empty-input"). */
static int record_unknown(struct gt_ingest *in, const char *path, const char *hex, uint64_t size)
{
    int stored = 0, rc;

    report_begin(in, path);
    rc = open_input(in, path, hex, size);
    if (rc == 1) {
        return GT_OK;
    }
    if (rc == GT_OK) {
        if (size == 0) {
            gt__ingest_count_reason(in, "empty-input", 1, 1);
        } else {
            gt__ingest_count_reason(in, "unknown-format", 1, 1);
            in->stats.files_unknown++;
        }
        rc = gt__ingest_finish(in, 0, &stored);
        if (rc == GT_OK) {
            report_end(in, GT_INGEST_FAILED);
        }
        return rc;
    }
    gt__ingest_rollback(in);
    return gt__ingest_db_error(in, rc);
}

/* The end of an input read in full: mark it complete, or failed. */
static int end_input(struct gt_ingest *in)
{
    int stored = 0;
    /* the damage that ends a damaged input is counted at content_pos:
     * the mark passes it, so a rerun does not count it again */
    int rc = gt__ingest_finish(in, in->content_pos + (in->damaged ? 1 : 0), &stored);

    if (rc == GT_OK) {
        if (stored) {
            in->stats.files++;
        }
        report_end(in, stored ? GT_INGEST_STORED : GT_INGEST_FAILED);
    }
    return rc;
}

/* An input that could not be read at all. */
static void unreadable(struct gt_ingest *in, const char *path)
{
    report_begin(in, path);
    gt__ingest_count_reason(in, "unreadable-file", 1, 0);
    report_end(in, GT_INGEST_FAILED);
}

/* A stop asked for (a signal): checkpoint what is safely stored, so the
 * next run resumes there, and end the input with GT_ERR_EOF. */
static int stop_here(struct gt_ingest *in)
{
    int rc = gt__ingest_checkpoint(in, safe_done(in), 0);

    return rc == GT_OK ? GT_ERR_EOF : rc;
}

/* Every byte pushed: flush the decoder and the stage, then mark the input. */
static int finish_input(struct gt_ingest *in)
{
    int rc = drain(in);

    return rc == GT_OK ? end_input(in) : rc;
}

/* The common end of one input: roll back what a failure left half-written
 * (a stop keeps its checkpoint), release the handler, name a database error. */
static int close_input(struct gt_ingest *in, int rc)
{
    if (rc < 0 && rc != GT_ERR_EOF) {
        gt__ingest_rollback(in);
    }
    end_handler(in);
    return rc == GT_ERR_DB ? gt__ingest_db_error(in, rc) : rc;
}

static int ingest_file(struct gt_ingest *in, const char *path)
{
    char hex[65];
    uint64_t size = 0;
    struct gt_io_file *f = NULL;
    uint8_t *buf;
    size_t got = 0;
    int rc, rrc;

    rc = gt_io_hash_file(path, hex, &size);
    if (rc < 0) {
        snprintf(in->err, sizeof in->err, "cannot read '%s'", path);
        unreadable(in, path);
        return GT_OK;
    }
    buf = gt_malloc(CHUNK);
    if (buf == NULL) {
        return GT_ERR_NOMEM;
    }
    rc = gt_io_open(path, &f);
    if (rc < 0) {
        gt_free(buf);
        if (rc == GT_ERR_NOMEM) {
            return rc;
        }
        unreadable(in, path);
        return GT_OK;
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
    report_begin(in, in->name);
    rc = in->name == NULL ? GT_ERR_NOMEM : open_input(in, path, hex, size);
    if (rc != GT_OK) {
        rc = rc == 1 ? GT_OK : rc;
        goto out;
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
            rc = stop_here(in);
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
        /* every byte inflated before the damage has been pushed: store
         * them, count the damage, and leave the input resumable (not
         * complete) */
        gt__ingest_sink_reject(in, gt_io_truncated(f) ? "truncated-gzip" : "corrupt-gzip",
                               in->content_pos);
        in->damaged = 1;
    } else if (rc == GT_OK && rrc < 0) {
        snprintf(in->err, sizeof in->err, "read error in '%s'", path);
        rc = rrc;
    }
    rc = rc == GT_OK ? finish_input(in) : rc;
out:
    gt_io_close(f);
    gt_free(buf);
    return close_input(in, rc);
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
    report_begin(in, in->name);
    rc = in->name == NULL ? GT_ERR_NOMEM : open_input(in, name, hex, n);
    if (rc != GT_OK) {
        rc = rc == 1 ? GT_OK : rc;
        goto out;
    }
    rc = start_handler(in);
    while (rc == GT_OK && off < n) {
        size_t take = n - off < CHUNK ? n - off : CHUNK;
        rc = push(in, p + off, take);
        off += take;
        if (rc == GT_OK && stopped(in)) {
            rc = stop_here(in);
            goto out;
        }
    }
    if (rc == GT_OK && truncated) {
        gt__ingest_sink_reject(in, "truncated-gzip", in->content_pos);
        in->damaged = 1;
    }
    rc = rc == GT_OK ? finish_input(in) : rc;
out:
    return close_input(in, rc);
}

/* Read standard input ("-"), or a FIFO or device named path, once: the
 * bytes are hashed as they are read (a pipe cannot be hashed first and
 * read again). */
static int ingest_once(struct gt_ingest *in, const char *path)
{
    struct gt_io_file *f = NULL;
    struct gt_buf spool;
    uint8_t *buf;
    int rc, r = 0, spooling = 1;

    rc = gt_io_open(path, &f);
    if (rc < 0) {
        snprintf(in->err, sizeof in->err, "cannot read '%s'", path);
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
        rc = ingest_content(in, path, (const uint8_t *)gt_buf_str(&spool), gt_buf_len(&spool),
                            r < 0);
        goto out;
    }
    rc = gt_ingest_stream_open(in, path);
    if (rc == GT_OK && gt_buf_len(&spool) > 0) {
        rc = gt_ingest_stream_feed(in, (const uint8_t *)gt_buf_str(&spool), gt_buf_len(&spool));
    }
    gt_buf_release(&spool);
    if (rc == GT_OK && r > 0) {
        rc = gt_ingest_stream_feed(in, buf, (size_t)r);
    }
    while (rc == GT_OK && (r = gt_io_read(f, buf, CHUNK)) != 0) {
        if (r < 0) {
            gt__ingest_sink_reject(in, "truncated-gzip", in->content_pos);
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

/* Is path the store being written, or its -wal, -shm or -journal file? */
static int is_own_db(const struct gt_ingest *in, const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char r[PATH_MAX];
    size_t n, i;
    int own = 0;

    if (in->db_real == NULL || realpath(path, r) == NULL) {
        return 0;
    }
    n = strlen(in->db_real);
    for (i = 0; i < sizeof suffix / sizeof suffix[0] && !own; i++) {
        own = strncmp(r, in->db_real, n) == 0 && strcmp(r + n, suffix[i]) == 0;
    }
    return own;
}

/* An entry of a folder that cannot be listed (a dangling or looping link,
 * an unreadable sub-folder, a cycle): reported by name with its reason,
 * the rest of the folder still read. */
static void on_skip(void *ud, const char *path, const char *why)
{
    struct gt_ingest *in = ud;

    report_begin(in, path);
    gt__ingest_count_reason(in, why, 1, 0);
    report_end(in, GT_INGEST_FAILED);
}

int gt_ingest_path(struct gt_ingest *in, const char *path)
{
    char **paths = NULL;
    size_t n = 0, i;
    int rc;

    if (strcmp(path, "-") == 0) {
        return ingest_once(in, "-");
    }
    rc = gt_io_list_ex(path, in->o.stop, on_skip, in, &paths, &n);
    if (rc == GT_ERR_EOF) {
        return rc;
    }
    if (rc < 0) {
        snprintf(in->err, sizeof in->err, "cannot read '%s'", path);
        return rc;
    }
    for (i = 0; i < n && rc == GT_OK; i++) {
        if (is_own_db(in, paths[i])) {
            continue; /* the database this ingest writes */
        }
        rc =
            gt_io_is_regular(paths[i]) == 0 ? ingest_once(in, paths[i]) : ingest_file(in, paths[i]);
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
        gt__ingest_rollback(in);
        return gt__ingest_db_error(in, rc);
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
            gt__ingest_sink_reject(in, "unknown-format", in->content_pos);
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
    return gt__ingest_checkpoint(in, safe_done(in), 0);
}

int gt_ingest_stream_reset(struct gt_ingest *in)
{
    int rc;

    if (!in->stream_active) {
        return GT_OK;
    }
    if (in->fmt == NULL) {
        if (in->nsniff > 0) {
            gt__ingest_sink_reject(in, "partial-record", in->content_pos);
            in->content_pos += in->nsniff;
            in->nsniff = 0;
        }
        return GT_OK;
    }
    if (in->fmt->mode == GT_INGEST_LINES && gt_buf_len(&in->line) > 0) {
        gt__ingest_sink_reject(in, "partial-record", in->line_pos);
    }
    rc = gt__ingest_checkpoint(in, safe_done(in), 0);
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
            gt__ingest_sink_reject(in, "unknown-format", in->content_pos);
            in->content_pos += in->nsniff;
        }
        in->nsniff = 0;
    }
    if (rc == GT_OK && in->fmt != NULL) {
        rc = drain(in);
    }
    if (rc == GT_OK) {
        rc = gt__ingest_checkpoint(in, in->content_pos, 1);
    }
    end_handler(in);
    return rc;
}
