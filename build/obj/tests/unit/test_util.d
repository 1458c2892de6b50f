build/obj/tests/unit/test_util.o: tests/unit/test_util.c \
 include/ghosttrack/buf.h include/ghosttrack/err.h \
 include/ghosttrack/log.h include/ghosttrack/mem.h \
 include/ghosttrack/version.h tests/unit/test.h
include/ghosttrack/buf.h:
include/ghosttrack/err.h:
include/ghosttrack/log.h:
include/ghosttrack/mem.h:
include/ghosttrack/version.h:
tests/unit/test.h:
