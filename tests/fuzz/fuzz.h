/*
 * fuzz.h - the libFuzzer entry point every tests/fuzz/fuzz_*.c defines.
 *
 * The same file builds two ways: with clang -fsanitize=fuzzer for `make
 * fuzz`, and with the plain-C replay driver (replay.c) that `make check`
 * uses to run every checked-in corpus file under the current sanitizers.
 */
#ifndef GT_FUZZ_H
#define GT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* GT_FUZZ_H */
