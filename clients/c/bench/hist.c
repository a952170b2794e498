/* hist.c - see hist.h. */
#include "hist.h"

#include <string.h>

void hist_init(hist *h) {
    memset(h, 0, sizeof *h);
    h->min = UINT64_MAX;
}

/* Bucket g (the group) holds the values whose highest set bit is
 * g + HIST_SUB_BITS - 1; the next HIST_SUB_BITS bits pick the bucket inside
 * the group. Group 0 (and 1) index values exactly, so the mapping is
 * continuous: index(v) == v for every v < 2^(HIST_SUB_BITS + 1). */
static unsigned bucket_index(uint64_t v) {
    if (v < (1u << HIST_SUB_BITS)) return (unsigned)v;
    unsigned msb = 63u - (unsigned)__builtin_clzll(v);
    unsigned group = msb - HIST_SUB_BITS + 1;
    unsigned sub = (unsigned)(v >> (msb - HIST_SUB_BITS)) & ((1u << HIST_SUB_BITS) - 1);
    return (group << HIST_SUB_BITS) + sub;
}

/* The largest value that maps to bucket `index`. */
static uint64_t bucket_high(unsigned index) {
    unsigned group = index >> HIST_SUB_BITS;
    uint64_t sub = index & ((1u << HIST_SUB_BITS) - 1);
    if (group == 0) return sub;
    uint64_t width = (uint64_t)1 << (group - 1);
    return (((uint64_t)1 << HIST_SUB_BITS) + sub) * width + (width - 1);
}

void hist_record(hist *h, uint64_t value) {
    h->counts[bucket_index(value)]++;
    h->total++;
    if (value < h->min) h->min = value;
    if (value > h->max) h->max = value;
}

void hist_merge(hist *into, const hist *from) {
    for (unsigned i = 0; i < HIST_BUCKETS; i++) into->counts[i] += from->counts[i];
    into->total += from->total;
    if (from->min < into->min) into->min = from->min;
    if (from->max > into->max) into->max = from->max;
}

uint64_t hist_percentile(const hist *h, double percentile) {
    if (h->total == 0) return 0;
    double wanted = percentile / 100.0 * (double)h->total;
    uint64_t rank = (uint64_t)wanted;
    if ((double)rank < wanted || rank == 0) rank++;
    uint64_t seen = 0;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) {
        seen += h->counts[i];
        if (seen >= rank) {
            uint64_t high = bucket_high(i);
            return high < h->max ? high : h->max;
        }
    }
    return h->max;
}
