/*
 * conformance.c - the C client's conformance runner.
 *
 *   nhs-league-conformance-c CASES_FILE HOST:PORT
 *
 * Reads the scripted cases (format: README.md in this folder), sends each
 * through the C client library (clients/c), and prints one line per case:
 * the case name, a TAB, the canonical JSON of the Response. Request cases go
 * in file order on one connection (request id = the case's 1-based position
 * in the file); each `raw` case gets a fresh connection. Requests are built
 * and responses printed generically through protobuf-c's reflection, so
 * every field of league.proto is covered without per-call code.
 * Exit status: 0 when every case got a line, 1 on a usage / file / transport
 * error.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "nhs_league_client.h"

/* ------------------------------------------------------------ arena
 * Everything a request case allocates goes here and is freed at once. */
typedef struct {
    void **ptrs;
    size_t n, cap;
} arena;

static void *arena_keep(arena *a, void *p) {
    if (p == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->ptrs = realloc(a->ptrs, a->cap * sizeof *a->ptrs);
        if (a->ptrs == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
    }
    a->ptrs[a->n++] = p;
    return p;
}

static void arena_free(arena *a) {
    for (size_t i = 0; i < a->n; i++) free(a->ptrs[i]);
    free(a->ptrs);
    a->ptrs = NULL;
    a->n = a->cap = 0;
}

/* ------------------------------------------------------------ canonical JSON */

static void put_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20) fprintf(out, "\\u%04x", *p);
            else fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void put_double(FILE *out, double d) {
    if (isnan(d)) fputs("\"NaN\"", out);
    else if (isinf(d)) fputs(d > 0 ? "\"Infinity\"" : "\"-Infinity\"", out);
    else fprintf(out, "%.6f", d);
}

static void put_message(FILE *out, const ProtobufCMessage *m);

/* One value of a field; `p` points at it (inside the message or an array). */
static void put_value(FILE *out, const ProtobufCFieldDescriptor *f, const void *p) {
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
        fprintf(out, "%ld", (long)*(const int32_t *)p); break;
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32:
        fprintf(out, "%lu", (unsigned long)*(const uint32_t *)p); break;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
        fprintf(out, "%lld", (long long)*(const int64_t *)p); break;
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
        fprintf(out, "%llu", (unsigned long long)*(const uint64_t *)p); break;
    case PROTOBUF_C_TYPE_FLOAT: put_double(out, *(const float *)p); break;
    case PROTOBUF_C_TYPE_DOUBLE: put_double(out, *(const double *)p); break;
    case PROTOBUF_C_TYPE_BOOL: fputs(*(const protobuf_c_boolean *)p ? "true" : "false", out); break;
    case PROTOBUF_C_TYPE_ENUM: {
        int v = *(const int *)p;
        const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(f->descriptor, v);
        if (ev) put_string(out, ev->name);
        else fprintf(out, "%d", v);
        break;
    }
    case PROTOBUF_C_TYPE_STRING: put_string(out, *(char *const *)p); break;
    case PROTOBUF_C_TYPE_BYTES: { /* not used by league.proto: lowercase hex */
        const ProtobufCBinaryData *b = p;
        fputc('"', out);
        for (size_t i = 0; i < b->len; i++) fprintf(out, "%02x", b->data[i]);
        fputc('"', out);
        break;
    }
    case PROTOBUF_C_TYPE_MESSAGE: put_message(out, *(ProtobufCMessage *const *)p); break;
    }
}

static size_t value_size(const ProtobufCFieldDescriptor *f) {
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: return 4;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return 8;
    case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
    case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
    case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_ENUM: return sizeof(int);
    case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
    }
    return 0;
}

/* Time-dependent fields left out of the comparison. */
static int excluded(const ProtobufCMessageDescriptor *d, const ProtobufCFieldDescriptor *f) {
    return strcmp(d->name, "nhs.league.v1.ServerInfo") == 0 && strcmp(f->name, "loaded_at") == 0;
}

static void put_message(FILE *out, const ProtobufCMessage *m) {
    const ProtobufCMessageDescriptor *d = m->descriptor;
    const char *base = (const char *)m;
    unsigned order[64];
    unsigned n = d->n_fields < 64 ? d->n_fields : 64;
    for (unsigned i = 0; i < n; i++) { /* field-number order */
        unsigned j = i;
        while (j > 0 && d->fields[order[j - 1]].id > d->fields[i].id) { order[j] = order[j - 1]; j--; }
        order[j] = i;
    }
    int first = 1;
    fputc('{', out);
    for (unsigned k = 0; k < n; k++) {
        const ProtobufCFieldDescriptor *f = &d->fields[order[k]];
        if (excluded(d, f)) continue;
        const void *p = base + f->offset;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t count = *(const size_t *)(base + f->quantifier_offset);
            const char *arr = *(char *const *)p;
            fprintf(out, "%s\"%s\":[", first ? "" : ",", f->name);
            for (size_t i = 0; i < count; i++) {
                if (i) fputc(',', out);
                put_value(out, f, arr + i * value_size(f));
            }
            fputc(']', out);
            first = 0;
            continue;
        }
        if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            if (*(const uint32_t *)(base + f->quantifier_offset) != f->id) continue;
        } else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_MESSAGE &&
                   f->type != PROTOBUF_C_TYPE_STRING) {
            if (!*(const protobuf_c_boolean *)(base + f->quantifier_offset)) continue;
        }
        if (f->type == PROTOBUF_C_TYPE_MESSAGE && *(ProtobufCMessage *const *)p == NULL) continue;
        fprintf(out, "%s\"%s\":", first ? "" : ",", f->name);
        put_value(out, f, p);
        first = 0;
    }
    fputc('}', out);
}

/* ------------------------------------------------------------ case file */

typedef struct {
    char *tok[256];
    int n;
} tokens;

/* Splits a line on blanks; "..." groups (with \" and \\ escapes) may hold
 * blanks. Tokens are written into the line itself. -1 on a bad line. */
static int tokenize(char *line, tokens *t) {
    char *r = line, *w = line;
    t->n = 0;
    for (;;) {
        while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n') r++;
        if (*r == '\0' || *r == '#') return 0;
        if (t->n == 256) return -1;
        t->tok[t->n++] = w;
        int quoted = 0;
        while (*r && (quoted || !(*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n'))) {
            if (*r == '"') { quoted = !quoted; r++; continue; }
            if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\')) r++;
            *w++ = *r++;
        }
        if (quoted) return -1;
        int end = *r == '\0';
        if (!end) r++;
        *w++ = '\0';
        if (end) return 0;
    }
}

static int parse_value(const ProtobufCFieldDescriptor *f, const char *s, void *dst, arena *a) {
    char *end = NULL;
    errno = 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: {
        unsigned long long v = strtoull(s, &end, 10);
        if (*s == '-' || v > UINT32_MAX) return -1;
        *(uint32_t *)dst = (uint32_t)v;
        break;
    }
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32: {
        long long v = strtoll(s, &end, 10);
        if (v < INT32_MIN || v > INT32_MAX) return -1;
        *(int32_t *)dst = (int32_t)v;
        break;
    }
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
        *(uint64_t *)dst = strtoull(s, &end, 10); break;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
        *(int64_t *)dst = strtoll(s, &end, 10); break;
    case PROTOBUF_C_TYPE_DOUBLE: *(double *)dst = strtod(s, &end); break;
    case PROTOBUF_C_TYPE_FLOAT: *(float *)dst = strtof(s, &end); break;
    case PROTOBUF_C_TYPE_BOOL:
        if (strcmp(s, "true") == 0) *(protobuf_c_boolean *)dst = 1;
        else if (strcmp(s, "false") == 0) *(protobuf_c_boolean *)dst = 0;
        else return -1;
        return 0;
    case PROTOBUF_C_TYPE_ENUM: {
        const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value_by_name(f->descriptor, s);
        if (ev) { *(int *)dst = ev->value; return 0; }
        long v = strtol(s, &end, 10);
        *(int *)dst = (int)v;
        break;
    }
    case PROTOBUF_C_TYPE_STRING: *(char **)dst = arena_keep(a, strdup(s)); return 0;
    default: return -1; /* bytes / message values are not scriptable */
    }
    return (end == s || *end != '\0' || errno) ? -1 : 0;
}

/* Sets `key=value` on a message built by build_request(). */
static int set_field(ProtobufCMessage *m, const char *key, const char *value, arena *a) {
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(m->descriptor, key);
    if (f == NULL) return -1;
    char *base = (char *)m;
    if (f->label == PROTOBUF_C_LABEL_REPEATED) { /* comma-separated values, appended */
        char *copy = arena_keep(a, strdup(value)), *save = NULL;
        for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
            size_t *count = (size_t *)(base + f->quantifier_offset);
            char **arr = (char **)(base + f->offset);
            size_t sz = value_size(f);
            char *grown = arena_keep(a, malloc((*count + 1) * sz));
            if (*count) memcpy(grown, *arr, *count * sz);
            *arr = grown;
            if (parse_value(f, item, grown + *count * sz, a) != 0) return -1;
            (*count)++;
        }
        return 0;
    }
    if (parse_value(f, value, base + f->offset, a) != 0) return -1;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) *(uint32_t *)(base + f->quantifier_offset) = f->id;
    else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_STRING)
        *(protobuf_c_boolean *)(base + f->quantifier_offset) = 1;
    return 0;
}

static int build_request(tokens *t, nlc_request *req, arena *a, const char *path, int lineno) {
    const char *call = t->tok[2];
    if (strcmp(call, "none") == 0) {
        if (t->n > 3) { fprintf(stderr, "%s:%d: `none` takes no arguments\n", path, lineno); return -1; }
        return 0;
    }
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(&nhs__league__v1__request__descriptor, call);
    if (f == NULL || !(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)) {
        fprintf(stderr, "%s:%d: unknown call `%s`\n", path, lineno, call);
        return -1;
    }
    const ProtobufCMessageDescriptor *sd = f->descriptor;
    ProtobufCMessage *sub = arena_keep(a, calloc(1, sd->sizeof_message));
    protobuf_c_message_init(sd, sub);
    *(uint32_t *)((char *)req + f->quantifier_offset) = f->id;
    *(ProtobufCMessage **)((char *)req + f->offset) = sub;
    for (int i = 3; i < t->n; i++) {
        char *eq = strchr(t->tok[i], '=');
        if (eq == NULL) { fprintf(stderr, "%s:%d: expected key=value, got `%s`\n", path, lineno, t->tok[i]); return -1; }
        *eq = '\0';
        if (set_field(sub, t->tok[i], eq + 1, a) != 0) {
            fprintf(stderr, "%s:%d: bad argument `%s=%s` for %s\n", path, lineno, t->tok[i], eq + 1, call);
            return -1;
        }
    }
    return 0;
}

static int parse_hex(tokens *t, unsigned char **out, size_t *len) {
    size_t cap = 0;
    for (int i = 3; i < t->n; i++) cap += strlen(t->tok[i]) / 2 + 1;
    unsigned char *buf = malloc(cap ? cap : 1);
    size_t n = 0;
    for (int i = 3; i < t->n; i++) {
        const char *s = t->tok[i];
        if (strlen(s) % 2) { free(buf); return -1; }
        for (; *s; s += 2) {
            if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1])) { free(buf); return -1; }
            char h[3] = {s[0], s[1], 0};
            buf[n++] = (unsigned char)strtoul(h, NULL, 16);
        }
    }
    *out = buf;
    *len = n;
    return 0;
}

static void print_response(const char *name, const nlc_response *r) {
    printf("%s\t", name);
    put_message(stdout, &r->base);
    putchar('\n');
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASES_FILE HOST:PORT\n", argv[0]);
        return 1;
    }
    const char *path = argv[1];
    char host[256];
    const char *colon = strrchr(argv[2], ':');
    if (colon == NULL || (size_t)(colon - argv[2]) >= sizeof host) { fprintf(stderr, "bad address %s\n", argv[2]); return 1; }
    memcpy(host, argv[2], (size_t)(colon - argv[2]));
    host[colon - argv[2]] = '\0';
    int port = atoi(colon + 1);

    FILE *in = fopen(path, "r");
    if (in == NULL) { perror(path); return 1; }
    nlc_context *c = nlc_connect(host, port, 30000);
    if (c == NULL || c->err) { fprintf(stderr, "connect: %s\n", c ? c->errstr : "oom"); nlc_free(c); fclose(in); return 1; }

    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, index = 0, status = 0;
    while (getline(&line, &cap, in) != -1) {
        lineno++;
        tokens t;
        if (tokenize(line, &t) != 0) { fprintf(stderr, "%s:%d: bad line\n", path, lineno); status = 1; break; }
        if (t.n == 0) continue;
        if (t.n < 3) { fprintf(stderr, "%s:%d: expected NAME EXPECTED_CODE CALL [ARGS]\n", path, lineno); status = 1; break; }
        index++;
        if (strcmp(t.tok[2], "raw") == 0) {
            unsigned char *bytes;
            size_t len;
            if (parse_hex(&t, &bytes, &len) != 0) { fprintf(stderr, "%s:%d: bad hex\n", path, lineno); status = 1; break; }
            nlc_context *rc = nlc_connect(host, port, 30000);
            if (rc == NULL || rc->err) { fprintf(stderr, "connect: %s\n", rc ? rc->errstr : "oom"); nlc_free(rc); free(bytes); status = 1; break; }
            size_t off = 0;
            while (off < len) {
                ssize_t w = send(rc->fd, bytes + off, len - off, MSG_NOSIGNAL);
                if (w <= 0) break;
                off += (size_t)w;
            }
            free(bytes);
            nlc_response *r = nlc_read_response(rc);
            if (r) print_response(t.tok[0], r);
            else printf("%s\tNO_RESPONSE\n", t.tok[0]);
            nlc_response_free(r);
            nlc_free(rc);
            continue;
        }
        arena a = {0};
        nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
        req.id = (uint64_t)index;
        if (build_request(&t, &req, &a, path, lineno) != 0) { arena_free(&a); status = 1; break; }
        nlc_response *r = nlc_call(c, &req);
        arena_free(&a);
        if (r == NULL) { fprintf(stderr, "%s: %s\n", t.tok[0], c->errstr); status = 1; break; }
        print_response(t.tok[0], r);
        nlc_response_free(r);
    }
    free(line);
    fclose(in);
    nlc_free(c);
    return status;
}
