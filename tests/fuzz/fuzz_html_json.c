/*
 * fuzz_html_json.c - the report's detail-JSON copier (src/report/html_json.c).
 *
 * Whatever bytes an event's detail holds, what gt__html_json_safe() writes
 * into the page's <script> data block must never contain "<", ">", "&" or
 * a raw U+2028/U+2029, and must stay within the bounded buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/buf.h"
#include "../../src/report/report_int.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_buf b;
    size_t i;

    gt_buf_init(&b, 8 * size + 64);
    if (gt__html_json_safe(&b, (const char *)data, size) == GT_OK) {
        const unsigned char *p = (const unsigned char *)gt_buf_str(&b);
        size_t n = gt_buf_len(&b);
        for (i = 0; i < n; i++) {
            if (p[i] == '<' || p[i] == '>' || p[i] == '&') {
                abort();
            }
            if (p[i] == 0xe2 && i + 2 < n && p[i + 1] == 0x80 &&
                (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
                abort();
            }
        }
        if (n == 0) {
            abort();
        }
    }
    gt_buf_release(&b);
    return 0;
}
