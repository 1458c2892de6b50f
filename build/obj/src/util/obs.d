build/obj/src/util/obs.o: src/util/obs.c include/ghosttrack/obs.h \
 include/ghosttrack/err.h include/ghosttrack/time.h
include/ghosttrack/obs.h:
include/ghosttrack/err.h:
include/ghosttrack/time.h:
