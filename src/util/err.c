/*
 * err.c - messages and names for enum gt_err, generated from GT_ERR_MAP.
 */
#include "ghosttrack/err.h"

const char *gt_strerror(int err)
{
    switch (err) {
    case GT_OK:
        return "success";
#define GT__ERR_MSG(name, val, msg)                                                                \
    case (val):                                                                                    \
        return (msg);
        GT_ERR_MAP(GT__ERR_MSG)
#undef GT__ERR_MSG
    }
    return "unknown error";
}

const char *gt_errname(int err)
{
    switch (err) {
    case GT_OK:
        return "GT_OK";
#define GT__ERR_NAME(name, val, msg)                                                               \
    case (val):                                                                                    \
        return "GT_ERR_" #name;
        GT_ERR_MAP(GT__ERR_NAME)
#undef GT__ERR_NAME
    }
    return "GT_ERR_UNKNOWN";
}
