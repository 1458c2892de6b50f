/*
 * fuzz_modes_auto.c - a Mode S stream of unknown framing: content sniffing,
 * then whichever framer wins (OpenSky and epoch-hex CSV included), decoding,
 * CPR and state; split and whole feeds must agree.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "fuzz_modes_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_stream(GT_MODES_FRAMING_UNKNOWN, data, size);
    return 0;
}
