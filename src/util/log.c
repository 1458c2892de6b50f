/*
 * log.c - callback logging (see log.h).
 */
#include "ghosttrack/log.h"

#include <stdio.h>

static gt_log_fn *handler;
static void *handler_ud;
static enum gt_log_level handler_min = GT_LOG_INFO;

void gt_log_set_handler(gt_log_fn *fn, void *ud, enum gt_log_level min_level)
{
    handler = fn;
    handler_ud = ud;
    handler_min = min_level;
}

void gt_log(enum gt_log_level level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (handler == NULL || level < handler_min) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    handler(level, msg, handler_ud);
}

const char *gt_log_level_name(enum gt_log_level level)
{
    switch (level) {
    case GT_LOG_DEBUG:
        return "debug";
    case GT_LOG_INFO:
        return "info";
    case GT_LOG_WARN:
        return "warning";
    case GT_LOG_ERROR:
        return "error";
    }
    return "unknown";
}
