/* The writers' private helper (write.c), for the extension and the store. */
#ifndef ZB_WRITE_H
#define ZB_WRITE_H

#include <stddef.h>

/* Shortest exact decimal form of v, '.' as the point; "null" when not finite. */
void zb__format_number(double v, char *buf, size_t size);

#endif
