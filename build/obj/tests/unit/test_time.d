build/obj/tests/unit/test_time.o: tests/unit/test_time.c \
 include/ghosttrack/time.h include/ghosttrack/err.h tests/unit/test.h \
 include/ghosttrack/mem.h
include/ghosttrack/time.h:
include/ghosttrack/err.h:
tests/unit/test.h:
include/ghosttrack/mem.h:
