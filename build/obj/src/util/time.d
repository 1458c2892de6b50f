build/obj/src/util/time.o: src/util/time.c include/ghosttrack/time.h \
 include/ghosttrack/err.h
include/ghosttrack/time.h:
include/ghosttrack/err.h:
