build/obj/tests/fuzz/fuzz_text.o: tests/fuzz/fuzz_text.c \
 include/ghosttrack/obs.h include/ghosttrack/err.h \
 include/ghosttrack/time.h tests/fuzz/fuzz.h
include/ghosttrack/obs.h:
include/ghosttrack/err.h:
include/ghosttrack/time.h:
tests/fuzz/fuzz.h:
