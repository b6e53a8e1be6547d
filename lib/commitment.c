/* Stage 5, commitment: how firm a target is, and whether a result is an estimate. */
#include "attribute.h"

void zb__commitment(const zb_para *p, const zb_qctx *c, zb_attr *a) {
    (void)p; (void)c; (void)a;
}
