#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H

// PCRE2 is one header for three code-unit widths; Responder uses UTF-8 only.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Swift does not import cast macros such as `(~(PCRE2_SIZE)0)`; expose them as inline functions.
static inline PCRE2_SIZE cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }

#endif
