/*
 * redis.c - Redis RESP GET for the load generator's reference run: one key
 * per trust, holding that trust's GetTrust answer bytes; every reply must be
 * the complete value the key held before the run.
 */
#include "loadgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replies longer than this before their CRLF mean the stream is lost. */
#define MAX_LINE 64

const char *redis_key(const char *code) {
    static char key[128];
    snprintf(key, sizeof key, "trust:%s", code);
    return key;
}

int redis_prepare(prepared *p, const char *code) {
    const char *key = redis_key(code);
    char command[256];
    int n = snprintf(command, sizeof command, "*2\r\n$3\r\nGET\r\n$%zu\r\n%s\r\n", strlen(key), key);
    if (n < 0 || (size_t)n >= sizeof command) return -1;
    memset(p, 0, sizeof *p);
    p->kind = CALL_GET_TRUST;
    p->len = (size_t)n;
    if ((p->bytes = malloc(p->len)) == NULL) return -1;
    memcpy(p->bytes, command, p->len);
    return 0;
}

static int redis_encode(buffer *w, const prepared *req, uint64_t id) {
    (void)id; /* RESP has no ids: answers come in request order */
    if (buffer_reserve(w, req->len) != 0) return -1;
    memcpy(w->data + w->len, req->bytes, req->len);
    w->len += req->len;
    return 0;
}

long redis_parse(const unsigned char *p, size_t n, answer *a, char *err, size_t errlen) {
    const unsigned char *crlf = NULL;
    for (size_t i = 0; i + 1 < n && i < MAX_LINE; i++)
        if (p[i] == '\r' && p[i + 1] == '\n') { crlf = p + i; break; }
    if (crlf == NULL) {
        if (n >= MAX_LINE) {
            snprintf(err, errlen, "Redis reply line longer than %d bytes", MAX_LINE);
            return -1;
        }
        return 0;
    }
    size_t line = (size_t)(crlf - p) + 2;
    memset(a, 0, sizeof *a);
    if (p[0] == '-') { /* an error reply: a wrong answer, the stream is fine */
        a->nil = 1;
        return (long)line;
    }
    if (p[0] != '$') {
        snprintf(err, errlen, "unexpected Redis reply type '%c'", p[0]);
        return -1;
    }
    char digits[MAX_LINE];
    memcpy(digits, p + 1, line - 3);
    digits[line - 3] = '\0';
    char *end;
    long long len = strtoll(digits, &end, 10);
    if (*end != '\0' || len < -1) {
        snprintf(err, errlen, "bad Redis bulk length \"%s\"", digits);
        return -1;
    }
    if (len == -1) { /* nil: the key is missing */
        a->nil = 1;
        return (long)line;
    }
    if (n < line + (size_t)len + 2) return 0;
    if (p[line + len] != '\r' || p[line + len + 1] != '\n') {
        snprintf(err, errlen, "Redis bulk value not followed by CRLF");
        return -1;
    }
    a->body = p + line;
    a->body_len = (size_t)len;
    return (long)(line + (size_t)len + 2);
}

static int redis_check(const answer *a, const prepared *req, int decode) {
    (void)decode;
    return !a->nil && a->body_len == req->expect_len && memcmp(a->body, req->expect, req->expect_len) == 0;
}

const protocol redis_protocol = {
    .name = "redis",
    .ordered = 1,
    .encode = redis_encode,
    .parse = redis_parse,
    .check = redis_check,
};
