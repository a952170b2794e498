/*
 * league.c - the nhs-league protocol for the load generator: requests packed
 * by protobuf-c, answers checked structurally (id, status code, which result
 * field, every field inside the message) and, with --decode, by a full
 * protobuf-c unpack.
 */
#include "loadgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nhs/league/v1/league.pb-c.h"

#define FRAME_HEADER 5
/* The largest answer accepted, as the C client does (a 200-row league table
 * is a few hundred KiB). */
#define MAX_FRAME (16u * 1024u * 1024u)

int league_result_field(call_kind kind) {
    switch (kind) {
    case CALL_GET_TRUST: return NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST;
    case CALL_FIND_TRUSTS: return NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS;
    case CALL_NEAREST: return NHS__LEAGUE__V1__RESPONSE__RESULT_NEAREST;
    default: return 0;
    }
}

int league_prepare(prepared *p, call_kind kind, const char *value) {
    Nhs__League__V1__Request r = NHS__LEAGUE__V1__REQUEST__INIT;
    Nhs__League__V1__GetTrustRequest get = NHS__LEAGUE__V1__GET_TRUST_REQUEST__INIT;
    Nhs__League__V1__FindTrustsRequest find = NHS__LEAGUE__V1__FIND_TRUSTS_REQUEST__INIT;
    Nhs__League__V1__NearestRequest nearest = NHS__LEAGUE__V1__NEAREST_REQUEST__INIT;
    switch (kind) {
    case CALL_GET_TRUST:
        get.ods_code = (char *)value;
        r.call_case = NHS__LEAGUE__V1__REQUEST__CALL_GET_TRUST;
        r.get_trust = &get;
        break;
    case CALL_FIND_TRUSTS:
        find.query = (char *)value;
        r.call_case = NHS__LEAGUE__V1__REQUEST__CALL_FIND_TRUSTS;
        r.find_trusts = &find;
        break;
    case CALL_NEAREST:
        nearest.postcode = (char *)value;
        r.call_case = NHS__LEAGUE__V1__REQUEST__CALL_NEAREST;
        r.nearest = &nearest;
        break;
    default:
        return -1;
    }
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->len = nhs__league__v1__request__get_packed_size(&r);
    if ((p->bytes = malloc(p->len ? p->len : 1)) == NULL) return -1;
    nhs__league__v1__request__pack(&r, p->bytes);
    return 0;
}

static size_t put_varint(unsigned char *out, uint64_t v) {
    size_t n = 0;
    while (v >= 0x80) { out[n++] = (unsigned char)(v | 0x80); v >>= 7; }
    out[n++] = (unsigned char)v;
    return n;
}

/* flags 0, BE length, then field 1 (id) and the prepacked call. */
int league_frame(buffer *w, const prepared *req, uint64_t id) {
    unsigned char prefix[1 + 10];
    prefix[0] = 0x08; /* field 1, varint */
    size_t prefix_len = 1 + put_varint(prefix + 1, id);
    size_t body = prefix_len + req->len;
    if (buffer_reserve(w, FRAME_HEADER + body) != 0) return -1;
    unsigned char *out = w->data + w->len;
    out[0] = 0;
    out[1] = (unsigned char)(body >> 24);
    out[2] = (unsigned char)(body >> 16);
    out[3] = (unsigned char)(body >> 8);
    out[4] = (unsigned char)body;
    memcpy(out + FRAME_HEADER, prefix, prefix_len);
    memcpy(out + FRAME_HEADER + prefix_len, req->bytes, req->len);
    w->len += FRAME_HEADER + body;
    return 0;
}

/* Reads a varint at *p (< end); NULL when truncated or longer than 10 bytes. */
static const unsigned char *get_varint(const unsigned char *p, const unsigned char *end, uint64_t *v) {
    uint64_t value = 0;
    for (unsigned shift = 0; p < end && shift < 70; shift += 7) {
        unsigned char b = *p++;
        value |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) { *v = value; return p; }
    }
    return NULL;
}

/* Walks every field of a message in [p, end); calls back on the ones the
 * caller cares about. Returns 0 when the message is well formed. */
typedef void (*field_fn)(void *ctx, uint32_t field, int wire, uint64_t varint,
                         const unsigned char *data, size_t len);

static int walk_fields(const unsigned char *p, const unsigned char *end, field_fn fn, void *ctx) {
    while (p < end) {
        uint64_t key, v = 0;
        if ((p = get_varint(p, end, &key)) == NULL) return -1;
        uint32_t field = (uint32_t)(key >> 3);
        int wire = (int)(key & 7);
        const unsigned char *data = p;
        size_t len = 0;
        switch (wire) {
        case 0:
            if ((p = get_varint(p, end, &v)) == NULL) return -1;
            break;
        case 1: len = 8; break;
        case 5: len = 4; break;
        case 2:
            if ((p = get_varint(p, end, &v)) == NULL) return -1;
            if (v > (uint64_t)(end - p)) return -1;
            data = p;
            len = (size_t)v;
            break;
        default:
            return -1;
        }
        if (wire != 0) {
            if (len > (size_t)(end - data)) return -1;
            p = data + len;
        }
        if (field == 0) return -1;
        fn(ctx, field, wire, v, data, len);
    }
    return 0;
}

static void status_field(void *ctx, uint32_t field, int wire, uint64_t varint,
                         const unsigned char *data, size_t len) {
    (void)data; (void)len;
    if (field == 1 && wire == 0) ((answer *)ctx)->code = (int)varint;
}

static void response_field(void *ctx, uint32_t field, int wire, uint64_t varint,
                           const unsigned char *data, size_t len) {
    answer *a = ctx;
    if (field == 1 && wire == 0) {
        a->id = varint;
        a->has_id = 1;
    } else if (field == 2 && wire == 2) {
        if (walk_fields(data, data + len, status_field, a) != 0) a->malformed = 1;
    } else if (field >= 10 && field <= 16 && wire == 2) {
        if (a->result_field != 0) a->malformed = 1; /* two results: not what the server sends */
        a->result_field = (int)field;
    }
}

long league_parse(const unsigned char *p, size_t n, answer *a, char *err, size_t errlen) {
    if (n < FRAME_HEADER) return 0;
    if (p[0] != 0) {
        snprintf(err, errlen, "answer frame with flags 0x%02x", p[0]);
        return -1;
    }
    uint32_t len = (uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4];
    if (len > MAX_FRAME) {
        snprintf(err, errlen, "answer frame of %u bytes (more than %u)", len, MAX_FRAME);
        return -1;
    }
    if (n < FRAME_HEADER + (size_t)len) return 0;
    memset(a, 0, sizeof *a);
    a->body = p + FRAME_HEADER;
    a->body_len = len;
    if (walk_fields(a->body, a->body + len, response_field, a) != 0) a->malformed = 1;
    return (long)(FRAME_HEADER + len);
}

static int league_check(const answer *a, const prepared *req, int decode) {
    int want = league_result_field(req->kind);
    if (a->malformed || a->code != 0 || a->result_field != want) return 0;
    if (!decode) return 1;
    Nhs__League__V1__Response *r = nhs__league__v1__response__unpack(NULL, a->body_len, a->body);
    if (r == NULL) return 0;
    int ok = r->id == a->id && (r->status == NULL || r->status->code == 0) && (int)r->result_case == want;
    nhs__league__v1__response__free_unpacked(r, NULL);
    return ok;
}

const protocol league_protocol = {
    .name = "league",
    .ordered = 0,
    .encode = league_frame,
    .parse = league_parse,
    .check = league_check,
};

int league_body_ok(const unsigned char *body, size_t len, call_kind kind, int decode) {
    answer a;
    memset(&a, 0, sizeof a);
    a.body = body;
    a.body_len = len;
    if (walk_fields(body, body + len, response_field, &a) != 0) return 0;
    prepared req = {.kind = kind};
    return league_check(&a, &req, decode);
}
