build/obj/src/cli/cmd_events.o: src/cli/cmd_events.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
