/* net.c - loopback-only addresses and the blocking socket helpers used
 * outside the timed run (filling Redis, reading expected values). */
#define _POSIX_C_SOURCE 200809L
#include "loadgen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int parse_loopback(const char *hostport, struct sockaddr_storage *addr, socklen_t *len) {
    char host[64];
    const char *colon = strrchr(hostport, ':');
    if (colon == NULL || (size_t)(colon - hostport) >= sizeof host) {
        fprintf(stderr, "address \"%s\": expected HOST:PORT\n", hostport);
        return -1;
    }
    memcpy(host, hostport, (size_t)(colon - hostport));
    host[colon - hostport] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || port < 1 || port > 65535) {
        fprintf(stderr, "address \"%s\": bad port\n", hostport);
        return -1;
    }
    memset(addr, 0, sizeof *addr);
    struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
    if (strcmp(host, "localhost") == 0) strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) goto refuse;
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        *len = sizeof *v4;
        return 0;
    }
    size_t hl = strlen(host);
    if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) == 1) {
            if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) goto refuse;
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons((uint16_t)port);
            *len = sizeof *v6;
            return 0;
        }
    }
refuse:
    fprintf(stderr, "address \"%s\" refused: the bench loads loopback only (127.0.0.0/8, localhost, [::1])\n",
            hostport);
    return -1;
}

int connect_to(const struct sockaddr_storage *addr, socklen_t len) {
    int fd = socket(addr->ss_family, SOCK_STREAM, 0);
    if (fd < 0) { perror("socket"); return -1; }
    if (connect(fd, (const struct sockaddr *)addr, len) != 0) {
        perror("connect");
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int write_all(int fd, const void *p, size_t n) {
    const unsigned char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { perror("write"); return -1; }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

int read_exact(int fd, void *p, size_t n) {
    unsigned char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { perror("read"); return -1; }
        if (r == 0) { fprintf(stderr, "read: connection closed\n"); return -1; }
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

int blocking_call(int fd, const protocol *proto, const unsigned char *req, size_t req_len,
                  buffer *in, answer *a) {
    if (write_all(fd, req, req_len) != 0) return -1;
    in->off = in->len = 0;
    char err[160];
    for (;;) {
        long used = proto->parse(in->data, in->len, a, err, sizeof err);
        if (used > 0) return 0;
        if (used < 0) { fprintf(stderr, "%s: %s\n", proto->name, err); return -1; }
        if (buffer_reserve(in, 65536) != 0) { fprintf(stderr, "out of memory\n"); return -1; }
        ssize_t r = read(fd, in->data + in->len, in->cap - in->len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { fprintf(stderr, "%s: %s\n", proto->name, r == 0 ? "connection closed" : strerror(errno)); return -1; }
        in->len += (size_t)r;
    }
}
