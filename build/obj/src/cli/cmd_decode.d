build/obj/src/cli/cmd_decode.o: src/cli/cmd_decode.c src/cli/cli_int.h \
 include/ghosttrack/err.h
src/cli/cli_int.h:
include/ghosttrack/err.h:
