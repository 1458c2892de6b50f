/*
 * refdata.c - find and load the reference data that installs with
 * ghosttrack (see refdata.h; sources and accuracy in docs/REFERENCE.md).
 *
 * The folder is found from the program's own path, as git finds its
 * exec-path and GDAL its data folder when built relocatable: no
 * environment variable, no compiled-in prefix, so an installed tree can be
 * moved.
 */
#include "ghosttrack/refdata.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/land.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ref_int.h"

/* Built-in terminals closer than this to a WPI port are the same place. */
#define SAME_PORT_KM 3.0

void gt_refdata_init(struct gt_refdata *rd)
{
    memset(rd, 0, sizeof *rd);
}

void gt_refdata_release(struct gt_refdata *rd)
{
    gt_ports_free(rd->ports);
    gt_airports_free(rd->airports);
    gt_land_free(rd->land);
    gt_refdata_init(rd);
}

int gt_refdata_candidate(const char *exe, int i, char *buf, size_t size)
{
    static const char *const rel[] = {"/../share/ghosttrack", "/share/ghosttrack"};
    char path[1024];
    char *slash;
    int n;

    if (i < 0 || i >= (int)(sizeof rel / sizeof rel[0])) {
        return GT_ERR_NOTFOUND;
    }
    if (exe == NULL) {
        ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
        if (len <= 0) {
            return GT_ERR_NOTFOUND;
        }
        path[len] = '\0';
    } else if (strlen(exe) < sizeof path) {
        strcpy(path, exe);
    } else {
        return GT_ERR_RANGE;
    }
    slash = strrchr(path, '/');
    if (slash == NULL) {
        return GT_ERR_NOTFOUND;
    }
    *slash = '\0';
    n = snprintf(buf, size, "%s%s", path, rel[i]);
    return n < 0 || (size_t)n >= size ? GT_ERR_RANGE : GT_OK;
}

static int join(char *buf, size_t size, const char *dir, const char *file)
{
    int n = snprintf(buf, size, "%s/%s", dir, file);
    return n < 0 || (size_t)n >= size ? GT_ERR_RANGE : GT_OK;
}

static int exists(const char *dir, const char *file)
{
    char path[1200];
    struct stat st;
    return join(path, sizeof path, dir, file) == GT_OK && stat(path, &st) == 0;
}

/* Record the first real error; GT_ERR_NOTFOUND only marks a kind missing. */
static void note(struct gt_refdata *rd, unsigned kind, int rc)
{
    if (rc == GT_OK) {
        return;
    }
    rd->missing |= kind;
    if (rc != GT_ERR_NOTFOUND && rd->err == GT_OK) {
        rd->err = rc;
    }
}

static int load_ports(struct gt_refdata *rd, const char *path)
{
    size_t nbad = 0;
    int rc = gt_ports_new(&rd->ports);

    if (rc == GT_OK) {
        rc = gt_ports_load_file(rd->ports, path, &nbad);
    }
    if (rc == GT_OK && rd->ports->n == 0) {
        rc = GT_ERR_BADDATA;
    }
    /* The built-in terminals (demo scenarios, offshore oil berths) that
     * the WPI extract lacks. */
    if (rc == GT_OK) {
        rc = gt_ports_add_builtin_missing(rd->ports, SAME_PORT_KM, NULL);
    }
    if (rc != GT_OK) {
        gt_ports_free(rd->ports);
        rd->ports = NULL;
    }
    return rc;
}

static int load_airports(struct gt_refdata *rd, const char *path)
{
    uint8_t *buf;
    size_t n;
    int rc = gt__ref_read_file(path, (size_t)64 << 20, &buf, &n);

    if (rc != GT_OK) {
        return rc;
    }
    rc = gt_airports_parse(buf, n, &rd->airports);
    gt_free(buf);
    return rc;
}

int gt_refdata_load(struct gt_refdata *rd, const char *dir, unsigned want)
{
    char cand[1024], path[1200];
    size_t len;
    int i, rc;

    rd->missing = 0;
    rd->err = GT_OK;
    rd->searched[0] = '\0';
    if (dir != NULL) {
        if (strlen(dir) >= sizeof rd->dir) {
            return GT_ERR_RANGE;
        }
        strcpy(rd->dir, dir);
        strcpy(rd->searched, dir);
    } else {
        rd->dir[0] = '\0';
        for (i = 0; gt_refdata_candidate(NULL, i, cand, sizeof cand) == GT_OK; i++) {
            len = strlen(rd->searched);
            snprintf(rd->searched + len, sizeof rd->searched - len, "%s%s", len ? ", " : "", cand);
            if (rd->dir[0] == '\0' && exists(cand, GT_REFDATA_PORTS_FILE)) {
                strcpy(rd->dir, cand);
            }
        }
        if (rd->dir[0] == '\0' && gt_refdata_candidate(NULL, 0, cand, sizeof cand) == GT_OK) {
            strcpy(rd->dir, cand);
        }
    }
    if ((want & GT_REFDATA_PORTS) && rd->ports == NULL) {
        rc = join(path, sizeof path, rd->dir, GT_REFDATA_PORTS_FILE);
        note(rd, GT_REFDATA_PORTS, rc == GT_OK ? load_ports(rd, path) : rc);
    }
    if ((want & GT_REFDATA_AIRPORTS) && rd->airports == NULL) {
        rc = join(path, sizeof path, rd->dir, GT_REFDATA_AIRPORTS_FILE);
        note(rd, GT_REFDATA_AIRPORTS, rc == GT_OK ? load_airports(rd, path) : rc);
    }
    if ((want & GT_REFDATA_LAND) && rd->land == NULL) {
        rc = join(path, sizeof path, rd->dir, GT_REFDATA_LAND_FILE);
        note(rd, GT_REFDATA_LAND, rc == GT_OK ? gt_land_load_file(path, &rd->land) : rc);
        if (rd->land != NULL && join(path, sizeof path, rd->dir, GT_REFDATA_INLAND_FILE) == GT_OK &&
            exists(rd->dir, GT_REFDATA_INLAND_FILE)) {
            struct gt_land *inland = NULL;
            rc = gt_land_load_file(path, &inland);
            if (rc == GT_OK) {
                gt_land_set_inland(rd->land, inland);
            } else if (rd->err == GT_OK) {
                rd->err = rc; /* the sea layer alone still serves */
            }
        }
    }
    if (rd->err == GT_ERR_NOMEM) {
        return GT_ERR_NOMEM;
    }
    return rd->missing ? GT_ERR_NOTFOUND : GT_OK;
}
