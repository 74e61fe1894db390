/* libpq, opened with dlopen when a connection is first needed instead of linked at start:
 * linking it makes the dynamic loader map and relocate libpq with its TLS, Kerberos and
 * LDAP libraries (about 25) in every process, some 4 ms per start. Each function onlineddl
 * calls is defined here with libpq's own prototype (checked by the compiler against
 * libpq-fe.h) and forwards to libpq's, looked up once. */
#include "CLibPQ.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__APPLE__)
static const char *const library_names[] = {
    "libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib",
};
#else
static const char *const library_names[] = {"libpq.so.5"};
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *library;
static char load_error[512];

static void load(void) {
    for (size_t i = 0; i < sizeof library_names / sizeof library_names[0] && !library; i++) {
        library = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
        if (!library) snprintf(load_error, sizeof load_error, "%s", dlerror());
    }
}

const char *onlineddl_libpq_load_error(void) {
    pthread_once(&load_once, load);
    return library ? NULL : load_error;
}

/* A libpq function's address; a missing library or function ends the process with the
 * reason (Connection checks onlineddl_libpq_load_error first and reports it as an error). */
static void *libpq_function(const char *name) {
    const char *error = onlineddl_libpq_load_error();
    void *function = error ? NULL : dlsym(library, name);
    if (!function) {
        fprintf(stderr, "onlineddl: error: libpq could not be loaded (%s); install libpq (Debian: apt-get install libpq5)\n",
                error ? error : dlerror());
        exit(1);
    }
    return function;
}

/* The function pointer to libpq's NAME, looked up on first use (a race only looks it up twice). */
#define LIBPQ_FUNCTION(name) \
    static __typeof__(&name) forward; \
    __typeof__(&name) target = __atomic_load_n(&forward, __ATOMIC_ACQUIRE); \
    if (!target) { \
        target = (__typeof__(&name))libpq_function(#name); \
        __atomic_store_n(&forward, target, __ATOMIC_RELEASE); \
    }
#define FORWARD(type, name, parameters, arguments) \
    type name parameters { LIBPQ_FUNCTION(name) return target arguments; }
#define FORWARD_VOID(name, parameters, arguments) \
    void name parameters { LIBPQ_FUNCTION(name) target arguments; }

/* Connections */
FORWARD(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))
FORWARD_VOID(PQfinish, (PGconn *conn), (conn))
FORWARD(ConnStatusType, PQstatus, (const PGconn *conn), (conn))
FORWARD(char *, PQerrorMessage, (const PGconn *conn), (conn))
FORWARD(int, PQserverVersion, (const PGconn *conn), (conn))
FORWARD(int, PQbackendPID, (const PGconn *conn), (conn))
FORWARD(char *, PQdb, (const PGconn *conn), (conn))
FORWARD(char *, PQuser, (const PGconn *conn), (conn))
FORWARD(char *, PQpass, (const PGconn *conn), (conn))
FORWARD(char *, PQhost, (const PGconn *conn), (conn))
FORWARD(char *, PQport, (const PGconn *conn), (conn))
FORWARD(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))
FORWARD(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))
FORWARD_VOID(PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))
FORWARD_VOID(PQfreemem, (void *ptr), (ptr))

/* Cancelling */
FORWARD(PGcancel *, PQgetCancel, (PGconn *conn), (conn))
FORWARD_VOID(PQfreeCancel, (PGcancel *cancel), (cancel))
FORWARD(int, PQcancel, (PGcancel *cancel, char *errbuf, int errbufsize), (cancel, errbuf, errbufsize))

/* Queries */
FORWARD(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
FORWARD(PGresult *, PQexecParams,
        (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
         const int *paramLengths, const int *paramFormats, int resultFormat),
        (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
FORWARD(PGresult *, PQprepare, (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes),
        (conn, stmtName, query, nParams, paramTypes))
FORWARD(PGresult *, PQexecPrepared,
        (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths,
         const int *paramFormats, int resultFormat),
        (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
FORWARD(int, PQsendQuery, (PGconn *conn, const char *query), (conn, query))
FORWARD(PGresult *, PQgetResult, (PGconn *conn), (conn))
FORWARD(int, PQconsumeInput, (PGconn *conn), (conn))
FORWARD(int, PQisBusy, (PGconn *conn), (conn))
FORWARD(int, PQsocket, (const PGconn *conn), (conn))
FORWARD(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg))
FORWARD(int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async))

/* Results */
FORWARD(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
FORWARD(char *, PQresultErrorMessage, (const PGresult *res), (res))
FORWARD(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
FORWARD(int, PQntuples, (const PGresult *res), (res))
FORWARD(int, PQnfields, (const PGresult *res), (res))
FORWARD(char *, PQfname, (const PGresult *res, int field_num), (res, field_num))
FORWARD(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))
FORWARD(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
FORWARD(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
FORWARD(char *, PQcmdStatus, (PGresult *res), (res))
FORWARD_VOID(PQclear, (PGresult *res), (res))
