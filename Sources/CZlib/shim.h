#ifndef NHS_LEAGUE_CZLIB_SHIM_H
#define NHS_LEAGUE_CZLIB_SHIM_H
// The system zlib (Debian: zlib1g-dev): inflates gRPC messages sent with grpc-encoding
// gzip or deflate.
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros (they pass zlib's version and z_stream's size),
// which Swift cannot call: these wrap them.
static inline int nhs_league_inflate_init(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

static inline int nhs_league_deflate_init(z_streamp stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}
#endif
