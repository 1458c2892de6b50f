/*
 * to_store.c - the sink the format handlers write to: observations and
 * identity facts go into the store with the input's provenance, rejects are
 * counted by reason, and every GT_INGEST_BATCH records the batch is
 * committed together with the input's progress mark, so a crash loses at
 * most one batch and a rerun resumes after the last committed record
 * (include/ghosttrack/ingest.h, "crash safety").
 */
#include "ghosttrack/ingest.h"
#include "ingest_int.h"

#include <stdio.h>
#include <string.h>

int gt__ingest_db_error(struct gt_ingest *in, int rc)
{
    snprintf(in->err, sizeof in->err, "%s", gt_store_errmsg(in->st));
    return rc;
}

/* Roll back after an error; a failing rollback leaves SQLite's own
 * automatic gt__ingest_rollback, so there is nothing more to do. */
void gt__ingest_rollback(struct gt_ingest *in)
{
    if (gt_store_rollback(in->st) < 0) {
        in->npend = 0;
    }
}

void gt__ingest_count_reason(struct gt_ingest *in, const char *reason, uint64_t n, int pending)
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

enum { MARK_PROGRESS = 0, MARK_COMPLETE = 1, MARK_FINAL = 2 };

/* Write the progress mark and pending counters, and commit the batch.
 * MARK_FINAL ends a file input: it is marked complete when something was
 * stored from it (or found stored already), and otherwise left with no
 * progress at all, so that the same bytes read again, with the right
 * format or options, are stored in full (*stored says which). */
static int commit_batch(struct gt_ingest *in, uint64_t done, int mode, int *stored)
{
    size_t i;
    uint64_t d;
    int rc = gt_store_begin(in->st), gave = 1;

    if (rc == GT_OK) {
        rc = gt_store_flush(in->st);
    }
    /* positions found already stored at flush time are not accepted */
    d = gt_store_duplicates(in->st) - in->dupes_seen;
    in->dupes_seen += d;
    in->stats.duplicates += d;
    in->stats.positions -= d < in->stats.positions ? d : in->stats.positions;
    in->accepted_pending -= d < in->accepted_pending ? d : in->accepted_pending;

    if (mode == MARK_FINAL) {
        gave = in->prior_accepted + (in->stats.positions - in->at_start.positions) +
                   (in->stats.facts - in->at_start.facts) +
                   (in->stats.duplicates - in->at_start.duplicates) >
               0;
        if (!gave && rc == GT_OK && in->rep.replaced) {
            /* --force read nothing this time: undo the replacement (all of
             * it is in this one transaction) and keep what was stored */
            gt__ingest_rollback(in);
            in->rep.replaced = 0;
            in->rep.kept = 1;
            in->stats.files_replaced--;
            in->npend = 0;
            in->accepted_pending = 0;
            in->batch_n = 0;
            *stored = 0;
            return GT_OK;
        }
        if (!gave && rc == GT_OK) {
            rc = gt_store_input_reset(in->st, in->input_id, NULL, 0, NULL);
        }
    }
    for (i = 0; i < in->npend && rc == GT_OK; i++) {
        rc = gt_store_add_rejects(in->st, in->input_id, in->pend[i].reason, in->pend[i].count);
    }
    if (rc == GT_OK && gave) {
        rc = gt_store_input_mark(in->st, in->input_id, done, mode != MARK_PROGRESS && !in->damaged,
                                 in->accepted_pending);
    }
    if (rc == GT_OK && in->o.on_commit != NULL) {
        rc = in->o.on_commit(in->o.tap_ud, 1);
        if (rc < 0 && rc != GT_ERR_DB) {
            gt__ingest_rollback(in);
            snprintf(in->err, sizeof in->err, "record tap: %s", gt_strerror(rc));
            return rc;
        }
    }
    if (rc == GT_OK) {
        rc = gt_store_commit(in->st);
    }
    if (rc < 0) {
        gt__ingest_rollback(in);
        return gt__ingest_db_error(in, rc);
    }
    in->commit_req = 0;
    if (in->o.on_commit != NULL) {
        rc = in->o.on_commit(in->o.tap_ud, 0);
        if (rc < 0) {
            snprintf(in->err, sizeof in->err, "record tap: %s", gt_strerror(rc));
            return rc;
        }
    }
    in->npend = 0;
    in->accepted_pending = 0;
    in->batch_n = 0;
    if (stored != NULL) {
        *stored = gave;
    }
    return GT_OK;
}

void gt_ingest_commit_soon(struct gt_ingest *in)
{
    in->commit_req = 1;
}

int gt__ingest_checkpoint(struct gt_ingest *in, uint64_t done, int complete)
{
    return commit_batch(in, done, complete ? MARK_COMPLETE : MARK_PROGRESS, NULL);
}

int gt__ingest_finish(struct gt_ingest *in, uint64_t done, int *stored)
{
    return commit_batch(in, done, MARK_FINAL, stored);
}

/* Called before storing a record at pos: commit between records. */
static int before_record(struct gt_ingest *in, uint64_t pos)
{
    size_t batch = in->o.batch > 0 ? in->o.batch : GT_INGEST_BATCH;
    int rc;

    if (in->have_pos && pos > in->last_pos && (in->batch_n >= batch || in->commit_req)) {
        rc = gt__ingest_checkpoint(in, pos, 0);
        if (rc < 0) {
            return rc;
        }
    }
    if (!in->have_pos || pos > in->last_pos) {
        in->last_pos = pos;
        in->have_pos = 1;
    }
    rc = gt_store_begin(in->st);
    return rc < 0 ? gt__ingest_db_error(in, rc) : GT_OK;
}

/* A station named in the data: its id (created on first sight), or 0 when
 * the store cannot give one (the record then keeps the pipeline's own). */
uint32_t gt__ingest_sink_station(void *ud, const char *name, enum gt_rx_class rx)
{
    struct gt_ingest *in = ud;
    uint32_t id = 0;

    if (name == NULL || name[0] == '\0' ||
        gt_store_station_ensure(in->st, name, rx, &id) != GT_OK) {
        return 0;
    }
    return id;
}

int gt__ingest_sink_obs(void *ud, const struct gt_obs *src)
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
        if (in->o.on_obs != NULL) {
            rc = in->o.on_obs(in->o.tap_ud, &o);
            if (rc < 0) {
                snprintf(in->err, sizeof in->err, "record tap: %s", gt_strerror(rc));
                return rc;
            }
        }
    } else if (rc == GT_ERR_INVAL) {
        gt__ingest_count_reason(in, "invalid-position", 1, 1);
    } else {
        return gt__ingest_db_error(in, rc);
    }
    return GT_OK;
}

int gt__ingest_sink_fact(void *ud, const struct gt_ident_obs *src)
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
        if (in->o.on_fact != NULL) {
            rc = in->o.on_fact(in->o.tap_ud, &io);
            if (rc < 0) {
                snprintf(in->err, sizeof in->err, "record tap: %s", gt_strerror(rc));
                return rc;
            }
        }
    } else if (rc == GT_ERR_INVAL) {
        gt__ingest_count_reason(in, "invalid-fact", 1, 1);
    } else {
        return gt__ingest_db_error(in, rc);
    }
    return GT_OK;
}

void gt__ingest_sink_reject(void *ud, const char *reason, uint64_t pos)
{
    struct gt_ingest *in = ud;

    if (pos < in->skip_below) {
        return;
    }
    if (!in->have_pos || pos > in->last_pos) {
        in->last_pos = pos;
        in->have_pos = 1;
    }
    gt__ingest_count_reason(in, reason, 1, 1);
}
