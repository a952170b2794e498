/*
 * inputs.h - reads the bench's request inputs from CSV files: one column,
 * chosen by its header name, optionally only the rows where another column
 * has a given value. RFC 4180 quoting ("a, b", "say ""hi""") is understood.
 */
#ifndef BENCH_INPUTS_H
#define BENCH_INPUTS_H

#include <stddef.h>

typedef struct string_list {
    char **items;
    size_t count;
} string_list;

/* Loads the non-empty values of column `column` from the CSV file at `path`
 * (first line = header), keeping only rows whose column `filter_column`
 * equals `filter_value` when filter_column is not NULL. Returns 0, or -1
 * after printing why to stderr (unreadable file, missing column, no rows). */
int inputs_load_column(const char *path, const char *column, const char *filter_column,
                       const char *filter_value, string_list *out);

void inputs_free(string_list *list);

#endif
