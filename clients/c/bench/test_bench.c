/*
 * test_bench.c - unit tests of the load generator's own parts: the
 * histogram's percentiles against exact ones, the CSV column reader, the
 * loopback-only address rule, and both protocols' answer parsers on split,
 * whole and broken input. Prints "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hist.h"
#include "loadgen.h"

static int passed, failed;
#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (cond) passed++;                                                \
        else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } \
    } while (0)

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void test_hist(void) {
    enum { N = 100000 };
    static uint64_t values[N];
    static hist h;
    hist_init(&h);
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        /* log-uniform from 1 ns to ~1 s, the range latencies live in */
        values[i] = (x % 1000) + ((x >> 10) % 1000000000ull >> (x >> 40) % 30);
        hist_record(&h, values[i]);
    }
    qsort(values, N, sizeof values[0], compare_u64);
    const double pcts[] = {0.1, 50, 90, 99, 99.9, 100};
    for (size_t i = 0; i < sizeof pcts / sizeof pcts[0]; i++) {
        uint64_t exact = values[(size_t)((pcts[i] / 100.0) * N + 0.999999) - 1];
        uint64_t got = hist_percentile(&h, pcts[i]);
        CHECK(got >= exact && (double)got <= (double)exact * (1.0 + 1.0 / 128) + 1,
              "p%.1f: exact %llu, histogram %llu", pcts[i], (unsigned long long)exact, (unsigned long long)got);
    }
    CHECK(h.min == values[0] && h.max == values[N - 1], "min/max");
    hist small;
    hist_init(&small);
    for (uint64_t v = 0; v < 256; v++) hist_record(&small, v);
    CHECK(hist_percentile(&small, 50) == 127, "small values are exact: p50 %llu",
          (unsigned long long)hist_percentile(&small, 50));
}

static void test_inputs(void) {
    char path[] = "/tmp/bench-inputs-XXXXXX";
    int fd = mkstemp(path);
    const char *csv = "code,name,country\r\nA1,\"Smith, Jones \"\"and\"\" Co\",England\nB2,plain,Wales\n,empty,England\nC3,x,England\n";
    CHECK(fd >= 0 && write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv), "temp file");
    close(fd);
    string_list l;
    CHECK(inputs_load_column(path, "name", NULL, NULL, &l) == 0 && l.count == 4 &&
              strcmp(l.items[0], "Smith, Jones \"and\" Co") == 0,
          "quoted field");
    inputs_free(&l);
    CHECK(inputs_load_column(path, "code", "country", "England", &l) == 0 && l.count == 2 &&
              strcmp(l.items[0], "A1") == 0 && strcmp(l.items[1], "C3") == 0,
          "filtered column skips empty values and other countries");
    inputs_free(&l);
    CHECK(inputs_load_column(path, "nope", NULL, NULL, &l) == -1, "missing column refused");
    unlink(path);
}

static void test_loopback(void) {
    struct sockaddr_storage a;
    socklen_t len;
    CHECK(parse_loopback("127.0.0.1:7411", &a, &len) == 0, "127.0.0.1");
    CHECK(parse_loopback("127.8.9.10:1", &a, &len) == 0, "127/8");
    CHECK(parse_loopback("localhost:6379", &a, &len) == 0, "localhost");
    CHECK(parse_loopback("[::1]:6379", &a, &len) == 0, "[::1]");
    CHECK(parse_loopback("10.0.0.1:7411", &a, &len) == -1, "private address refused");
    CHECK(parse_loopback("8.8.8.8:53", &a, &len) == -1, "public address refused");
    CHECK(parse_loopback("example.org:80", &a, &len) == -1, "names other than localhost refused");
    CHECK(parse_loopback("[::2]:80", &a, &len) == -1, "non-loopback IPv6 refused");
    CHECK(parse_loopback("127.0.0.1:0", &a, &len) == -1, "port 0 refused");
}

/* Feeds `bytes` to a parser one byte more at a time: nothing before the end,
 * the whole answer at the end. */
static long parse_growing(parse_fn parse, const unsigned char *bytes, size_t n, answer *a) {
    char err[160];
    for (size_t i = 0; i < n; i++)
        if (parse(bytes, i, a, err, sizeof err) != 0) return -2;
    return parse(bytes, n, a, err, sizeof err);
}

static void test_league_parse(void) {
    /* Response{id: 300, status{}, get_trust{trust{}}}, then the first byte of a next frame */
    const unsigned char frame[] = {0, 0, 0, 0, 9, 0x08, 0xac, 0x02, 0x12, 0x00, 0x5a, 0x02, 0x0a, 0x00, 0x99};
    answer a;
    CHECK(parse_growing(league_parse, frame, 14, &a) == 14 && a.has_id && a.id == 300 && a.code == 0 &&
              a.result_field == 11 && !a.malformed,
          "whole frame, split anywhere");
    CHECK(league_body_ok(frame + 5, 9, CALL_GET_TRUST, 1), "OK get_trust decodes with protobuf-c");
    CHECK(!league_body_ok(frame + 5, 9, CALL_NEAREST, 0), "wrong result field for the call");
    const unsigned char notfound[] = {0, 0, 0, 0, 6, 0x08, 0x01, 0x12, 0x02, 0x08, 0x05};
    CHECK(parse_growing(league_parse, notfound, sizeof notfound, &a) == (long)sizeof notfound && a.code == 5 &&
              !league_body_ok(notfound + 5, 6, CALL_GET_TRUST, 0),
          "NOT_FOUND is a wrong answer");
    const unsigned char truncated[] = {0, 0, 0, 0, 4, 0x08, 0x01, 0x5a, 0x05};
    CHECK(league_parse(truncated, sizeof truncated, &a, (char[160]){0}, 160) == 9 && a.malformed,
          "a result running past the frame is malformed");
    const unsigned char flags[] = {1, 0, 0, 0, 0};
    CHECK(league_parse(flags, sizeof flags, &a, (char[160]){0}, 160) == -1, "non-zero flags break the stream");
    const unsigned char huge[] = {0, 0x7f, 0xff, 0xff, 0xff};
    CHECK(league_parse(huge, sizeof huge, &a, (char[160]){0}, 160) == -1, "oversized frame refused from the header");
}

static void test_redis_parse(void) {
    const unsigned char bulk[] = "$5\r\nhello\r\n";
    answer a;
    CHECK(parse_growing(redis_parse, bulk, sizeof bulk - 1, &a) == 11 && a.body_len == 5 &&
              memcmp(a.body, "hello", 5) == 0,
          "bulk string, split anywhere");
    const unsigned char nil[] = "$-1\r\n";
    CHECK(redis_parse(nil, 5, &a, (char[160]){0}, 160) == 5 && a.nil, "nil");
    const unsigned char error[] = "-ERR wrong\r\n";
    CHECK(redis_parse(error, sizeof error - 1, &a, (char[160]){0}, 160) == (long)sizeof error - 1 && a.nil,
          "error reply");
    const unsigned char nocrlf[] = "$2\r\nhiXY";
    CHECK(redis_parse(nocrlf, sizeof nocrlf - 1, &a, (char[160]){0}, 160) == -1, "value without CRLF");
}

int main(void) {
    test_hist();
    test_inputs();
    test_loopback();
    test_league_parse();
    test_redis_parse();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
