/*
 * landpack.c - build-time converter: land or water polygons (TopoJSON or
 * GeoJSON) to the packed format gt_land_load() reads fastest.
 *
 *   landpack [--water] IN OUT
 *
 * --water reads IN as a seas layer (inside the polygons is water), as
 * OpenStreetMap-derived @geo-maps/earth-seas-10m is.  The Makefile runs it
 * to make $(BUILD)/share/ghosttrack/land.bin (docs/REFERENCE.md).
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/land.h"
#include "ghosttrack/mem.h"

int main(int argc, char **argv)
{
    struct gt_land *l = NULL;
    unsigned flags = 0;
    uint8_t *buf = NULL;
    size_t n = 0;
    FILE *f;
    int i = 1, rc;

    if (argc > 1 && strcmp(argv[1], "--water") == 0) {
        flags = GT_LAND_WATER;
        i = 2;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: landpack [--water] IN OUT\n");
        return 2;
    }
    f = fopen(argv[i], "rb");
    if (f == NULL) {
        fprintf(stderr, "landpack: cannot open '%s'\n", argv[i]);
        return 1;
    }
    for (;;) {
        size_t cap = n ? n * 2 : (size_t)1 << 24, got;
        uint8_t *nb = gt_realloc(buf, cap);
        if (nb == NULL) {
            fprintf(stderr, "landpack: out of memory\n");
            fclose(f);
            gt_free(buf);
            return 1;
        }
        buf = nb;
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            break;
        }
    }
    fclose(f);
    rc = gt_land_load_ex(buf, n, flags, &l);
    gt_free(buf);
    if (rc != GT_OK) {
        fprintf(stderr, "landpack: '%s': %s\n", argv[i], gt_strerror(rc));
        return 1;
    }
    rc = gt_land_pack(l, &buf, &n);
    if (rc == GT_OK) {
        f = fopen(argv[i + 1], "wb");
        if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
            fprintf(stderr, "landpack: cannot write '%s'\n", argv[i + 1]);
            rc = GT_ERR_IO;
        }
    }
    fprintf(stderr, "landpack: %s: %zu segments -> %s (%zu bytes)\n", argv[i], gt_land_nsegments(l),
            argv[i + 1], n);
    gt_free(buf);
    gt_land_free(l);
    return rc == GT_OK ? 0 : 1;
}
