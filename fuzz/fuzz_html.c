/* libFuzzer target: a web page made text (zb_source_text, HTML: libxml2,
 * charsets, the article's choice) and parsed. The text must be NUL-free
 * UTF-8 that parses, without pages; spans must stay in it. */
#include <stdint.h>

#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_source(data, size, ZB_INPUT_HTML);
    return 0;
}
