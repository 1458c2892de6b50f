build/obj/src/cli/cmd_diff.o: src/cli/cmd_diff.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
