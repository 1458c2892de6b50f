/*
 * opts.c - table-driven option parsing and per-command help.
 *
 * getopt_long would need its own table and gives poorer messages; a command
 * line this small is easier to parse straight from struct cli_opt.
 */
#include <stdarg.h>
#include <string.h>

#include "cli_int.h"

static const struct cli_opt help_opt = {"help", 'h', NULL, "show this help"};

static int find_long(const struct cli_command *cmd, const char *name, size_t n)
{
    int i;

    for (i = 0; cmd->opts != NULL && cmd->opts[i].name != NULL; i++) {
        if (strlen(cmd->opts[i].name) == n && strncmp(cmd->opts[i].name, name, n) == 0) {
            return i;
        }
    }
    return -1;
}

static int find_short(const struct cli_command *cmd, char c)
{
    int i;

    for (i = 0; cmd->opts != NULL && cmd->opts[i].name != NULL; i++) {
        if (cmd->opts[i].short_name == c) {
            return i;
        }
    }
    return -1;
}

static int nopts(const struct cli_command *cmd)
{
    int i = 0;

    while (cmd->opts != NULL && cmd->opts[i].name != NULL) {
        i++;
    }
    return i;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("ghosttrack: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "ghosttrack %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: ghosttrack %s %s\n", cmd->name, cmd->synopsis);
    fprintf(stderr, "Run 'ghosttrack help %s' for its options.\n", cmd->name);
    return CLI_USAGE;
}

/* Store a value for option i; the help option has index n (one past). */
static void set(struct cli_args *a, int i, const char *v)
{
    a->val[i] = v;
    a->count[i]++;
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
    int i, n = nopts(cmd), only_pos = 0;

    memset(a, 0, sizeof *a);
    a->pos = argv + 1;
    if (n >= CLI_MAX_OPTS) {
        return cli_usage_error(cmd, "too many options in table");
    }
    for (i = 1; i < argc; i++) {
        char *s = argv[i];
        if (only_pos || s[0] != '-' || s[1] == '\0') {
            a->pos[a->npos++] = s; /* compacts positionals in place */
            continue;
        }
        if (strcmp(s, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (s[1] == '-') {
            const char *name = s + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int k = find_long(cmd, name, len);
            if (k < 0 && len == 4 && strncmp(name, "help", 4) == 0) {
                set(a, n, "");
                continue;
            }
            if (k < 0) {
                return cli_usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
            }
            if (cmd->opts[k].arg == NULL) {
                if (eq) {
                    return cli_usage_error(cmd, "option '--%s' takes no value", cmd->opts[k].name);
                }
                set(a, k, "");
            } else if (eq) {
                set(a, k, eq + 1);
            } else if (i + 1 < argc) {
                set(a, k, argv[++i]);
            } else {
                return cli_usage_error(cmd, "option '--%s' needs a value", cmd->opts[k].name);
            }
            continue;
        }
        /* short options, possibly bundled: -qv, -fais, -f ais */
        for (s++; *s; s++) {
            int k = find_short(cmd, *s);
            if (k < 0 && *s == 'h') {
                set(a, n, "");
                continue;
            }
            if (k < 0) {
                return cli_usage_error(cmd, "unknown option '-%c'", *s);
            }
            if (cmd->opts[k].arg == NULL) {
                set(a, k, "");
                continue;
            }
            if (s[1] != '\0') {
                set(a, k, s + 1);
            } else if (i + 1 < argc) {
                set(a, k, argv[++i]);
            } else {
                return cli_usage_error(cmd, "option '-%c' needs a value", *s);
            }
            break;
        }
    }
    return CLI_OK;
}

const char *cli_get(const struct cli_command *cmd, const struct cli_args *a, const char *name)
{
    int k = find_long(cmd, name, strlen(name));

    if (k < 0 && strcmp(name, "help") == 0) {
        k = nopts(cmd);
    }
    return k < 0 ? NULL : a->val[k];
}

int cli_has(const struct cli_command *cmd, const struct cli_args *a, const char *name)
{
    int k = find_long(cmd, name, strlen(name));

    if (k < 0 && strcmp(name, "help") == 0) {
        k = nopts(cmd);
    }
    return k < 0 ? 0 : a->count[k];
}

static void print_opt(const struct cli_opt *o, FILE *f)
{
    char left[64];

    if (o->short_name) {
        snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    } else {
        snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    }
    fprintf(f, "  %-26s %s\n", left, o->help);
}

void cli_print_command_help(const struct cli_command *cmd, FILE *f)
{
    int i;

    fprintf(f, "usage: ghosttrack %s %s\n\n%s\n", cmd->name, cmd->synopsis, cmd->summary);
    if (cmd->description != NULL) {
        fprintf(f, "\n%s\n", cmd->description);
    }
    if (cmd->run == NULL) {
        fprintf(f, "\nNot available yet (issue #%d).\n", cmd->issue);
    }
    fprintf(f, "\noptions:\n");
    for (i = 0; cmd->opts != NULL && cmd->opts[i].name != NULL; i++) {
        print_opt(&cmd->opts[i], f);
    }
    print_opt(&help_opt, f);
}
