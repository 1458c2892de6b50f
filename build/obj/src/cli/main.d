build/obj/src/cli/main.o: src/cli/main.c include/ghosttrack/log.h \
 include/ghosttrack/err.h include/ghosttrack/version.h src/cli/cli_int.h
include/ghosttrack/log.h:
include/ghosttrack/err.h:
include/ghosttrack/version.h:
src/cli/cli_int.h:
