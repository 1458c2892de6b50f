build/obj/src/cli/cmd_report.o: src/cli/cmd_report.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
