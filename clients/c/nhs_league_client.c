/*
 * nhs_league_client.c - see nhs_league_client.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "nhs_league_client.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#define NLC_HEADER_LEN 5
#define NLC_RBUF_SIZE 16384

/* ------------------------------------------------------------ errors */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(nlc_context *ctx, int type, const char *fmt, ...) {
    if (ctx->err != NLC_OK) return; /* keep the first, root-cause error */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->errstr, sizeof(ctx->errstr), fmt, ap);
    va_end(ap);
    ctx->err = type;
}

static void set_errno_err(nlc_context *ctx, const char *what, int e) {
    if (e == EAGAIN || e == EWOULDBLOCK) {
        set_err(ctx, NLC_ERR_TIMEOUT, "%s: timed out", what);
    } else if (e == EPIPE || e == ECONNRESET) {
        set_err(ctx, NLC_ERR_EOF, "%s: connection closed by server (%s)", what, strerror(e));
    } else {
        set_err(ctx, NLC_ERR_IO, "%s: %s", what, strerror(e));
    }
}

/* ------------------------------------------------------------ context */

static nlc_context *ctx_new(void) {
    nlc_context *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) return NULL;
    ctx->rbuf = malloc(NLC_RBUF_SIZE);
    if (ctx->rbuf == NULL) {
        free(ctx);
        return NULL;
    }
    ctx->rcap = NLC_RBUF_SIZE;
    ctx->fd = -1;
    ctx->next_id = 1;
    ctx->max_frame = NLC_DEFAULT_MAX_FRAME;
    ctx->errstr[0] = '\0';
    return ctx;
}

void nlc_free(nlc_context *ctx) {
    if (ctx == NULL) return;
    if (ctx->fd >= 0) close(ctx->fd);
    for (size_t i = 0; i < ctx->npending; i++) nlc_response_free(ctx->pending[i]);
    free(ctx->pending);
    free(ctx->rbuf);
    free(ctx);
}

void nlc_set_max_frame(nlc_context *ctx, size_t max_bytes) {
    if (ctx != NULL) ctx->max_frame = max_bytes;
}

void nlc_set_deadline(nlc_context *ctx, uint32_t deadline_ms) {
    if (ctx != NULL) ctx->deadline_ms = deadline_ms;
}

int nlc_set_timeout(nlc_context *ctx, int timeout_ms) {
    if (ctx == NULL) return -1;
    if (ctx->fd < 0 || timeout_ms < 0) {
        set_err(ctx, NLC_ERR_OTHER, "set timeout: no socket or negative timeout");
        return -1;
    }
    struct timeval tv;
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    if (setsockopt(ctx->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
        setsockopt(ctx->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0) {
        set_errno_err(ctx, "setsockopt(SO_RCVTIMEO/SO_SNDTIMEO)", errno);
        return -1;
    }
    return 0;
}

nlc_context *nlc_connect_fd(int fd) {
    nlc_context *ctx = ctx_new();
    if (ctx == NULL) return NULL;
    ctx->fd = fd;
    if (fd < 0) set_err(ctx, NLC_ERR_OTHER, "invalid file descriptor %d", fd);
    return ctx;
}

/* Connects fd to addr, waiting at most timeout_ms (<= 0: blocking connect).
 * Returns 0, or an errno value (ETIMEDOUT on timeout). */
static int connect_with_timeout(int fd, const struct sockaddr *addr, socklen_t len,
                                int timeout_ms) {
    if (timeout_ms <= 0) {
        int rc;
        do {
            rc = connect(fd, addr, len);
        } while (rc != 0 && errno == EINTR);
        return rc == 0 ? 0 : errno;
    }
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0) return errno;
    if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return errno;
    int result = 0;
    if (connect(fd, addr, len) != 0) {
        if (errno != EINPROGRESS && errno != EINTR) {
            result = errno;
        } else {
            struct pollfd pfd = {.fd = fd, .events = POLLOUT, .revents = 0};
            int rc;
            do {
                rc = poll(&pfd, 1, timeout_ms);
            } while (rc < 0 && errno == EINTR);
            if (rc < 0) {
                result = errno;
            } else if (rc == 0) {
                result = ETIMEDOUT;
            } else {
                int so_error = 0;
                socklen_t sl = sizeof(so_error);
                if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &sl) != 0) {
                    result = errno;
                } else {
                    result = so_error;
                }
            }
        }
    }
    if (result == 0 && fcntl(fd, F_SETFL, flags) < 0) result = errno;
    return result;
}

nlc_context *nlc_connect(const char *host, int port, int timeout_ms) {
    nlc_context *ctx = ctx_new();
    if (ctx == NULL) return NULL;
    if (host == NULL || host[0] == '\0') host = NLC_DEFAULT_HOST;
    if (port <= 0 || port > 65535) {
        set_err(ctx, NLC_ERR_CONNECT, "invalid port %d", port);
        return ctx;
    }
    char portstr[16];
    snprintf(portstr, sizeof(portstr), "%d", port);

    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, portstr, &hints, &res);
    if (gai != 0) {
        set_err(ctx, NLC_ERR_CONNECT, "resolve %s: %s", host, gai_strerror(gai));
        return ctx;
    }

    int last_err = 0;
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            last_err = errno;
            continue;
        }
        int fdflags = fcntl(fd, F_GETFD, 0);
        if (fdflags >= 0) (void)fcntl(fd, F_SETFD, fdflags | FD_CLOEXEC);
        last_err = connect_with_timeout(fd, ai->ai_addr, ai->ai_addrlen, timeout_ms);
        if (last_err == 0) {
            ctx->fd = fd;
            break;
        }
        close(fd);
    }
    freeaddrinfo(res);

    if (ctx->fd < 0) {
        if (last_err == ETIMEDOUT) {
            set_err(ctx, NLC_ERR_TIMEOUT, "connect to %s:%d: timed out after %d ms", host, port,
                    timeout_ms);
        } else {
            set_err(ctx, NLC_ERR_CONNECT, "connect to %s:%d: %s", host, port,
                    strerror(last_err != 0 ? last_err : ECONNREFUSED));
        }
        return ctx;
    }

    int one = 1;
    if (setsockopt(ctx->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
        set_errno_err(ctx, "setsockopt(TCP_NODELAY)", errno);
        return ctx;
    }
    if (timeout_ms > 0) (void)nlc_set_timeout(ctx, timeout_ms);
    return ctx;
}

/* ------------------------------------------------------------ sending */

static int write_all(nlc_context *ctx, const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(ctx->fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            set_errno_err(ctx, "send", errno);
            return -1;
        }
        p += (size_t)w;
        n -= (size_t)w;
    }
    return 0;
}

int nlc_err_retryable(const nlc_context *ctx) {
    if (ctx == NULL) return 0;
    return ctx->err == NLC_ERR_GOING_AWAY || ctx->err == NLC_ERR_CONNECT ||
           (ctx->err == NLC_ERR_SERVER && ctx->server_code == NHS__LEAGUE__V1__CODE__UNAVAILABLE);
}

/* The server's going-away notice (issue 14): id 0, UNAVAILABLE, and a message
 * "server going away; requests up to id N will be answered". */
#define NLC_GOING_AWAY_PREFIX "server going away"

static int is_going_away(const nlc_response *resp) {
    if (resp->id != 0 || nlc_response_code(resp) != NHS__LEAGUE__V1__CODE__UNAVAILABLE) return 0;
    const char *message = nlc_response_message(resp);
    return strstr(message, NLC_GOING_AWAY_PREFIX) == message;
}

static void record_going_away(nlc_context *ctx, const nlc_response *resp) {
    const char *at = strstr(nlc_response_message(resp), "up to id ");
    ctx->going_away = 1;
    ctx->going_away_last_id = at != NULL ? strtoull(at + strlen("up to id "), NULL, 10) : 0;
}

static void set_going_away_err(nlc_context *ctx, uint64_t id) {
    set_err(ctx, NLC_ERR_GOING_AWAY,
            "server going away: request %llu not answered (last answered id %llu); retry",
            (unsigned long long)id, (unsigned long long)ctx->going_away_last_id);
}

uint64_t nlc_send(nlc_context *ctx, nlc_request *req) {
    if (ctx == NULL) return 0;
    if (ctx->err != NLC_OK) return 0;
    if (ctx->going_away) {
        set_err(ctx, NLC_ERR_GOING_AWAY, "server going away: no new requests; retry on a new connection");
        return 0;
    }
    if (req == NULL) {
        set_err(ctx, NLC_ERR_OTHER, "nlc_send: request is NULL");
        return 0;
    }
    if (req->id == 0) {
        req->id = ctx->next_id++;
        if (ctx->next_id == 0) ctx->next_id = 1;
    }
    if (req->deadline_ms == 0) req->deadline_ms = ctx->deadline_ms;

    size_t size = nhs__league__v1__request__get_packed_size(req);
    if (size > UINT32_MAX) {
        set_err(ctx, NLC_ERR_OTHER, "request of %zu bytes is too large to frame", size);
        return 0;
    }
    unsigned char *buf = malloc(NLC_HEADER_LEN + size);
    if (buf == NULL) {
        set_err(ctx, NLC_ERR_OOM, "out of memory packing a %zu-byte request", size);
        return 0;
    }
    buf[0] = 0;
    buf[1] = (unsigned char)(size >> 24);
    buf[2] = (unsigned char)(size >> 16);
    buf[3] = (unsigned char)(size >> 8);
    buf[4] = (unsigned char)size;
    size_t packed = nhs__league__v1__request__pack(req, buf + NLC_HEADER_LEN);
    if (packed != size) {
        free(buf);
        set_err(ctx, NLC_ERR_OTHER, "packing the request gave %zu bytes, expected %zu", packed,
                size);
        return 0;
    }
    int rc = write_all(ctx, buf, NLC_HEADER_LEN + size);
    free(buf);
    return rc == 0 ? req->id : 0;
}

/* ------------------------------------------------------------ receiving */

/* Reads more bytes into rbuf. Returns the count, 0 on EOF, -1 on error
 * (error set, except for EOF which the caller describes). */
static ssize_t fill(nlc_context *ctx) {
    if (ctx->rpos == ctx->rlen) {
        ctx->rpos = ctx->rlen = 0;
    } else if (ctx->rlen == ctx->rcap) {
        memmove(ctx->rbuf, ctx->rbuf + ctx->rpos, ctx->rlen - ctx->rpos);
        ctx->rlen -= ctx->rpos;
        ctx->rpos = 0;
    }
    for (;;) {
        ssize_t r = recv(ctx->fd, ctx->rbuf + ctx->rlen, ctx->rcap - ctx->rlen, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            set_errno_err(ctx, "recv", errno);
            return -1;
        }
        ctx->rlen += (size_t)r;
        return r;
    }
}

/* Copies exactly n bytes into dst. Returns the number copied before EOF
 * (== n on success), or -1 on error. */
static ssize_t read_exact(nlc_context *ctx, unsigned char *dst, size_t n) {
    size_t got = 0;
    while (got < n) {
        if (ctx->rpos == ctx->rlen) {
            ssize_t r = fill(ctx);
            if (r < 0) return -1;
            if (r == 0) return (ssize_t)got;
        }
        size_t avail = ctx->rlen - ctx->rpos;
        size_t take = n - got < avail ? n - got : avail;
        memcpy(dst + got, ctx->rbuf + ctx->rpos, take);
        ctx->rpos += take;
        got += take;
    }
    return (ssize_t)got;
}

/* Reads one frame from the wire and decodes it. */
static nlc_response *read_one(nlc_context *ctx) {
    unsigned char hdr[NLC_HEADER_LEN];
    ssize_t got = read_exact(ctx, hdr, sizeof(hdr));
    if (got < 0) return NULL;
    if (got == 0) {
        set_err(ctx, NLC_ERR_EOF, "connection closed by server");
        return NULL;
    }
    if ((size_t)got < sizeof(hdr)) {
        set_err(ctx, NLC_ERR_EOF, "connection closed mid-frame (header: %zd of 5 bytes)", got);
        return NULL;
    }
    if (hdr[0] != 0) {
        set_err(ctx, NLC_ERR_PROTOCOL, "frame flags 0x%02x not supported (only 0 is)", hdr[0]);
        return NULL;
    }
    uint32_t len = ((uint32_t)hdr[1] << 24) | ((uint32_t)hdr[2] << 16) |
                   ((uint32_t)hdr[3] << 8) | (uint32_t)hdr[4];
    /* checked before anything is allocated for the body */
    if ((uint64_t)len > (uint64_t)ctx->max_frame) {
        set_err(ctx, NLC_ERR_PROTOCOL, "frame of %u bytes exceeds the limit of %zu bytes", len,
                ctx->max_frame);
        return NULL;
    }
    unsigned char *body = malloc(len > 0 ? len : 1);
    if (body == NULL) {
        set_err(ctx, NLC_ERR_OOM, "out of memory for a %u-byte frame", len);
        return NULL;
    }
    got = read_exact(ctx, body, len);
    if (got < 0) {
        free(body);
        return NULL;
    }
    if ((size_t)got < len) {
        free(body);
        set_err(ctx, NLC_ERR_EOF, "connection closed mid-frame (body: %zd of %u bytes)", got,
                len);
        return NULL;
    }
    nlc_response *resp = nhs__league__v1__response__unpack(NULL, len, body);
    free(body);
    if (resp == NULL) {
        set_err(ctx, NLC_ERR_PROTOCOL, "could not decode a Response from a %u-byte frame", len);
        return NULL;
    }
    return resp;
}

static int pending_push(nlc_context *ctx, nlc_response *resp) {
    if (ctx->npending >= NLC_MAX_PENDING) {
        set_err(ctx, NLC_ERR_PROTOCOL, "more than %d unclaimed responses buffered",
                NLC_MAX_PENDING);
        return -1;
    }
    if (ctx->npending == ctx->pending_cap) {
        size_t cap = ctx->pending_cap ? ctx->pending_cap * 2 : 16;
        nlc_response **p = realloc(ctx->pending, cap * sizeof(*p));
        if (p == NULL) {
            set_err(ctx, NLC_ERR_OOM, "out of memory buffering responses");
            return -1;
        }
        ctx->pending = p;
        ctx->pending_cap = cap;
    }
    ctx->pending[ctx->npending++] = resp;
    return 0;
}

static nlc_response *pending_take(nlc_context *ctx, size_t i) {
    nlc_response *resp = ctx->pending[i];
    memmove(ctx->pending + i, ctx->pending + i + 1,
            (ctx->npending - i - 1) * sizeof(*ctx->pending));
    ctx->npending--;
    return resp;
}

nlc_response *nlc_read_response(nlc_context *ctx) {
    if (ctx == NULL) return NULL;
    if (ctx->npending > 0) return pending_take(ctx, 0);
    if (ctx->err != NLC_OK) return NULL;
    return read_one(ctx);
}

nlc_response *nlc_get_response(nlc_context *ctx, uint64_t id) {
    if (ctx == NULL) return NULL;
    for (size_t i = 0; i < ctx->npending; i++) {
        if (ctx->pending[i]->id == id) return pending_take(ctx, i);
    }
    /* After the going-away notice, ids it covers may still be read. */
    if (ctx->err != NLC_OK && ctx->err != NLC_ERR_GOING_AWAY) return NULL;
    for (;;) {
        if (ctx->going_away && id > ctx->going_away_last_id) {
            set_going_away_err(ctx, id);
            return NULL;
        }
        nlc_response *resp = read_one(ctx);
        if (resp == NULL) {
            if (ctx->going_away && ctx->err == NLC_ERR_EOF) {
                /* closed after the notice: this id was not covered after all */
                ctx->err = NLC_OK;
                set_going_away_err(ctx, id);
            }
            return NULL;
        }
        if (resp->id == id) return resp;
        if (is_going_away(resp)) {
            record_going_away(ctx, resp);
            nlc_response_free(resp);
            continue;
        }
        if (resp->id == 0) {
            ctx->server_code = nlc_response_code(resp);
            set_err(ctx, NLC_ERR_SERVER, "server: %s: %.90s", nlc_code_name(ctx->server_code),
                    nlc_response_message(resp));
            nlc_response_free(resp);
            return NULL;
        }
        if (pending_push(ctx, resp) != 0) {
            nlc_response_free(resp);
            return NULL;
        }
    }
}

nlc_response *nlc_call(nlc_context *ctx, nlc_request *req) {
    uint64_t id = nlc_send(ctx, req);
    if (id == 0) return NULL;
    return nlc_get_response(ctx, id);
}

void nlc_response_free(nlc_response *resp) {
    if (resp != NULL) nhs__league__v1__response__free_unpacked(resp, NULL);
}

/* ------------------------------------------------------------ helpers */

int nlc_response_code(const nlc_response *resp) {
    if (resp == NULL || resp->status == NULL) return NHS__LEAGUE__V1__CODE__OK;
    return (int)resp->status->code;
}

const char *nlc_response_message(const nlc_response *resp) {
    if (resp == NULL || resp->status == NULL || resp->status->message == NULL) return "";
    return resp->status->message;
}

const char *nlc_code_name(int code) {
    const ProtobufCEnumValue *v =
        protobuf_c_enum_descriptor_get_value(&nhs__league__v1__code__descriptor, code);
    return v != NULL ? v->name : "UNKNOWN_CODE";
}

const char *nlc_table_name(Nhs__League__V1__LeagueTableKind table) {
    switch (table) {
    case NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_ACUTE: return "acute";
    case NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_NON_ACUTE: return "non-acute";
    case NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_AMBULANCE: return "ambulance";
    default: return "unspecified";
    }
}

/* ------------------------------------------------------------ convenience */

nlc_response *nlc_server_info(nlc_context *ctx) {
    Nhs__League__V1__ServerInfoRequest sub = NHS__LEAGUE__V1__SERVER_INFO_REQUEST__INIT;
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_SERVER_INFO;
    req.server_info = &sub;
    return nlc_call(ctx, &req);
}

/* protobuf-c declares string fields as char *, but packing never writes them */
static char *str_arg(const char *s) {
    return (char *)(s != NULL ? s : "");
}

nlc_response *nlc_get_trust(nlc_context *ctx, const char *ods_code) {
    Nhs__League__V1__GetTrustRequest sub = NHS__LEAGUE__V1__GET_TRUST_REQUEST__INIT;
    sub.ods_code = str_arg(ods_code);
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_GET_TRUST;
    req.get_trust = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_find_trusts(nlc_context *ctx, const char *query, uint32_t limit) {
    Nhs__League__V1__FindTrustsRequest sub = NHS__LEAGUE__V1__FIND_TRUSTS_REQUEST__INIT;
    sub.query = str_arg(query);
    sub.limit = limit;
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_FIND_TRUSTS;
    req.find_trusts = &sub;
    return nlc_call(ctx, &req);
}

static nlc_response *nearest(nlc_context *ctx, Nhs__League__V1__NearestRequest *sub,
                             Nhs__League__V1__LeagueTableKind table, uint32_t limit) {
    Nhs__League__V1__LeagueTableKind tables[1] = {table};
    sub->limit = limit;
    if (table != NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_UNSPECIFIED) {
        sub->n_tables = 1;
        sub->tables = tables;
    }
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_NEAREST;
    req.nearest = sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_nearest_postcode(nlc_context *ctx, const char *postcode,
                                   Nhs__League__V1__LeagueTableKind table, uint32_t limit) {
    Nhs__League__V1__NearestRequest sub = NHS__LEAGUE__V1__NEAREST_REQUEST__INIT;
    sub.postcode = str_arg(postcode);
    return nearest(ctx, &sub, table, limit);
}

nlc_response *nlc_nearest_coords(nlc_context *ctx, double latitude, double longitude,
                                 Nhs__League__V1__LeagueTableKind table, uint32_t limit) {
    Nhs__League__V1__NearestRequest sub = NHS__LEAGUE__V1__NEAREST_REQUEST__INIT;
    sub.latitude_present_case = NHS__LEAGUE__V1__NEAREST_REQUEST__LATITUDE_PRESENT_LATITUDE;
    sub.latitude = latitude;
    sub.longitude_present_case = NHS__LEAGUE__V1__NEAREST_REQUEST__LONGITUDE_PRESENT_LONGITUDE;
    sub.longitude = longitude;
    return nearest(ctx, &sub, table, limit);
}

nlc_response *nlc_list_actions(nlc_context *ctx, const char *ods_code) {
    Nhs__League__V1__ListActionsRequest sub = NHS__LEAGUE__V1__LIST_ACTIONS_REQUEST__INIT;
    sub.ods_code = str_arg(ods_code);
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LIST_ACTIONS;
    req.list_actions = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_league_table(nlc_context *ctx, Nhs__League__V1__LeagueTableKind table,
                               const char *quarter, uint32_t segment, const char *region,
                               int descending, uint32_t offset, uint32_t limit) {
    Nhs__League__V1__LeagueTableRequest sub = NHS__LEAGUE__V1__LEAGUE_TABLE_REQUEST__INIT;
    sub.table = table;
    sub.quarter = str_arg(quarter);
    if (segment != 0) {
        sub.segment_present_case = NHS__LEAGUE__V1__LEAGUE_TABLE_REQUEST__SEGMENT_PRESENT_SEGMENT;
        sub.segment = segment;
    }
    sub.region = str_arg(region);
    sub.descending = descending != 0;
    sub.offset = offset;
    sub.limit = limit;
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LEAGUE_TABLE;
    req.league_table = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_trust_history(nlc_context *ctx, const char *ods_code) {
    Nhs__League__V1__TrustHistoryRequest sub = NHS__LEAGUE__V1__TRUST_HISTORY_REQUEST__INIT;
    sub.ods_code = str_arg(ods_code);
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_TRUST_HISTORY;
    req.trust_history = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_trust_metrics(nlc_context *ctx, const char *ods_code, const char *quarter) {
    Nhs__League__V1__TrustMetricsRequest sub = NHS__LEAGUE__V1__TRUST_METRICS_REQUEST__INIT;
    sub.ods_code = str_arg(ods_code);
    sub.quarter = str_arg(quarter);
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_TRUST_METRICS;
    req.trust_metrics = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_metric_table(nlc_context *ctx, const char *metric, Nhs__League__V1__LeagueTableKind table,
                               const char *quarter, const char *region, int worst_first,
                               uint32_t offset, uint32_t limit) {
    Nhs__League__V1__MetricTableRequest sub = NHS__LEAGUE__V1__METRIC_TABLE_REQUEST__INIT;
    sub.metric = str_arg(metric);
    sub.table = table;
    sub.quarter = str_arg(quarter);
    sub.region = str_arg(region);
    sub.worst_first = worst_first != 0;
    sub.offset = offset;
    sub.limit = limit;
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_METRIC_TABLE;
    req.metric_table = &sub;
    return nlc_call(ctx, &req);
}

nlc_response *nlc_list_metrics(nlc_context *ctx, Nhs__League__V1__LeagueTableKind table, const char *quarter) {
    Nhs__League__V1__ListMetricsRequest sub = NHS__LEAGUE__V1__LIST_METRICS_REQUEST__INIT;
    sub.table = table;
    sub.quarter = str_arg(quarter);
    nlc_request req = NHS__LEAGUE__V1__REQUEST__INIT;
    req.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LIST_METRICS;
    req.list_metrics = &sub;
    return nlc_call(ctx, &req);
}
