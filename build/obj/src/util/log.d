build/obj/src/util/log.o: src/util/log.c include/ghosttrack/log.h \
 include/ghosttrack/err.h
include/ghosttrack/log.h:
include/ghosttrack/err.h:
