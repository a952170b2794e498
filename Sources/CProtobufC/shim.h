#ifndef NHS_LEAGUE_CPROTOBUFC_SHIM_H
#define NHS_LEAGUE_CPROTOBUFC_SHIM_H
// The system libprotobuf-c runtime (Debian: libprotobuf-c-dev).
#include <protobuf-c/protobuf-c.h>
#endif
