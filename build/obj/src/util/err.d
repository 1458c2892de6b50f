build/obj/src/util/err.o: src/util/err.c include/ghosttrack/err.h
include/ghosttrack/err.h:
