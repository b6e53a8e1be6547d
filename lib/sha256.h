/* Bottom layer: SHA-256, for the store's document keys. */
#ifndef ZB_SHA256_H
#define ZB_SHA256_H

#include <stddef.h>

/* Whether this processor has the x86 SHA instructions. Asking costs a CPUID,
 * which a virtual machine traps (microseconds), so a store handle asks once
 * at open and passes the answer on. */
int zb__sha256_hw(void);

/* SHA-256 of data as 64 lowercase hex digits; hw: use the SHA instructions
 * (only when zb__sha256_hw() said so; 0 always works). */
void zb__sha256_hex(const void *data, size_t len, int hw, char out[65]);

#endif
