build/obj/src/util/mem.o: src/util/mem.c include/ghosttrack/mem.h
include/ghosttrack/mem.h:
