/*
 * ghosttrack.h - umbrella header: includes every public module header.
 *
 * For applications only.  Library sources include just the headers they use,
 * so that `make check-layering` can see which way dependencies point.
 */
#ifndef GT_GHOSTTRACK_H
#define GT_GHOSTTRACK_H

#include "ghosttrack/version.h"
#include "ghosttrack/err.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/log.h"
#include "ghosttrack/time.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/obs.h"

#endif /* GT_GHOSTTRACK_H */
