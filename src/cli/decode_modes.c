/*
 * decode_modes.c - the modes family of `ghosttrack decode` (see cmd_decode.c).
 *
 * Placeholder until the decoder lands.
 */
#include "cli_int.h"

int cli_decode_modes_sniff(const unsigned char *p, size_t n)
{
    (void)p;
    (void)n;
    return 0;
}

int cli_decode_modes_run(const struct cli_command *cmd, struct cli_args *a, char **paths,
                         int npaths)
{
    (void)a;
    (void)paths;
    (void)npaths;
    cli_error("'%s' is not available yet for this format (issue #%d)", cmd->name, 4);
    return CLI_USAGE;
}
