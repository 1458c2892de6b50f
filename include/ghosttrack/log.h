/*
 * log.h - diagnostics through a callback.
 *
 * The library never prints: anything worth telling a person goes through the
 * handler the application installed with gt_log_set_handler(), and is
 * dropped when there is none.  The CLI installs one that writes to stderr.
 * The handler is process-global; install it once before starting work.
 */
#ifndef GT_LOG_H
#define GT_LOG_H

#include <stdarg.h>

#include "ghosttrack/err.h"

enum gt_log_level { GT_LOG_DEBUG = 0, GT_LOG_INFO = 1, GT_LOG_WARN = 2, GT_LOG_ERROR = 3 };

/* A log handler: level, the formatted message (no trailing newline; borrowed
 * for the duration of the call) and the user data given at installation. */
typedef void gt_log_fn(enum gt_log_level level, const char *msg, void *ud);

/* Install fn (NULL removes it) to receive messages at min_level and above. */
void gt_log_set_handler(gt_log_fn *fn, void *ud, enum gt_log_level min_level);

/* Send a printf-formatted message to the installed handler, if any, when
 * level is at or above its minimum.  Messages longer than 1 KiB are cut. */
GT_PRINTF(2, 3) void gt_log(enum gt_log_level level, const char *fmt, ...);

/* Return the name of a level ("debug", "info", "warning", "error"). */
const char *gt_log_level_name(enum gt_log_level level);

#endif /* GT_LOG_H */
