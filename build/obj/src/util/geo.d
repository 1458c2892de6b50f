build/obj/src/util/geo.o: src/util/geo.c include/ghosttrack/geo.h
include/ghosttrack/geo.h:
