/* Bottom layer: SHA-256, for the store's document keys. */
#ifndef ZB_SHA256_H
#define ZB_SHA256_H

#include <stddef.h>

/* SHA-256 of data as 64 lowercase hex digits. */
void zb__sha256_hex(const void *data, size_t len, char out[65]);

#endif
