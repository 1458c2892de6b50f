/*
 * fuzz_config.c - the detector thresholds parser (src/detect/config.c).
 *
 * Whatever the bytes, gt_detect_config_parse() must return GT_OK or an
 * error, never read or write outside the text, and on success hand back
 * trimmed keys and values that contain no '=' in the key, no '#', no
 * newline and no leading or trailing blank.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/detect.h"
#include "fuzz.h"

static void check_trimmed(const char *s)
{
    size_t n = strlen(s);

    if (strchr(s, '#') != NULL || strchr(s, '\n') != NULL) {
        abort();
    }
    if (n > 0 &&
        (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_detect_config c;
    int bad = 0;
    size_t i;
    int rc = gt_detect_config_parse(data, size, &c, &bad);

    if (rc == GT_OK) {
        if (c.n > GT_DETECT_CONFIG_MAX || c.params.n != c.n || bad != 0) {
            abort();
        }
        for (i = 0; i < c.n; i++) {
            if (strchr(c.keys[i], '=') != NULL) {
                abort();
            }
            check_trimmed(c.keys[i]);
            check_trimmed(c.values[i]);
            (void)gt_params_num(&c.params, c.keys[i], 0.0);
        }
    } else if (rc == GT_ERR_INVAL && bad <= 0) {
        abort();
    }
    gt_detect_config_release(&c);
    return 0;
}
