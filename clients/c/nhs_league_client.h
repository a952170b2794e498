/*
 * nhs_league_client.h - a small C client for the nhs-league server.
 *
 * The wire protocol (proto/nhs/league/v1/league.proto) is a stream of frames
 * in each direction: 1 flags byte (must be 0), a 4-byte big-endian length N,
 * then N bytes of one protobuf message (Request client->server, Response
 * server->client). Every Response echoes its Request's id; requests may be
 * pipelined and the server may answer in any order.
 *
 * Style follows hiredis: every call takes a context; on failure it returns
 * NULL / 0 / -1 and sets ctx->err (one of the NLC_ERR_* codes) and
 * ctx->errstr (a human-readable message). Transport and protocol errors are
 * sticky: once ctx->err is set, the stream can no longer be trusted and every
 * later call on the context fails with the same error; free it and reconnect.
 *
 * A status other than OK in a Response (NOT_FOUND, INVALID_ARGUMENT, ...) is
 * NOT a context error: the call succeeds and returns the Response, whose
 * status the caller inspects (see nlc_response_code()).
 *
 * Memory: every Response returned by this library is owned by the caller and
 * must be released with nlc_response_free(). Requests passed in are never
 * freed or kept by the library.
 *
 * Not thread-safe: use one context per thread.
 */
#ifndef NHS_LEAGUE_CLIENT_H
#define NHS_LEAGUE_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "nhs/league/v1/league.pb-c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NLC_DEFAULT_HOST "127.0.0.1"
#define NLC_DEFAULT_PORT 7411
/* Largest Response body accepted by default; change per context with
 * nlc_set_max_frame(). Lengths above it are refused from the frame header,
 * before anything is allocated. */
#define NLC_DEFAULT_MAX_FRAME (16u * 1024u * 1024u)
/* Responses that arrived while waiting for another id are buffered; a server
 * that sends more unrequested answers than this is treated as broken. */
#define NLC_MAX_PENDING 4096

/* ctx->err values */
#define NLC_OK 0
#define NLC_ERR_IO 1       /* a socket call failed; errstr carries strerror() */
#define NLC_ERR_OTHER 2    /* anything else, e.g. a bad argument */
#define NLC_ERR_EOF 3      /* the server closed the connection */
#define NLC_ERR_PROTOCOL 4 /* bad flags, oversized frame, undecodable body */
#define NLC_ERR_OOM 5      /* out of memory */
#define NLC_ERR_TIMEOUT 6  /* connect, send or receive timed out */
#define NLC_ERR_CONNECT 7  /* name resolution or connect failed */
#define NLC_ERR_SERVER 8   /* the server sent a connection-level error (id 0);
                              its code is in ctx->server_code */
#define NLC_ERR_GOING_AWAY 9 /* the server is shutting down gracefully: it sent its
                                going-away notice (id 0, UNAVAILABLE) and will not
                                answer this request; ids up to going_away_last_id
                                are still answered. Retry on a new connection. */

typedef Nhs__League__V1__Request nlc_request;
typedef Nhs__League__V1__Response nlc_response;

typedef struct nlc_context {
    int err;           /* NLC_OK or one of NLC_ERR_* */
    char errstr[128];  /* human-readable description of err */
    int fd;            /* the connected socket, -1 when none */
    int server_code;   /* status code of an id-0 response (NLC_ERR_SERVER) */
    int going_away;    /* 1 once the server's going-away notice arrived */
    uint64_t going_away_last_id; /* the last request id the notice says is answered */

    /* everything below is private */
    uint64_t next_id;
    size_t max_frame;
    uint32_t deadline_ms;
    unsigned char *rbuf; /* receive buffer: bytes read but not yet consumed */
    size_t rpos, rlen, rcap;
    nlc_response **pending; /* responses read while waiting for another id */
    size_t npending, pending_cap;
} nlc_context;

/* ------------------------------------------------------------ connection */

/* Resolves host (name or address; NULL = 127.0.0.1) with getaddrinfo and
 * connects to the first address that answers, waiting at most timeout_ms per
 * address (<= 0: the system default). The socket gets TCP_NODELAY and send /
 * receive timeouts of timeout_ms. Returns a context even on failure (check
 * ctx->err, e.g. NLC_ERR_CONNECT); NULL only when out of memory. */
nlc_context *nlc_connect(const char *host, int port, int timeout_ms);

/* Wraps an already-connected stream socket (e.g. one end of a socketpair).
 * The context owns fd from now on and closes it in nlc_free(). NULL only when
 * out of memory (fd is then left open). */
nlc_context *nlc_connect_fd(int fd);

/* Closes the socket and frees the context and any buffered responses.
 * NULL is allowed. */
void nlc_free(nlc_context *ctx);

/* 1 when ctx->err is worth retrying on a new connection (to this server once
 * it is back, or another replica): NLC_ERR_GOING_AWAY, NLC_ERR_CONNECT, or an
 * id-0 UNAVAILABLE such as "server at its connection limit". */
int nlc_err_retryable(const nlc_context *ctx);

/* Largest Response body accepted (default NLC_DEFAULT_MAX_FRAME). */
void nlc_set_max_frame(nlc_context *ctx, size_t max_bytes);

/* Deadline put on requests sent with deadline_ms == 0 (default 0 = none). */
void nlc_set_deadline(nlc_context *ctx, uint32_t deadline_ms);

/* Sets SO_RCVTIMEO / SO_SNDTIMEO (ms; 0 = wait forever). 0 or -1. */
int nlc_set_timeout(nlc_context *ctx, int timeout_ms);

/* ------------------------------------------------------------ raw calls */

/* Packs and sends one Request frame. When req->id is 0 the next id of this
 * context (1, 2, 3, ...) is assigned and written back into req->id; when
 * req->deadline_ms is 0 the context's deadline (nlc_set_deadline) is written
 * into it. Returns the request's id, or 0 on error (see ctx->err). */
uint64_t nlc_send(nlc_context *ctx, nlc_request *req);

/* Returns the next Response in arrival order (including connection-level
 * responses with id 0, and any buffered by nlc_get_response()). NULL on
 * error. */
nlc_response *nlc_read_response(nlc_context *ctx);

/* Returns the Response whose id is `id`, reading and buffering any others
 * that arrive first (they are handed out by later calls). An id-0 response
 * that arrives meanwhile fails the call with NLC_ERR_SERVER (its status code
 * in ctx->server_code, its message in errstr). NULL on error. */
nlc_response *nlc_get_response(nlc_context *ctx, uint64_t id);

/* nlc_send() then nlc_get_response(). */
nlc_response *nlc_call(nlc_context *ctx, nlc_request *req);

/* Frees a Response returned by this library. NULL is allowed. */
void nlc_response_free(nlc_response *resp);

/* The response's status code (a missing status means OK, as in proto3). */
int nlc_response_code(const nlc_response *resp);
/* The status message, "" when none. */
const char *nlc_response_message(const nlc_response *resp);
/* "OK", "NOT_FOUND", ... for a status code; "UNKNOWN_CODE" otherwise. */
const char *nlc_code_name(int code);
/* "acute", "non-acute", "ambulance", or "unspecified". */
const char *nlc_table_name(Nhs__League__V1__LeagueTableKind table);

/* ------------------------------------------------------------ convenience
 * Each builds the request, sends it, waits for its response and returns it
 * (status OK or not); NULL only on a context error. Free the result with
 * nlc_response_free(). */

nlc_response *nlc_server_info(nlc_context *ctx);
nlc_response *nlc_get_trust(nlc_context *ctx, const char *ods_code);
/* limit 0 = the server default (10). */
nlc_response *nlc_find_trusts(nlc_context *ctx, const char *query, uint32_t limit);
/* postcode: full, sector or district. table TABLE_UNSPECIFIED = all tables.
 * limit 0 = the server default (5). */
nlc_response *nlc_nearest_postcode(nlc_context *ctx, const char *postcode,
                                   Nhs__League__V1__LeagueTableKind table,
                                   uint32_t limit);
nlc_response *nlc_nearest_coords(nlc_context *ctx, double latitude, double longitude,
                                 Nhs__League__V1__LeagueTableKind table,
                                 uint32_t limit);
nlc_response *nlc_list_actions(nlc_context *ctx, const char *ods_code);
/* quarter NULL/"" = latest; segment 0 = all segments; region NULL/"" = all;
 * descending != 0 = worst first; limit 0 = server default (20). */
nlc_response *nlc_league_table(nlc_context *ctx, Nhs__League__V1__LeagueTableKind table,
                               const char *quarter, uint32_t segment, const char *region,
                               int descending, uint32_t offset, uint32_t limit);
nlc_response *nlc_trust_history(nlc_context *ctx, const char *ods_code);
/* Every metric of a trust by domain; quarter NULL/"" = its latest with metric data. */
nlc_response *nlc_trust_metrics(nlc_context *ctx, const char *ods_code, const char *quarter);
/* One metric's league; metric is an id ("OF0013") or words ("a&e 4 hour").
 * table TABLE_UNSPECIFIED = the first table that has it; quarter/region NULL/"" =
 * newest/all; worst_first != 0 = worst first; limit 0 = server default (20). */
nlc_response *nlc_metric_table(nlc_context *ctx, const char *metric, Nhs__League__V1__LeagueTableKind table,
                               const char *quarter, const char *region, int worst_first,
                               uint32_t offset, uint32_t limit);
/* The metric catalogue; table TABLE_UNSPECIFIED / quarter NULL/"" = all. */
nlc_response *nlc_list_metrics(nlc_context *ctx, Nhs__League__V1__LeagueTableKind table, const char *quarter);

#ifdef __cplusplus
}
#endif

#endif /* NHS_LEAGUE_CLIENT_H */
