#ifndef ONLINEDDL_CPGQUERY_SHIM_H
#define ONLINEDDL_CPGQUERY_SHIM_H
#include <pg_query.h>
#endif
