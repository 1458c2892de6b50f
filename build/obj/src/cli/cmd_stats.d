build/obj/src/cli/cmd_stats.o: src/cli/cmd_stats.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
