/*
 * version.h - the library version.
 */
#ifndef GT_VERSION_H
#define GT_VERSION_H

#define GT_VERSION_MAJOR 0
#define GT_VERSION_MINOR 1
#define GT_VERSION_PATCH 0
#define GT_VERSION       "0.1.0"

/* Return the library version string, e.g. "0.1.0": the version of the
 * library actually linked, which may differ from GT_VERSION in the headers
 * an application was compiled with. */
const char *gt_version(void);

#endif /* GT_VERSION_H */
