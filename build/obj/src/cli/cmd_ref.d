build/obj/src/cli/cmd_ref.o: src/cli/cmd_ref.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
