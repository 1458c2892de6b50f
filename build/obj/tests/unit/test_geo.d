build/obj/tests/unit/test_geo.o: tests/unit/test_geo.c \
 include/ghosttrack/geo.h tests/unit/test.h include/ghosttrack/mem.h
include/ghosttrack/geo.h:
tests/unit/test.h:
include/ghosttrack/mem.h:
