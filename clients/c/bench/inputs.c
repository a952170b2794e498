/* inputs.c - see inputs.h. */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits one CSV line (no trailing newline) into at most `max` fields,
 * unquoting in place. Returns the number of fields. */
static size_t split_fields(char *line, char **fields, size_t max) {
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0') break;
                if (*p == '"' && p[1] == '"') { *out++ = '"'; p += 2; continue; }
                if (*p == '"') { p++; break; }
                *out++ = *p++;
            }
            while (*p != '\0' && *p != ',') p++; /* tolerate junk after the quote */
        } else {
            while (*p != '\0' && *p != ',') p++;
            out = p;
        }
        char separator = *p;
        *out = '\0';
        if (n < max) fields[n++] = start;
        if (separator != ',') return n;
        p++;
    }
}

static int column_index(char **fields, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i], name) == 0) return (int)i;
    return -1;
}

int inputs_load_column(const char *path, const char *column, const char *filter_column,
                       const char *filter_value, string_list *out) {
    enum { MAX_FIELDS = 64 };
    out->items = NULL;
    out->count = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL) { perror(path); return -1; }
    char *line = NULL;
    size_t cap = 0, items_cap = 0;
    ssize_t len;
    char *fields[MAX_FIELDS];
    int col = -1, filter_col = -1, status = -1;
    if ((len = getline(&line, &cap, f)) < 0) {
        fprintf(stderr, "%s: empty file\n", path);
        goto done;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    size_t n = split_fields(line, fields, MAX_FIELDS);
    col = column_index(fields, n, column);
    if (filter_column != NULL) filter_col = column_index(fields, n, filter_column);
    if (col < 0 || (filter_column != NULL && filter_col < 0)) {
        fprintf(stderr, "%s: no column named %s\n", path, col < 0 ? column : filter_column);
        goto done;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        n = split_fields(line, fields, MAX_FIELDS);
        if ((size_t)col >= n || fields[col][0] == '\0') continue;
        if (filter_col >= 0 && ((size_t)filter_col >= n || strcmp(fields[filter_col], filter_value) != 0))
            continue;
        if (out->count == items_cap) {
            items_cap = items_cap ? items_cap * 2 : 256;
            char **grown = realloc(out->items, items_cap * sizeof *grown);
            if (grown == NULL) { fprintf(stderr, "out of memory\n"); goto done; }
            out->items = grown;
        }
        if ((out->items[out->count] = strdup(fields[col])) == NULL) {
            fprintf(stderr, "out of memory\n");
            goto done;
        }
        out->count++;
    }
    if (out->count == 0) {
        fprintf(stderr, "%s: no rows with a %s value%s%s\n", path, column,
                filter_column ? " where " : "", filter_column ? filter_column : "");
        goto done;
    }
    status = 0;
done:
    free(line);
    fclose(f);
    if (status != 0) inputs_free(out);
    return status;
}

void inputs_free(string_list *list) {
    for (size_t i = 0; i < list->count; i++) free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
