build/obj/src/cli/cmd_ingest.o: src/cli/cmd_ingest.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
