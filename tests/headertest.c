/* include/zhibiao.h stands alone: it compiles by itself as C99 with
 * -pedantic and as C++ (the tests compile this file both ways), and its
 * INIT macros initialise what they name. */
#include "zhibiao.h"

int zb_headertest(void);

int zb_headertest(void) {
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    zb_ingest_options io = ZB_INGEST_OPTIONS_INIT;
    zb_filter f = ZB_FILTER_INIT;
    zb_format fmt = ZB_FORMAT_CSV;
    return (int)po.version + (int)io.version + (int)f.version + (int)fmt +
           (int)ZB_BIT(ZB_KIND_TARGET);
}
