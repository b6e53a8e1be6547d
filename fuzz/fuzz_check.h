/* Shared by the libFuzzer targets: the entry point and a named invariant. */
#ifndef ZB_FUZZ_CHECK_H
#define ZB_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The message says which invariant broke before the trap, so that a replay
 * under gcc (no libFuzzer stack trace) still tells what broke. */
#define CHECK(c)                                                                       \
    do {                                                                               \
        if (!(c)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);  \
            __builtin_trap();                                                          \
        }                                                                              \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
