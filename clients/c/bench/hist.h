/*
 * hist.h - a small HDR-style latency histogram (log-linear buckets).
 *
 * Values (nanoseconds here) below 2^HIST_SUB_BITS are counted exactly; above,
 * each power of two is split into 2^HIST_SUB_BITS equal buckets, so a reported
 * percentile is within 1/2^HIST_SUB_BITS (0.8 %) of the true value whatever
 * its magnitude, in a fixed 60 KB table with O(1) recording.
 */
#ifndef BENCH_HIST_H
#define BENCH_HIST_H

#include <stdint.h>

#define HIST_SUB_BITS 7
#define HIST_BUCKETS ((64 - HIST_SUB_BITS + 1) << HIST_SUB_BITS)

typedef struct hist {
    uint64_t counts[HIST_BUCKETS];
    uint64_t total;
    uint64_t min, max;
} hist;

void hist_init(hist *h);
void hist_record(hist *h, uint64_t value);
/* Adds every count of `from` into `into`. */
void hist_merge(hist *into, const hist *from);
/* The smallest value v such that at least `percentile`% of the recorded
 * values are <= v (reported as the highest value of v's bucket, capped at
 * the recorded maximum). 0 when nothing was recorded. */
uint64_t hist_percentile(const hist *h, double percentile);

#endif
