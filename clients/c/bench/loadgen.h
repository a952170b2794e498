/*
 * loadgen.h - shared types of nhs-league-loadgen, the load generator that
 * measures the nhs-league server against Redis GET with the same connection
 * and pipelining code (see README.md in this folder).
 */
#ifndef BENCH_LOADGEN_H
#define BENCH_LOADGEN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "inputs.h"

/* The calls a workload can make. */
typedef enum call_kind { CALL_GET_TRUST, CALL_FIND_TRUSTS, CALL_NEAREST, CALL_KINDS } call_kind;

/* One request prepared before the run, so the hot loop only copies bytes. */
typedef struct prepared {
    call_kind kind;
    /* league: the Request packed by protobuf-c without its id (the id is
     * written in front per send: protobuf fields may come in any order);
     * redis: the whole RESP GET command. */
    unsigned char *bytes;
    size_t len;
    /* redis: the exact value the key holds (read before the run). */
    unsigned char *expect;
    size_t expect_len;
} prepared;

/* A growable byte buffer: data lives in [off, len). */
typedef struct buffer {
    unsigned char *data;
    size_t off, len, cap;
} buffer;

int buffer_reserve(buffer *b, size_t extra); /* 0, or -1 when out of memory */
void buffer_compact(buffer *b);
void buffer_free(buffer *b);

/* What a protocol parser found in one answer. */
typedef struct answer {
    uint64_t id;           /* league: Response.id (0 when absent) */
    int has_id;
    int code;              /* league: status code (0 = OK) */
    int result_field;      /* league: field number of the `result` oneof, 0 = none */
    int malformed;         /* the body is not what the protocol promises */
    const unsigned char *body; /* league: the Response bytes; redis: the value */
    size_t body_len;
    int nil;               /* redis: the key does not exist / an error reply */
} answer;

/* Frame or reply parse result: bytes consumed (> 0), 0 when more bytes are
 * needed, -1 when the stream cannot be trusted any more (message in err). */
typedef long (*parse_fn)(const unsigned char *p, size_t n, answer *a, char *err, size_t errlen);

typedef struct protocol {
    const char *name;
    /* Answers come back in request order (Redis) rather than matched by id. */
    int ordered;
    /* Appends one request (with `id` where the protocol has ids). */
    int (*encode)(buffer *w, const prepared *req, uint64_t id);
    parse_fn parse;
    /* 1 when the answer is the right, complete answer to `req`. `decode`
     * asks for a full protobuf-c decode on top of the structural check. */
    int (*check)(const answer *a, const prepared *req, int decode);
} protocol;

extern const protocol league_protocol;
extern const protocol redis_protocol;

/* league: the Response field number that answers `kind` (11, 12, 13). */
int league_result_field(call_kind kind);
/* league: packs Request{call} (id 0, so omitted) for one input value. */
int league_prepare(prepared *p, call_kind kind, const char *value);
/* league: one Request frame with `id`, packed by protobuf-c. */
int league_frame(buffer *w, const prepared *req, uint64_t id);
long league_parse(const unsigned char *p, size_t n, answer *a, char *err, size_t errlen);
/* league: 1 when `body` is a well-formed OK Response answering `kind`. */
int league_body_ok(const unsigned char *body, size_t len, call_kind kind, int decode);
/* redis: the RESP command for GET trust:<code>. */
int redis_prepare(prepared *p, const char *code);
long redis_parse(const unsigned char *p, size_t n, answer *a, char *err, size_t errlen);
/* The Redis key for a trust code ("trust:RP6"), in a static buffer. */
const char *redis_key(const char *code);

/* ---------------------------------------------------------------- net */

/* Parses HOST:PORT and refuses anything but a loopback address (127.0.0.0/8,
 * localhost, [::1]): the bench only ever loads this machine. 0 or -1. */
int parse_loopback(const char *hostport, struct sockaddr_storage *addr, socklen_t *len);
/* A blocking TCP connection with TCP_NODELAY; -1 after printing why. */
int connect_to(const struct sockaddr_storage *addr, socklen_t len);
int write_all(int fd, const void *p, size_t n);
/* Reads exactly n bytes; 0, or -1 on error/EOF. */
int read_exact(int fd, void *p, size_t n);
/* Sends one request over a blocking socket and reads its whole answer into
 * `in` (which is reset first); fills `a`. 0, or -1 after printing why. */
int blocking_call(int fd, const protocol *proto, const unsigned char *req, size_t req_len,
                  buffer *in, answer *a);

/* ---------------------------------------------------------------- subcommands */

int fill_main(int argc, char **argv);
/* Reads each prepared Redis key's current value into p->expect and checks
 * it is an OK GetTrust Response. 0 or -1. */
int redis_load_expected(const struct sockaddr_storage *addr, socklen_t len, prepared *items,
                        size_t count, char **codes);

#endif
