/*
 * fuzz_avr.c - the AVR framer of Mode S, through the whole stream (framing,
 * decoding, CPR, state); split and whole feeds must agree.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "fuzz_modes_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_stream(GT_MODES_FRAMING_AVR, data, size);
    return 0;
}
