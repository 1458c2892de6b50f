build/obj/tests/unit/test_obs.o: tests/unit/test_obs.c \
 include/ghosttrack/obs.h include/ghosttrack/err.h \
 include/ghosttrack/time.h tests/unit/test.h include/ghosttrack/mem.h
include/ghosttrack/obs.h:
include/ghosttrack/err.h:
include/ghosttrack/time.h:
tests/unit/test.h:
include/ghosttrack/mem.h:
