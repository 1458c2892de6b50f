/*
 * ingest_int.h - private to src/ingest: the pipeline's state (ingest.c),
 * the sink that writes into the store (to_store.c), and the format handlers
 * that wrap the decoder families (fmt_ais.c, fmt_modes.c) for the table in
 * formats.c.  Each handler group follows the handler contract of ingest.h.
 */
#ifndef GT_INGEST_INT_H
#define GT_INGEST_INT_H

#include "ghosttrack/buf.h"
#include "ghosttrack/ingest.h"

/* AIS NMEA 0183 (!AIVDM/!AIVDO with tag blocks, USCG suffixes, $PGHP). */
int gt__ingest_nmea_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_nmea_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_nmea_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink);
void gt__ingest_nmea_close(void *state);

/* AIS CSV archives: MarineCadastre and Danish Maritime Authority. */
int gt__ingest_aiscsv_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_csv_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_aiscsv_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_aiscsv_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                           const struct gt_sink *sink);
int gt__ingest_aiscsv_finish(void *state, const struct gt_sink *sink);
void gt__ingest_aiscsv_close(void *state);

/* Mode S: AVR, Beast, SBS, OpenSky raw CSV, epoch-hex lines. */
int gt__ingest_modes_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_modes_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_modes_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                          const struct gt_sink *sink);
int gt__ingest_modes_finish(void *state, const struct gt_sink *sink);
void gt__ingest_modes_close(void *state);

/* The recording's start time the recorder wrote into the file name, as
 * "utc--EPOCH[.FRACTION]" (e.g. "beast-utc--1522782148.136310917--.log"):
 * GT_OK with *t_ms, GT_ERR_NOTFOUND when there is none, GT_ERR_BADDATA
 * when it is not a plausible epoch in seconds. */
int gt__ingest_name_epoch(const char *path, int64_t *t_ms);

/* ---- the pipeline's state ---- */

/* The UTF-8 byte-order mark, skipped at the start of every input. */
#define GT__INGEST_BOM "\xef\xbb\xbf"

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
    int commit_req; /* gt_ingest_commit_soon() was called */
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
    int damaged; /* the input ends in damage (bad gzip): stored so far, not complete */
    uint64_t content_pos;
    int stream_active;
    uint8_t *sniffbuf;
    size_t nsniff;

    /* the current input's report (files and standard input) */
    struct gt_ingest_stats at_start; /* the counters when it began */
    uint64_t prior_accepted;         /* records stored by earlier runs */
    struct gt_ingest_report rep;
    char *db_real; /* realpath of opts.db_path, or NULL */
};

/* ---- to_store.c: the sink and the batch commits ---- */

int gt__ingest_db_error(struct gt_ingest *in, int rc);
void gt__ingest_rollback(struct gt_ingest *in);
void gt__ingest_count_reason(struct gt_ingest *in, const char *reason, uint64_t n, int pending);
int gt__ingest_checkpoint(struct gt_ingest *in, uint64_t done, int complete);
int gt__ingest_finish(struct gt_ingest *in, uint64_t done, int *stored);
void gt__ingest_sink_reject(void *ud, const char *reason, uint64_t pos);
int gt__ingest_sink_obs(void *ud, const struct gt_obs *src);
int gt__ingest_sink_fact(void *ud, const struct gt_ident_obs *src);
uint32_t gt__ingest_sink_station(void *ud, const char *name, enum gt_rx_class rx);

#endif /* GT_INGEST_INT_H */
