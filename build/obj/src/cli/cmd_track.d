build/obj/src/cli/cmd_track.o: src/cli/cmd_track.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
