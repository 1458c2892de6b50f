/*
 * ingest_int.h - private to src/ingest: the format handlers that wrap the
 * decoder families (ingest_decoders.c) for the table in ingest.c.  Each
 * group follows the handler contract of ingest.h.
 */
#ifndef GT_INGEST_INT_H
#define GT_INGEST_INT_H

#include "ghosttrack/ingest.h"

/* AIS NMEA 0183 (!AIVDM/!AIVDO with tag blocks, USCG suffixes, $PGHP). */
int gt__ingest_nmea_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_nmea_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_nmea_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink);
void gt__ingest_nmea_close(void *state);

/* AIS CSV archives: MarineCadastre and Danish Maritime Authority. */
int gt__ingest_aiscsv_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_aiscsv_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_aiscsv_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                           const struct gt_sink *sink);
void gt__ingest_aiscsv_close(void *state);

/* Mode S: AVR, Beast, SBS, OpenSky raw CSV, epoch-hex lines. */
int gt__ingest_modes_sniff(const uint8_t *p, size_t n, const char *path);
int gt__ingest_modes_open(const struct gt_ingest_ctx *ctx, void **state);
int gt__ingest_modes_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                          const struct gt_sink *sink);
int gt__ingest_modes_finish(void *state, const struct gt_sink *sink);
void gt__ingest_modes_close(void *state);

#endif /* GT_INGEST_INT_H */
