build/obj/src/cli/cmd_export.o: src/cli/cmd_export.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
