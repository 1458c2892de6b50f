build/obj/src/cli/cmd_flights.o: src/cli/cmd_flights.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
