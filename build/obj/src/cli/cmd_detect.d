build/obj/src/cli/cmd_detect.o: src/cli/cmd_detect.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
