build/obj/src/cli/cmd_simulate.o: src/cli/cmd_simulate.c \
 src/cli/cli_int.h include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
