build/obj/src/util/buf.o: src/util/buf.c include/ghosttrack/buf.h \
 include/ghosttrack/err.h include/ghosttrack/mem.h
include/ghosttrack/buf.h:
include/ghosttrack/err.h:
include/ghosttrack/mem.h:
