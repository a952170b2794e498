/*
 * loadgen.c - nhs-league-loadgen: a closed-loop load generator for the
 * nhs-league server and, with the same connection and pipelining code, for
 * Redis GET (the reference). C connections each keep D requests in flight on
 * non-blocking sockets driven by epoll; every answer is checked (id, status,
 * result, completeness) and a wrong or missing answer is an error. Prints
 * req/s and latency percentiles from an HDR-style histogram, then one
 * machine-readable RESULT line. See README.md in this folder.
 */
#define _POSIX_C_SOURCE 200809L
#include "loadgen.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "hist.h"

/* League ids carry the connection's slot in their low bits, so an answer
 * finds its request in O(1) whatever order the server answers in. */
#define SLOT_BITS 12
#define MAX_DEPTH (1u << SLOT_BITS)
#define MAX_CONNS 4096
#define READ_CHUNK (256u * 1024u)

static const char *const call_names[CALL_KINDS] = {"get-trust", "find-trusts", "nearest"};

typedef struct slot {
    uint64_t id;
    uint64_t sent_ns;
    const prepared *req;
    int busy;
} slot;

typedef struct conn {
    int fd;
    int want_out; /* EPOLLOUT is registered */
    buffer in, out;
    slot *slots;
    unsigned *free_slots, nfree;
    unsigned *fifo, fifo_head, fifo_count; /* slots in send order (ordered protocols) */
    unsigned inflight;
    uint64_t seq;
} conn;

typedef struct options {
    const char *addr, *proto, *workload, *trusts, *queries, *sectors, *sector_country;
    unsigned conns, depth;
    double duration, warmup, drain;
    uint64_t requests, seed;
    unsigned weights[CALL_KINDS];
    int decode, quiet;
} options;

typedef struct run {
    options *opt;
    const protocol *proto;
    prepared *items[CALL_KINDS];
    size_t counts[CALL_KINDS], cursor[CALL_KINDS];
    unsigned weight_total;
    uint64_t rng;
    conn *conns;
    unsigned open_conns;
    int epfd, issuing;
    uint64_t issued, measure_start, measure_end, last_answer;
    uint64_t answered, counted, counted_bytes, per_kind[CALL_KINDS];
    uint64_t wrong, unmatched, missing, broken;
    hist latency;
} run;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: reproducible choices for a given --seed. */
static uint64_t next_random(run *r) {
    r->rng ^= r->rng >> 12;
    r->rng ^= r->rng << 25;
    r->rng ^= r->rng >> 27;
    return r->rng * 2685821657736338717ull;
}

/* GetTrust and FindTrusts walk their whole input in order (every trust,
 * every query); Nearest picks random sectors. The call kind of each request
 * is drawn by the weights (one non-zero weight = a single-call workload). */
static const prepared *next_request(run *r) {
    unsigned pick = r->weight_total > 1 ? (unsigned)(next_random(r) % r->weight_total) : 0;
    call_kind kind = 0;
    while (pick >= r->opt->weights[kind]) pick -= r->opt->weights[kind++];
    size_t index = kind == CALL_NEAREST ? (size_t)(next_random(r) % r->counts[kind])
                                        : r->cursor[kind]++ % r->counts[kind];
    return &r->items[kind][index];
}

/* Fails every request still in flight on `c` as missing and closes it. */
static void close_conn(run *r, conn *c, const char *why) {
    if (c->fd < 0) return;
    if (why != NULL) {
        fprintf(stderr, "%s connection closed: %s (%u requests in flight)\n", r->proto->name, why, c->inflight);
        r->broken++;
    }
    r->missing += c->inflight;
    c->inflight = 0;
    epoll_ctl(r->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    r->open_conns--;
}

static int issue(run *r, conn *c, uint64_t now) {
    while (c->nfree > 0 && r->issuing && (r->opt->requests == 0 || r->issued < r->opt->requests)) {
        unsigned s = c->free_slots[--c->nfree];
        slot *sl = &c->slots[s];
        sl->req = next_request(r);
        sl->id = (++c->seq << SLOT_BITS) | s;
        sl->sent_ns = now;
        sl->busy = 1;
        if (r->proto->encode(&c->out, sl->req, sl->id) != 0) return -1;
        c->fifo[(c->fifo_head + c->fifo_count++) % r->opt->depth] = s;
        c->inflight++;
        r->issued++;
    }
    return 0;
}

static void set_want_out(run *r, conn *c, int want) {
    if (c->want_out == want) return;
    struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(r->epfd, EPOLL_CTL_MOD, c->fd, &ev);
    c->want_out = want;
}

static void flush(run *r, conn *c) {
    while (c->out.off < c->out.len) {
        ssize_t w = write(c->fd, c->out.data + c->out.off, c->out.len - c->out.off);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (w <= 0) { close_conn(r, c, strerror(errno)); return; }
        c->out.off += (size_t)w;
    }
    if (c->out.off == c->out.len) c->out.off = c->out.len = 0;
    set_want_out(r, c, c->out.off < c->out.len);
}

/* Matches one answer to its request, checks it and records its latency. */
static void on_answer(run *r, conn *c, const answer *a, uint64_t now) {
    unsigned s;
    r->answered++;
    if (r->proto->ordered) {
        if (c->fifo_count == 0) { r->unmatched++; return; }
        s = c->fifo[c->fifo_head];
        c->fifo_head = (c->fifo_head + 1) % r->opt->depth;
        c->fifo_count--;
    } else {
        s = (unsigned)(a->id & (MAX_DEPTH - 1));
        if (!a->has_id || s >= r->opt->depth || !c->slots[s].busy || c->slots[s].id != a->id) {
            r->unmatched++;
            return;
        }
    }
    slot *sl = &c->slots[s];
    if (!r->proto->check(a, sl->req, r->opt->decode)) {
        if (r->wrong++ < 5)
            fprintf(stderr, "%s: wrong answer to a %s request (status %d, result field %d, %zu bytes)\n",
                    r->proto->name, call_names[sl->req->kind], a->code, a->result_field, a->body_len);
    }
    if (sl->sent_ns >= r->measure_start && now >= r->measure_start && (r->measure_end == 0 || now < r->measure_end)) {
        hist_record(&r->latency, now - sl->sent_ns);
        r->counted++;
        r->counted_bytes += a->body_len;
        r->per_kind[sl->req->kind]++;
        r->last_answer = now;
    }
    sl->busy = 0;
    c->free_slots[c->nfree++] = s;
    c->inflight--;
}

static void on_readable(run *r, conn *c) {
    if (buffer_reserve(&c->in, READ_CHUNK) != 0) { close_conn(r, c, "out of memory"); return; }
    ssize_t got = read(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (got <= 0) { close_conn(r, c, got == 0 ? "closed by the server" : strerror(errno)); return; }
    c->in.len += (size_t)got;
    uint64_t now = now_ns();
    char err[160];
    for (;;) {
        answer a;
        long used = r->proto->parse(c->in.data + c->in.off, c->in.len - c->in.off, &a, err, sizeof err);
        if (used == 0) break;
        if (used < 0) { close_conn(r, c, err); return; }
        if (!r->proto->ordered && (!a.has_id || a.id == 0)) { /* a connection-level error */
            r->wrong++;
            close_conn(r, c, "the server answered with id 0 (connection error)");
            return;
        }
        on_answer(r, c, &a, now);
        c->in.off += (size_t)used;
    }
    if (c->in.off == c->in.len) c->in.off = c->in.len = 0;
    if (issue(r, c, now) != 0) { close_conn(r, c, "out of memory"); return; }
    flush(r, c);
}

static int open_conns(run *r, const struct sockaddr_storage *addr, socklen_t len) {
    const options *o = r->opt;
    if ((r->conns = calloc(o->conns, sizeof *r->conns)) == NULL) return -1;
    for (unsigned i = 0; i < o->conns; i++) r->conns[i].fd = -1;
    for (unsigned i = 0; i < o->conns; i++) {
        conn *c = &r->conns[i];
        c->slots = calloc(o->depth, sizeof *c->slots);
        c->free_slots = calloc(o->depth, sizeof *c->free_slots);
        c->fifo = calloc(o->depth, sizeof *c->fifo);
        if (c->slots == NULL || c->free_slots == NULL || c->fifo == NULL) return -1;
        for (unsigned s = 0; s < o->depth; s++) c->free_slots[c->nfree++] = o->depth - 1 - s;
        if ((c->fd = connect_to(addr, len)) < 0) return -1;
        fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(r->epfd, EPOLL_CTL_ADD, c->fd, &ev) != 0) { perror("epoll_ctl"); return -1; }
        r->open_conns++;
    }
    return 0;
}

static void event_loop(run *r) {
    const options *o = r->opt;
    enum { MAX_EVENTS = 256 };
    struct epoll_event events[MAX_EVENTS];
    uint64_t start = now_ns();
    r->measure_start = start + (uint64_t)(o->warmup * 1e9);
    r->measure_end = o->duration > 0 ? r->measure_start + (uint64_t)(o->duration * 1e9) : 0;
    uint64_t drain_until = 0;
    r->issuing = 1;
    for (unsigned i = 0; i < o->conns; i++) {
        if (issue(r, &r->conns[i], start) != 0) { close_conn(r, &r->conns[i], "out of memory"); continue; }
        flush(r, &r->conns[i]);
    }
    while (r->open_conns > 0) {
        int n = epoll_wait(r->epfd, events, MAX_EVENTS, 10);
        if (n < 0 && errno != EINTR) { perror("epoll_wait"); break; }
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            if (c->fd >= 0 && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) on_readable(r, c);
            if (c->fd >= 0 && (events[i].events & EPOLLOUT)) flush(r, c);
        }
        uint64_t now = now_ns();
        if (r->issuing && ((r->measure_end != 0 && now >= r->measure_end) ||
                           (o->requests != 0 && r->issued >= o->requests))) {
            r->issuing = 0;
            drain_until = now + (uint64_t)(o->drain * 1e9);
        }
        if (!r->issuing) {
            uint64_t inflight = 0;
            for (unsigned i = 0; i < o->conns; i++) inflight += r->conns[i].fd >= 0 ? r->conns[i].inflight : 0;
            if (inflight == 0) break;
            if (now >= drain_until) {
                fprintf(stderr, "%s: %llu answers still missing %.1f s after the run\n", r->proto->name,
                        (unsigned long long)inflight, o->drain);
                break;
            }
        }
    }
    for (unsigned i = 0; i < o->conns; i++) close_conn(r, &r->conns[i], NULL);
}

static void report(const run *r) {
    const options *o = r->opt;
    uint64_t end = r->measure_end != 0 ? r->measure_end : r->last_answer;
    double seconds = end > r->measure_start ? (double)(end - r->measure_start) / 1e9 : 0;
    double rps = seconds > 0 ? (double)r->counted / seconds : 0;
    uint64_t errors = r->wrong + r->unmatched + r->missing;
    double us[5];
    static const double pct[5] = {50, 90, 99, 99.9, 100};
    for (int i = 0; i < 5; i++) us[i] = (double)hist_percentile(&r->latency, pct[i]) / 1000.0;
    const char *workload = r->proto == &redis_protocol ? "get" : o->workload;
    if (!o->quiet) {
        printf("%s %s %ux%u: %llu answers in %.2f s = %.0f req/s, %.0f bytes each\n", r->proto->name, workload,
               o->conns, o->depth, (unsigned long long)r->counted, seconds, rps,
               r->counted ? (double)r->counted_bytes / (double)r->counted : 0.0);
        printf("  latency us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n", us[0], us[1], us[2], us[3],
               us[4]);
        printf("  calls:");
        for (int k = 0; k < CALL_KINDS; k++)
            if (r->per_kind[k]) printf(" %s %llu", call_names[k], (unsigned long long)r->per_kind[k]);
        printf("\n  errors %llu (wrong %llu, unmatched %llu, missing %llu; broken connections %llu)\n",
               (unsigned long long)errors, (unsigned long long)r->wrong, (unsigned long long)r->unmatched,
               (unsigned long long)r->missing, (unsigned long long)r->broken);
    }
    printf("RESULT proto=%s workload=%s conns=%u depth=%u answers=%llu seconds=%.3f rps=%.0f p50_us=%.1f "
           "p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f mean_bytes=%.0f errors=%llu\n",
           r->proto->name, workload, o->conns, o->depth, (unsigned long long)r->counted, seconds, rps, us[0], us[1],
           us[2], us[3], us[4], r->counted ? (double)r->counted_bytes / (double)r->counted : 0.0,
           (unsigned long long)errors);
    fflush(stdout);
}

static void usage(void) {
    fprintf(stderr,
            "usage: nhs-league-loadgen run --addr HOST:PORT [options]   (loopback addresses only)\n"
            "       nhs-league-loadgen fill --server HOST:PORT --redis HOST:PORT --trusts TRUSTS_CSV\n"
            "       nhs-league-loadgen free-port      (prints a free 127.0.0.1 TCP port)\n"
            "run options:\n"
            "  --proto league|redis        protocol (default league; redis GETs trust:<code>)\n"
            "  --workload get-trust|find-trusts|nearest|mixed   (default get-trust; redis: get-trust)\n"
            "  --mix G,F,N                 mixed workload weights (default 1,1,1)\n"
            "  --trusts CSV                trust codes (column ods_code), for get-trust and redis\n"
            "  --queries CSV               search queries (column query), for find-trusts\n"
            "  --sectors CSV               postcode sectors (column sector), for nearest\n"
            "  --sector-country NAME       only sectors whose country column is NAME (default England)\n"
            "  -c N                        connections (default 1)\n"
            "  -d N                        requests in flight per connection (default 1, at most %u)\n"
            "  --duration S                measured seconds (default 5; 0 = until --requests)\n"
            "  --warmup S                  unmeasured seconds first (default 0.5)\n"
            "  --requests N                stop after N requests in all (default: no limit)\n"
            "  --drain S                   wait at most S seconds for the last answers (default 5)\n"
            "  --seed N                    random choices (default 1)\n"
            "  --decode                    also decode every league answer with protobuf-c\n"
            "  --quiet                     print only the RESULT line\n"
            "Exit status 0 when every answer was right and at least one was measured.\n",
            MAX_DEPTH);
}

static int parse_options(int argc, char **argv, options *o) {
    *o = (options){.proto = "league", .workload = "get-trust", .sector_country = "England", .conns = 1,
                   .depth = 1, .duration = 5, .warmup = 0.5, .drain = 5, .seed = 1, .weights = {1, 1, 1}};
    int duration_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--decode") == 0) { o->decode = 1; continue; }
        if (strcmp(a, "--quiet") == 0) { o->quiet = 1; continue; }
        if (v == NULL) { fprintf(stderr, "%s needs a value\n", a); return -1; }
        i++;
        if (strcmp(a, "--addr") == 0) o->addr = v;
        else if (strcmp(a, "--proto") == 0) o->proto = v;
        else if (strcmp(a, "--workload") == 0) o->workload = v;
        else if (strcmp(a, "--trusts") == 0) o->trusts = v;
        else if (strcmp(a, "--queries") == 0) o->queries = v;
        else if (strcmp(a, "--sectors") == 0) o->sectors = v;
        else if (strcmp(a, "--sector-country") == 0) o->sector_country = v;
        else if (strcmp(a, "-c") == 0) o->conns = (unsigned)strtoul(v, NULL, 10);
        else if (strcmp(a, "-d") == 0) o->depth = (unsigned)strtoul(v, NULL, 10);
        else if (strcmp(a, "--duration") == 0) { o->duration = strtod(v, NULL); duration_set = 1; }
        else if (strcmp(a, "--warmup") == 0) o->warmup = strtod(v, NULL);
        else if (strcmp(a, "--drain") == 0) o->drain = strtod(v, NULL);
        else if (strcmp(a, "--requests") == 0) o->requests = strtoull(v, NULL, 10);
        else if (strcmp(a, "--seed") == 0) o->seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--mix") == 0) {
            if (sscanf(v, "%u,%u,%u", &o->weights[0], &o->weights[1], &o->weights[2]) != 3) {
                fprintf(stderr, "--mix wants three weights, e.g. 2,1,1\n");
                return -1;
            }
        } else { fprintf(stderr, "unknown option %s\n", a); return -1; }
    }
    if (o->requests != 0 && !duration_set) o->duration = 0;
    if (o->addr == NULL) { fprintf(stderr, "--addr is required\n"); return -1; }
    if (o->conns < 1 || o->conns > MAX_CONNS || o->depth < 1 || o->depth > MAX_DEPTH) {
        fprintf(stderr, "-c must be 1..%u and -d 1..%u\n", MAX_CONNS, MAX_DEPTH);
        return -1;
    }
    if (!(o->duration >= 0 && o->duration <= 3600 && o->warmup >= 0 && o->warmup <= 600 && o->drain > 0) ||
        (o->duration == 0 && o->requests == 0)) {
        fprintf(stderr, "the run must be bounded: --duration 0..3600 s, or --requests N\n");
        return -1;
    }
    if (o->seed == 0) o->seed = 1;
    return 0;
}

/* Loads and prepares the inputs the workload needs. */
static int prepare(run *r, const struct sockaddr_storage *addr, socklen_t len) {
    options *o = r->opt;
    const char *files[CALL_KINDS] = {o->trusts, o->queries, o->sectors};
    const char *columns[CALL_KINDS] = {"ods_code", "query", "sector"};
    if (r->proto == &redis_protocol) {
        if (strcmp(o->workload, "get-trust") != 0) {
            fprintf(stderr, "redis answers get-trust only (GET trust:<code>)\n");
            return -1;
        }
    }
    int k = -1;
    for (int i = 0; i < CALL_KINDS; i++)
        if (strcmp(o->workload, call_names[i]) == 0) k = i;
    if (k >= 0) {
        for (int i = 0; i < CALL_KINDS; i++) o->weights[i] = i == k;
    } else if (strcmp(o->workload, "mixed") != 0) {
        fprintf(stderr, "unknown workload %s\n", o->workload);
        return -1;
    }
    for (int i = 0; i < CALL_KINDS; i++) {
        if (o->weights[i] == 0) continue;
        r->weight_total += o->weights[i];
        if (files[i] == NULL) {
            fprintf(stderr, "the %s workload needs --%s CSV\n", o->workload,
                    i == CALL_GET_TRUST ? "trusts" : i == CALL_FIND_TRUSTS ? "queries" : "sectors");
            return -1;
        }
        string_list values;
        if (inputs_load_column(files[i], columns[i], i == CALL_NEAREST ? "country" : NULL,
                               i == CALL_NEAREST ? o->sector_country : NULL, &values) != 0)
            return -1;
        r->items[i] = calloc(values.count, sizeof *r->items[i]);
        int failed = r->items[i] == NULL;
        for (size_t j = 0; j < values.count && !failed; j++) {
            failed = r->proto == &redis_protocol ? redis_prepare(&r->items[i][j], values.items[j])
                                                  : league_prepare(&r->items[i][j], (call_kind)i, values.items[j]);
            if (!failed) r->counts[i]++;
        }
        if (!failed && r->proto == &redis_protocol)
            failed = redis_load_expected(addr, len, r->items[i], r->counts[i], values.items) != 0;
        inputs_free(&values);
        if (failed) return -1;
    }
    if (r->weight_total == 0) { fprintf(stderr, "--mix weights are all 0\n"); return -1; }
    return 0;
}

static void release(run *r) {
    for (int k = 0; k < CALL_KINDS; k++) {
        for (size_t j = 0; j < r->counts[k]; j++) {
            free(r->items[k][j].bytes);
            free(r->items[k][j].expect);
        }
        free(r->items[k]);
    }
    if (r->conns != NULL) {
        for (unsigned i = 0; i < r->opt->conns; i++) {
            conn *c = &r->conns[i];
            if (c->fd >= 0) close(c->fd);
            buffer_free(&c->in);
            buffer_free(&c->out);
            free(c->slots);
            free(c->free_slots);
            free(c->fifo);
        }
        free(r->conns);
    }
    if (r->epfd >= 0) close(r->epfd);
}

static int run_main(int argc, char **argv) {
    options o;
    if (parse_options(argc, argv, &o) != 0) { usage(); return 2; }
    run *r = calloc(1, sizeof *r);
    if (r == NULL) return 1;
    r->opt = &o;
    r->rng = o.seed;
    r->epfd = -1;
    hist_init(&r->latency);
    struct sockaddr_storage addr;
    socklen_t len;
    int status = 1;
    if (strcmp(o.proto, "league") == 0) r->proto = &league_protocol;
    else if (strcmp(o.proto, "redis") == 0) r->proto = &redis_protocol;
    else { fprintf(stderr, "unknown protocol %s\n", o.proto); goto done; }
    if (parse_loopback(o.addr, &addr, &len) != 0 || prepare(r, &addr, len) != 0) goto done;
    if ((r->epfd = epoll_create1(0)) < 0) { perror("epoll_create1"); goto done; }
    if (open_conns(r, &addr, len) != 0) goto done;
    event_loop(r);
    report(r);
    status = (r->wrong + r->unmatched + r->missing) == 0 && r->counted > 0 ? 0 : 1;
done:
    release(r);
    free(r);
    return status;
}

static int free_port_main(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        perror("free-port");
        return 1;
    }
    printf("%u\n", ntohs(a.sin_port));
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && strcmp(argv[1], "run") == 0) return run_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "fill") == 0) return fill_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "free-port") == 0) return free_port_main();
    usage();
    return 2;
}
