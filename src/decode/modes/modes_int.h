/*
 * modes_int.h - private to src/decode/modes: helpers shared across files.
 */
#ifndef GT_MODES_INT_H
#define GT_MODES_INT_H

#include "ghosttrack/modes.h"

/* Decode the MB field of raw as register bds into m, whatever inference
 * said (modes.c). */
void gt__modes_commb_as(const uint8_t *raw, enum gt_modes_bds bds, struct gt_modes_msg *m);

#endif /* GT_MODES_INT_H */
