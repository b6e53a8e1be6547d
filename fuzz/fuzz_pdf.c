/* libFuzzer target: a PDF made text (zb_source_text, PDF: poppler, page
 * furniture, wrapped lines) and parsed with its pages. Page starts ascend,
 * each after a form feed; each indicator's page is the page of its span.
 * poppler itself is not instrumented: the sanitizers watch zhibiao's code
 * and what it does with poppler's results. */
#include <stdint.h>

#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_source(data, size, ZB_INPUT_PDF);
    return 0;
}
