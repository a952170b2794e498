#ifndef NHS_LEAGUE_CLEAGUEPROTO_H
#define NHS_LEAGUE_CLEAGUEPROTO_H
// Umbrella header for the protoc-c output of proto/nhs/league/v1/league.proto.
// The generated files are never edited by hand: run .ci/generate-proto.sh.
#include "nhs/league/v1/league.pb-c.h"
// gRPC health checking (the gRPC transport's Health service).
#include "grpc/health/v1/health.pb-c.h"
// gRPC server reflection (v1; v1alpha is the same messages under another name).
#include "grpc/reflection/v1/reflection.pb-c.h"
#endif
