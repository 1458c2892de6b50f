/*
 * landprobe.c - measure a land file against probe points of known answer
 * (docs/REFERENCE.md has the table this printed).
 *
 *   landprobe [--water] [--inland FILE2] FILE PROBES.tsv
 *
 * PROBES.tsv: `lat<TAB>lon<TAB>land|water<TAB>name` per line, '#' comments.
 * Prints each probe's answer and distance from shore, the load time, the
 * peak memory and the score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ghosttrack/land.h"
#include "ghosttrack/mem.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb;
}

int main(int argc, char **argv)
{
    struct gt_land *l = NULL;
    unsigned flags = 0;
    const char *inland = NULL;
    char line[512];
    double t0;
    int i = 1, rc, ok = 0, all = 0;
    FILE *f;

    if (argc > i && strcmp(argv[i], "--water") == 0) {
        flags = GT_LAND_WATER;
        i++;
    }
    if (argc > i + 1 && strcmp(argv[i], "--inland") == 0) {
        inland = argv[i + 1];
        i += 2;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: landprobe [--water] [--inland FILE2] FILE PROBES.tsv\n");
        return 2;
    }
    t0 = now_s();
    f = fopen(argv[i], "rb");
    if (f == NULL) {
        fprintf(stderr, "landprobe: cannot open '%s'\n", argv[i]);
        return 1;
    }
    {
        size_t n = 0, cap = (size_t)1 << 26;
        uint8_t *buf = gt_malloc(cap);
        while (buf != NULL) {
            size_t got = fread(buf + n, 1, cap - n, f);
            uint8_t *nb;
            n += got;
            if (n < cap) {
                break;
            }
            cap *= 2;
            nb = gt_realloc(buf, cap);
            if (nb == NULL) {
                gt_free(buf);
            }
            buf = nb;
        }
        fclose(f);
        rc = buf ? gt_land_load_ex(buf, n, flags, &l) : GT_ERR_NOMEM;
        gt_free(buf);
    }
    if (rc == GT_OK && inland != NULL) {
        struct gt_land *in = NULL;
        rc = gt_land_load_file(inland, &in);
        gt_land_set_inland(l, in);
    }
    if (rc != GT_OK) {
        fprintf(stderr, "landprobe: %s\n", gt_strerror(rc));
        gt_land_free(l);
        return 1;
    }
    printf("# %s: %zu segments, load %.2f s, peak %ld MB\n", argv[i + 0], gt_land_nsegments(l),
           now_s() - t0, peak_kb() / 1024);
    f = fopen(argv[i + 1], "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        double lat, lon;
        char want[16], name[256];
        int land, good;
        if (line[0] == '#' ||
            sscanf(line, "%lf\t%lf\t%15s\t%255[^\n]", &lat, &lon, want, name) != 4) {
            continue;
        }
        land = gt_land_contains(l, lat, lon);
        good = land == (strcmp(want, "land") == 0);
        ok += good;
        all++;
        printf("%s\t%9.4f %10.4f\twant %-5s got %-5s shore %6.2f nm\t%s\n", good ? "ok " : "BAD",
               lat, lon, want, land ? "land" : "water", gt_land_shore_nm(l, lat, lon), name);
    }
    if (f != NULL) {
        fclose(f);
    }
    printf("# score %d/%d\n", ok, all);
    gt_land_free(l);
    return 0;
}
