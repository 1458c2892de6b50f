/*
 * ingest.h - the ingest pipeline: any input to the evidence store.
 *
 * Inputs are files (gzip transparently, directories recursively, sorted),
 * standard input, and live streams whose bytes the caller (cli) receives
 * and pushes in.  The format of each input is detected from its content by
 * a table of format handlers; each handler parses bytes and emits
 * struct gt_obs / gt_ident_obs with the content offset of their record in
 * prov.pos.  The pipeline fills in provenance (input id, kind), source,
 * station and receiver class, and writes everything in batched
 * transactions.
 *
 * Crash safety: an input file is found by its SHA-256.  Each batch commits
 * its rows together with the input's progress mark ("every record before
 * offset P is stored"); the last batch also marks the input complete.
 * After a crash or kill -9, running the same ingest again re-parses an
 * incomplete input from its start, drops every record before P, and
 * carries on, so nothing is duplicated or lost; complete inputs are
 * skipped (opts.force re-ingests them: the input keeps its id, its old
 * positions and the facts only it gave are deleted first).  Only an input
 * from which something was stored (or found already stored) is marked
 * complete: one of unknown format, or whose every record was rejected,
 * keeps no progress, so the same bytes with the right --format are stored
 * in full later.  An incomplete input read with another format than last
 * time starts over too.
 *
 * ADDING A FORMAT HANDLER (for the AIS and Mode S decoders): write a
 * struct gt_ingest_format (below) and add one line to the `formats` table
 * in src/ingest/formats.c.  The handler contract:
 *   - sniff(p, n, path): confidence 0..100 that the first n bytes (up to
 *     64 KiB, fewer for a short file or a stream) are in this format; the
 *     highest wins, ties go to the earlier table entry; 0 means no.
 *   - open(ctx, &state): allocate per-input state (ctx->subject,
 *     ctx->path available).  close(state) frees it.  open may be NULL
 *     when the handler needs no state (state is then NULL).
 *   - mode GT_INGEST_LINES: feed(state, line, len, pos, sink) once per
 *     line, without its "\n" (a "\r" is left in), pos = content offset of
 *     the line's first byte; a last line without newline is fed too.
 *     mode GT_INGEST_BYTES: feed(state, chunk, len, pos, sink) for
 *     consecutive chunks, pos = offset of chunk[0]; the handler frames
 *     records itself (Beast) and must give every emission the offset of
 *     its record's first byte.  mode GT_INGEST_DOCUMENT: feed is called
 *     once with the whole content (at most 512 MiB) and pos 0.
 *   - finish(state, sink), may be NULL: flush at the end of the input.
 *   - Emissions go through sink->obs / sink->fact / sink->reject (reason:
 *     a static lower-case token such as "bad-checksum"), in non-decreasing
 *     prov.pos order, all emissions of one record together.  Leave
 *     prov.kind, prov.input_id, source_id and station_id zero (the
 *     pipeline fills them; a non-zero station_id is kept).  Return GT_OK,
 *     or the negative value a sink call returned (stop at once).
 *   - For live streams pos counts bytes since the stream was opened,
 *     across reconnects; on a reconnect the handler is closed and
 *     re-opened, so it must not assume a record spans connections.
 */
#ifndef GT_INGEST_H
#define GT_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/archive.h"
#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/store.h"

/* How a handler wants its bytes. */
enum gt_ingest_mode {
    GT_INGEST_LINES = 1,   /* one call per line */
    GT_INGEST_BYTES = 2,   /* raw chunks */
    GT_INGEST_DOCUMENT = 3 /* the whole content at once */
};

/* What a handler knows about the input it is opened on. */
struct gt_ingest_ctx {
    const char *path;        /* file path or stream URL ("-" for stdin) */
    struct gt_ident subject; /* --subject, kind GT_ID_NONE when not given */
    int64_t start_ms;        /* --start-time: when the recording began, or
                                GT_TIME_NONE; see gt_ingest_opts.start_ms.
                                ctx stays valid until close, and for a live
                                stream start_ms is updated at each connection
                                (gt_ingest_set_start_time), so read it when
                                the first record needs it */
    double line_rate;        /* --assume-line-rate: lines per second of an
                                untimed NMEA log, 0 for none */
    const char *columns;     /* --columns: a CSV column mapping
                                ("mmsi=ID,time=ts,..."), or NULL */
};

/* One format handler: one entry of the table in src/ingest/formats.c. */
struct gt_ingest_format {
    const char *name;         /* --format value, e.g. "opensky-csv" */
    const char *description;  /* one line for `ingest --format list` */
    enum gt_ingest_mode mode; /* how feed receives bytes */
    int (*sniff)(const uint8_t *p, size_t n, const char *path);
    int (*open)(const struct gt_ingest_ctx *ctx, void **state);
    int (*feed)(void *state, const uint8_t *p, size_t n, uint64_t pos, const struct gt_sink *sink);
    int (*finish)(void *state, const struct gt_sink *sink);
    void (*close)(void *state);
};

/* Return the handler table, terminated by an entry with name == NULL. */
const struct gt_ingest_format *gt_ingest_formats(void);

/* Return the handler called name, or NULL. */
const struct gt_ingest_format *gt_ingest_format_find(const char *name);

/* Return the best handler for the first n bytes p of input path, or NULL. */
const struct gt_ingest_format *gt_ingest_sniff(const uint8_t *p, size_t n, const char *path);

/* Progress callback: content bytes of the current input done so far, and
 * its raw size (0 when unknown). */
typedef void gt_ingest_progress_fn(void *ud, const char *path, uint64_t done, uint64_t total);

/* Records per transaction by default.  Positions are clustered by
 * identity, so a transaction rewrites a page per identity it touches:
 * with thousands of vessels, 500,000 records write about a fifth of what
 * 50,000 do per record, and a crash costs at most a second or two of
 * redone work.  Live streams commit every second regardless. */
#define GT_INGEST_BATCH 500000

/* What became of one input file (or standard input). */
enum gt_ingest_outcome {
    GT_INGEST_STORED = 1, /* read to the end and something was stored (or was
                             already there: duplicates), marked complete */
    GT_INGEST_KNOWN = 2,  /* the same content is already complete: skipped */
    GT_INGEST_FAILED = 3  /* nothing stored: unknown format, unreadable, every
                             record rejected; not marked complete, so the
                             right command stores it later */
};

/* The report of one input, passed to gt_ingest_opts.on_input. */
struct gt_ingest_report {
    const char *path;               /* as listed ("-" for standard input) */
    const char *format;             /* handler name, NULL when none matched */
    enum gt_ingest_outcome outcome; /* see above */
    int resumed;                    /* carried on after an interrupted run */
    int replaced;                   /* --force: the stored records were replaced */
    uint64_t replaced_positions;    /* positions deleted by the replacement */
    int kept;                       /* --force stored nothing: the earlier records
                                       were kept (outcome GT_INGEST_FAILED) */
    uint64_t positions, facts;      /* stored from this input in this run */
    uint64_t duplicates;            /* positions already stored */
    uint64_t rejected;              /* records rejected, all reasons but "blank" */
    uint64_t untimed;               /* of which had no usable time ("no-time",
                                       "no-clock-anchor", "no-date") */
    const char *reason;             /* most frequent reject reason, or NULL */
    uint64_t reason_count;          /* its count */
};

/* Per-input callback (the CLI prints warnings and errors from it). */
typedef void gt_ingest_input_fn(void *ud, const struct gt_ingest_report *r);

/* The record tap (the watch engine): called once for each position and
 * each identity fact the store accepted, after it was handed to the store,
 * with provenance (kind, input id, offset or sequence number), source and
 * station filled in exactly as stored.  Records a resumed input skips (they
 * were stored, and tapped, by an earlier run) are not tapped again.  A
 * negative return stops the pipeline with that error. */
typedef int gt_ingest_obs_fn(void *ud, const struct gt_obs *o);
typedef int gt_ingest_fact_fn(void *ud, const struct gt_ident_obs *f);

/* Commit hook: called with before = 1 inside each batch's transaction just
 * before it commits (write rows that must commit with the batch, such as
 * engine state), and with before = 0 once the commit succeeded (act on what
 * is now durable).  A negative return from before = 1 rolls the batch
 * back and stops the pipeline with that error. */
typedef int gt_ingest_commit_fn(void *ud, int before);

/* Options of a pipeline; zero-initialise, then set what you need. */
struct gt_ingest_opts {
    const char *source;              /* feed name, or NULL */
    const char *format;              /* force this handler, or NULL to sniff */
    const char *station;             /* receiver/station name, or NULL */
    enum gt_rx_class rx;             /* receiver class of the station */
    struct gt_ident subject;         /* subject for formats without identity (FR24 CSV) */
    size_t batch;                    /* records per transaction (0: GT_INGEST_BATCH) */
    volatile const int *stop;        /* when it becomes non-zero: commit and stop */
    gt_ingest_progress_fn *progress; /* may be NULL */
    void *progress_ud;
    int force;                    /* re-ingest complete inputs, replacing their records */
    int64_t start_ms;             /* when the recording began (epoch ms), for formats that
                                     carry only a receiver clock (Beast/AVR 12 MHz counter,
                                     Radarcape GPS time of day); 0: none given */
    double line_rate;             /* with start_ms: AIS NMEA lines without any time are
                                     placed at start_ms + line number / line_rate s, a
                                     guess the caller asks for explicitly; 0: refused */
    const char *db_path;          /* the store's own file, or NULL: a directory listing
                                     skips it and its -wal, -shm and -journal files */
    const char *columns;          /* CSV column mapping "key=COLUMN,..." for the csv and
                                     ais-csv handlers (gt_csv_import_set_columns()), or
                                     NULL: columns found by their header names */
    gt_ingest_input_fn *on_input; /* may be NULL; called once per input file */
    void *on_input_ud;
    gt_ingest_obs_fn *on_obs;       /* record tap for positions, or NULL */
    gt_ingest_fact_fn *on_fact;     /* record tap for identity facts, or NULL */
    gt_ingest_commit_fn *on_commit; /* commit hook, or NULL */
    void *tap_ud;                   /* passed to on_obs, on_fact and on_commit */
};

/* Maximum distinct reject reasons counted per pipeline. */
#define GT_INGEST_MAX_REASONS 48

/* What a pipeline did. */
struct gt_ingest_stats {
    uint64_t files;          /* files ingested (completed) in this run */
    uint64_t files_resumed;  /* of which were resumed after an interruption */
    uint64_t files_known;    /* skipped: the same content was already stored */
    uint64_t files_unknown;  /* skipped: no handler recognised the content */
    uint64_t files_failed;   /* nothing stored (unknown, unreadable, all rejected) */
    uint64_t files_replaced; /* complete inputs re-ingested by opts.force */
    uint64_t bytes;          /* content bytes read */
    uint64_t positions;      /* positions stored */
    uint64_t facts;          /* identity facts stored */
    uint64_t duplicates;     /* positions already stored (same record), or copies of one heard by
                                another receiver (gt_store_pos_receivers()) */
    uint64_t rejected;       /* rejected records, all reasons */
    size_t nreasons;
    struct {
        const char *reason; /* static token */
        uint64_t count;
    } reasons[GT_INGEST_MAX_REASONS];
};

struct gt_ingest;

/* Create a pipeline writing into st (which it borrows).  Returns GT_OK,
 * GT_ERR_INVAL (unknown forced format), GT_ERR_DB or GT_ERR_NOMEM; free
 * *out with gt_ingest_free(). */
GT_MUST_CHECK int gt_ingest_new(struct gt_store *st, const struct gt_ingest_opts *o,
                                struct gt_ingest **out);

/* Commit what is pending and free; NULL is a no-op. */
void gt_ingest_free(struct gt_ingest *in);

/* Ingest a file, or every file below a directory, or "-" (standard input:
 * up to 256 MiB is read into memory and stored like a file named "-",
 * found by its hash; longer input is stored as a stream).  Returns GT_OK, GT_ERR_EOF when stopped
 * through opts.stop (everything so far committed), GT_ERR_NOTFOUND, GT_ERR_IO or GT_ERR_DB.  Files
 * that cannot be read or recognised are counted and skipped, not fatal. */
GT_MUST_CHECK int gt_ingest_path(struct gt_ingest *in, const char *path);

/* Open a live stream named name (a URL): a new stream input.  Returns
 * GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_ingest_stream_open(struct gt_ingest *in, const char *name);

/* Push n received bytes of the open stream.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_ingest_stream_feed(struct gt_ingest *in, const uint8_t *p, size_t n);

/* The connection dropped: drop any partial record (counted as
 * "partial-record"), commit, and get ready for the bytes of a new
 * connection.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_ingest_stream_reset(struct gt_ingest *in);

/* Finish the stream: flush the handler, mark the input complete, commit.
 * Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_ingest_stream_close(struct gt_ingest *in);

/* Commit what is pending now (live streams call this once a second).
 * Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_ingest_flush(struct gt_ingest *in);

/* Ask for a commit before the next record (between records, as a full
 * batch is committed) or at the next gt_ingest_flush(), whichever comes
 * first: the record tap calls this when something it did must become
 * durable soon (an alert to deliver). */
void gt_ingest_commit_soon(struct gt_ingest *in);

/* Set when the recording begins from now on (epoch ms, 0 for none), as
 * opts.start_ms: for a live stream the caller passes its clock at each
 * (re)connection, which anchors Beast/AVR receiver clocks to it. */
void gt_ingest_set_start_time(struct gt_ingest *in, int64_t start_ms);

/* Return the counters so far (borrowed). */
const struct gt_ingest_stats *gt_ingest_stats(const struct gt_ingest *in);

/* Return the last error message (store or I/O), "" when none. */
const char *gt_ingest_errmsg(const struct gt_ingest *in);

#endif /* GT_INGEST_H */
