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
#include "ghosttrack/esc.h"
#include "ghosttrack/csv.h"
#include "ghosttrack/text.h"
#include "ghosttrack/log.h"
#include "ghosttrack/time.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/ais.h"
#include "ghosttrack/import.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/archive.h"
#include "ghosttrack/io.h"
#include "ghosttrack/deliver.h"
#include "ghosttrack/follow.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/land.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/ref.h"
#include "ghosttrack/track.h"
#include "ghosttrack/segment.h"
#include "ghosttrack/event.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/reception.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/air_resolve.h"
#include "ghosttrack/store.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/export.h"
#include "ghosttrack/html.h"
#include "ghosttrack/assemble.h"
#include "ghosttrack/encode.h"
#include "ghosttrack/sim.h"

#endif /* GT_GHOSTTRACK_H */
