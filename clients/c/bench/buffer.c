/* buffer.c - the growable byte buffer of loadgen.h. */
#include "loadgen.h"

#include <stdlib.h>
#include <string.h>

int buffer_reserve(buffer *b, size_t extra) {
    if (b->len + extra <= b->cap) return 0;
    buffer_compact(b);
    if (b->len + extra <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra) cap *= 2;
    unsigned char *grown = realloc(b->data, cap);
    if (grown == NULL) return -1;
    b->data = grown;
    b->cap = cap;
    return 0;
}

/* Moves the unread bytes to the front, so reads and appends reuse the space. */
void buffer_compact(buffer *b) {
    if (b->off == 0) return;
    memmove(b->data, b->data + b->off, b->len - b->off);
    b->len -= b->off;
    b->off = 0;
}

void buffer_free(buffer *b) {
    free(b->data);
    memset(b, 0, sizeof *b);
}
