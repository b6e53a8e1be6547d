/* Stage 5, entity: whose figure it is when it is not the region's (INDICATORS.md §4b). */
#include "attribute.h"

void zb__entity(const zb_para *p, const zb_qctx *c, zb_attr *a) {
    (void)p; (void)c; (void)a;
}
