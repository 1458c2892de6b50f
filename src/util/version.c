/*
 * version.c - library version (see version.h).
 */
#include "ghosttrack/version.h"

const char *gt_version(void)
{
    return GT_VERSION;
}
