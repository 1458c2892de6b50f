/*
 * config.c - the detector thresholds file (`detect --config FILE`, see
 * detect.h and docs/DETECTORS.md): "name = value" lines, '#' starts a
 * comment, blank lines and surrounding blanks are ignored.
 *
 * The text is copied once and split in place, so keys and values point
 * into the copy and live as long as the struct.  Lines are counted as
 * strtok_r() yields them, so a run of empty lines counts once: the line
 * number in an error is the number of the non-empty line, as `detect` has
 * always reported it.
 */
#include "ghosttrack/detect.h"

#include <string.h>

#include "ghosttrack/mem.h"

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t') {
        s++;
    }
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        *--e = '\0';
    }
    return s;
}

int gt_detect_config_parse(const uint8_t *p, size_t n, struct gt_detect_config *c, int *bad_line)
{
    char *line, *save = NULL;
    int lineno = 0;

    memset(c, 0, sizeof *c);
    *bad_line = 0;
    c->text = gt_malloc(n + 1);
    if (c->text == NULL) {
        return GT_ERR_NOMEM;
    }
    if (n > 0) {
        memcpy(c->text, p, n);
    }
    c->text[n] = '\0'; /* a NUL inside ends the text, as it always did */
    for (line = strtok_r(c->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq, *hash = strchr(line, '#');
        lineno++;
        if (hash) {
            *hash = '\0';
        }
        line = trim(line);
        if (*line == '\0') {
            continue;
        }
        eq = strchr(line, '=');
        if (eq == NULL || c->n == GT_DETECT_CONFIG_MAX) {
            *bad_line = lineno;
            return GT_ERR_INVAL;
        }
        *eq = '\0';
        c->keys[c->n] = trim(line);
        c->values[c->n] = trim(eq + 1);
        c->n++;
    }
    c->params.keys = c->keys;
    c->params.values = c->values;
    c->params.n = c->n;
    return GT_OK;
}

void gt_detect_config_release(struct gt_detect_config *c)
{
    gt_free(c->text);
    memset(c, 0, sizeof *c);
}
