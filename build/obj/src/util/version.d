build/obj/src/util/version.o: src/util/version.c \
 include/ghosttrack/version.h
include/ghosttrack/version.h:
