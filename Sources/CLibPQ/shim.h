#ifndef ONLINEDDL_CLIBPQ_SHIM_H
#define ONLINEDDL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
