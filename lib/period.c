/* Stage 5, period: the span of years a figure covers (INDICATORS.md §4a). */
#include "attribute.h"

void zb__period(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_attr *a) {
    (void)p; (void)ctx; (void)qi; (void)a;
}
