build/obj/src/cli/cmd_demo.o: src/cli/cmd_demo.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
