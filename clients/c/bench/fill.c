/*
 * fill.c - `nhs-league-loadgen fill`: stores every trust's real GetTrust
 * answer (the Response bytes our server sends) in Redis under trust:<code>,
 * and reads those values back before a Redis run to check every reply.
 */
#include "loadgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(void) {
    fprintf(stderr, "usage: nhs-league-loadgen fill --server HOST:PORT --redis HOST:PORT --trusts TRUSTS_CSV\n");
    return 2;
}

/* SET key value; the reply must be +OK. */
static int redis_set(int fd, const char *key, const unsigned char *value, size_t len) {
    char head[256];
    int n = snprintf(head, sizeof head, "*3\r\n$3\r\nSET\r\n$%zu\r\n%s\r\n$%zu\r\n", strlen(key), key, len);
    char reply[5];
    if (n < 0 || (size_t)n >= sizeof head) return -1;
    if (write_all(fd, head, (size_t)n) != 0 || write_all(fd, value, len) != 0 || write_all(fd, "\r\n", 2) != 0 ||
        read_exact(fd, reply, sizeof reply) != 0)
        return -1;
    if (memcmp(reply, "+OK\r\n", 5) != 0) {
        fprintf(stderr, "redis SET %s: unexpected reply\n", key);
        return -1;
    }
    return 0;
}

int fill_main(int argc, char **argv) {
    const char *server = NULL, *redis = NULL, *trusts = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--server") == 0) server = argv[i + 1];
        else if (strcmp(argv[i], "--redis") == 0) redis = argv[i + 1];
        else if (strcmp(argv[i], "--trusts") == 0) trusts = argv[i + 1];
        else return usage();
    }
    if (argc % 2 == 0 || server == NULL || redis == NULL || trusts == NULL) return usage();
    struct sockaddr_storage server_addr, redis_addr;
    socklen_t server_len, redis_len;
    string_list codes;
    if (parse_loopback(server, &server_addr, &server_len) != 0 || parse_loopback(redis, &redis_addr, &redis_len) != 0 ||
        inputs_load_column(trusts, "ods_code", NULL, NULL, &codes) != 0)
        return 1;
    int status = 1, sfd = connect_to(&server_addr, server_len), rfd = connect_to(&redis_addr, redis_len);
    buffer out = {0}, in = {0};
    size_t total = 0, smallest = SIZE_MAX, largest = 0;
    if (sfd < 0 || rfd < 0) goto done;
    for (size_t i = 0; i < codes.count; i++) {
        prepared req;
        answer a;
        if (league_prepare(&req, CALL_GET_TRUST, codes.items[i]) != 0) goto done;
        out.off = out.len = 0;
        int sent = league_frame(&out, &req, i + 1);
        free(req.bytes);
        if (sent != 0 || blocking_call(sfd, &league_protocol, out.data, out.len, &in, &a) != 0) goto done;
        if (!a.has_id || a.id != i + 1 || !league_body_ok(a.body, a.body_len, CALL_GET_TRUST, 1)) {
            fprintf(stderr, "GetTrust %s: not an OK answer (status %d)\n", codes.items[i], a.code);
            goto done;
        }
        if (redis_set(rfd, redis_key(codes.items[i]), a.body, a.body_len) != 0) goto done;
        total += a.body_len;
        if (a.body_len < smallest) smallest = a.body_len;
        if (a.body_len > largest) largest = a.body_len;
    }
    printf("filled %zu Redis keys with GetTrust answers: %zu bytes on average (%zu to %zu)\n", codes.count,
           total / codes.count, smallest, largest);
    status = 0;
done:
    if (sfd >= 0) close(sfd);
    if (rfd >= 0) close(rfd);
    buffer_free(&out);
    buffer_free(&in);
    inputs_free(&codes);
    return status;
}

int redis_load_expected(const struct sockaddr_storage *addr, socklen_t len, prepared *items,
                        size_t count, char **codes) {
    int fd = connect_to(addr, len), status = -1;
    buffer in = {0};
    if (fd < 0) return -1;
    for (size_t i = 0; i < count; i++) {
        answer a;
        if (blocking_call(fd, &redis_protocol, items[i].bytes, items[i].len, &in, &a) != 0) goto done;
        if (a.nil || !league_body_ok(a.body, a.body_len, CALL_GET_TRUST, 1)) {
            fprintf(stderr, "redis %s: missing or not a GetTrust answer (run `fill` first)\n", redis_key(codes[i]));
            goto done;
        }
        if ((items[i].expect = malloc(a.body_len ? a.body_len : 1)) == NULL) goto done;
        memcpy(items[i].expect, a.body, a.body_len);
        items[i].expect_len = a.body_len;
    }
    status = 0;
done:
    close(fd);
    buffer_free(&in);
    return status;
}
