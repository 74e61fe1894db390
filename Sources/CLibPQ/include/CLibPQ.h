#ifndef ONLINEDDL_CLIBPQ_H
#define ONLINEDDL_CLIBPQ_H
/* libpq's API, loaded when first used (see libpq.c): a command that never connects, such
 * as `plan --offline`, never pays for loading libpq and the ~25 libraries it needs. */
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#elif __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#error "libpq-fe.h not found: install libpq's headers (Debian: apt-get install libpq-dev)"
#endif

/* Loads libpq, once; NULL when it is loaded, else why it could not be (dlerror's text). */
const char *onlineddl_libpq_load_error(void);
#endif
