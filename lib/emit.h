/* The writers' private helpers (emit.c). */
#ifndef ZB_EMIT_H
#define ZB_EMIT_H

#include <stddef.h>

/* Shortest exact decimal form of v, '.' as the point; "null" when not finite. */
void zb__format_number(double v, char *buf, size_t size);

#endif
