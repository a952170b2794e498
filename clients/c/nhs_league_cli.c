/*
 * nhs-league-c - command-line client for the nhs-league server, on the C
 * client library. Run with --help for usage.
 *
 * Exit codes: 0 ok, 2 usage / bad input, 3 not found, 4 server unreachable,
 * 5 other server or protocol error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nhs_league_client.h"

#define EXIT_OK 0
#define EXIT_USAGE 2
#define EXIT_NOT_FOUND 3
#define EXIT_UNREACHABLE 4
#define EXIT_SERVER 5

typedef Nhs__League__V1__LeagueTableKind table_kind;
#define T_UNSPEC NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_UNSPECIFIED

static const char *prog = "nhs-league-c";

static void usage(FILE *out) {
    fprintf(out,
            "usage: %s [--host H] [--port P] [--timeout MS] COMMAND [ARGS]\n"
            "\n"
            "commands:\n"
            "  info                             server and dataset summary\n"
            "  rank <name|ODS code>             a trust's latest league position\n"
            "  search <text>                    find trusts by name, site, alias or code\n"
            "  nearest <postcode or town> [--table T] [-n N]\n"
            "  nearest --lat X --lon Y [--table T] [-n N]\n"
            "                                   trusts nearest a place\n"
            "  actions <name|ODS code>          improvement actions for a trust\n"
            "  table <acute|non-acute|ambulance> [--top N | --bottom N] [--segment S]\n"
            "        [--region R] [--quarter Q]  a league table\n"
            "  history <name|ODS code>          every quarter's ranking for a trust\n"
            "  metrics <name|ODS code> [--quarter Q]\n"
            "                                   every published metric of a trust, by domain\n"
            "  metric <id|words> [--table T] [--top N | --bottom N] [--region R] [--quarter Q]\n"
            "                                   one metric's league, e.g. metric \"a&e 4 hour\"\n"
            "\n"
            "The server address is --host/--port, else NHS_LEAGUE_ADDR=host:port, else\n"
            "127.0.0.1:7411.\n"
            "Exit codes: 0 ok, 2 usage or bad input, 3 not found, 4 server unreachable,\n"
            "5 other server error.\n",
            prog);
}

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(run %s --help for usage)\n", prog);
    return EXIT_USAGE;
}

/* ------------------------------------------------------------ parsing */

static int parse_u32(const char *s, uint32_t max, uint32_t *out) {
    if (s == NULL || *s == '\0' || *s == '-' || *s == '+') return -1;
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max) return -1;
    *out = (uint32_t)v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out) {
    if (s == NULL || *s == '\0') return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v) || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int parse_table(const char *s, table_kind *out) {
    if (strcasecmp(s, "acute") == 0) {
        *out = NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_ACUTE;
    } else if (strcasecmp(s, "non-acute") == 0 || strcasecmp(s, "nonacute") == 0 ||
               strcasecmp(s, "non_acute") == 0) {
        *out = NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_NON_ACUTE;
    } else if (strcasecmp(s, "ambulance") == 0) {
        *out = NHS__LEAGUE__V1__LEAGUE_TABLE_KIND__TABLE_AMBULANCE;
    } else {
        return -1;
    }
    return 0;
}

/* "host:port", "[v6]:port" */
static int parse_addr(const char *s, char *host, size_t hostlen, int *port) {
    const char *colon = strrchr(s, ':');
    if (colon == NULL || colon == s) return -1;
    const char *h = s;
    size_t hl = (size_t)(colon - s);
    if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    if (hl == 0 || hl + 1 > hostlen) return -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    uint32_t p;
    if (parse_u32(colon + 1, 65535, &p) != 0 || p == 0) return -1;
    *port = (int)p;
    return 0;
}

typedef struct {
    const char *host_opt;
    const char *port_opt;
    const char *timeout_opt;
    const char *table_opt;
    const char *n_opt;
    const char *top_opt;
    const char *bottom_opt;
    const char *segment_opt;
    const char *region_opt;
    const char *quarter_opt;
    const char *lat_opt;
    const char *lon_opt;
    const char *pos[8];
    int npos;
} options;

/* ------------------------------------------------------------ output helpers */

static int has_position(const Nhs__League__V1__Ranking *k) {
    return k->league_position_present_case ==
           NHS__LEAGUE__V1__RANKING__LEAGUE_POSITION_PRESENT_LEAGUE_POSITION;
}
static int has_segment(const Nhs__League__V1__Ranking *k) {
    return k->segment_present_case == NHS__LEAGUE__V1__RANKING__SEGMENT_PRESENT_SEGMENT;
}
static int has_score(const Nhs__League__V1__Ranking *k) {
    return k->average_metric_score_present_case ==
           NHS__LEAGUE__V1__RANKING__AVERAGE_METRIC_SCORE_PRESENT_AVERAGE_METRIC_SCORE;
}

/* "position 4 of 134" / "joint position 4 of 134" / "no published position (134 in table)" */
static void fmt_position(char *buf, size_t n, const Nhs__League__V1__Ranking *k) {
    if (has_position(k)) {
        snprintf(buf, n, "%sposition %u of %u", k->joint_position ? "joint " : "",
                 k->league_position, k->table_size);
    } else {
        snprintf(buf, n, "no published position (%u in table)", k->table_size);
    }
}

static void print_ranking(const Nhs__League__V1__Ranking *k) {
    char pos[96];
    fmt_position(pos, sizeof(pos), k);
    printf("  ranking   %s in the %s table\n", pos, nlc_table_name(k->table));
    if (has_segment(k)) {
        printf("  segment   %u%s%s\n", k->segment, k->segment_meaning[0] ? ": " : "",
               k->segment_meaning);
    } else {
        printf("  segment   not published\n");
    }
    if (k->unadjusted_segment_present_case ==
            NHS__LEAGUE__V1__RANKING__UNADJUSTED_SEGMENT_PRESENT_UNADJUSTED_SEGMENT &&
        (!has_segment(k) || k->unadjusted_segment != k->segment)) {
        printf("            (segment %u before adjustment%s)\n", k->unadjusted_segment,
               k->financial_override_present_case ==
                           NHS__LEAGUE__V1__RANKING__FINANCIAL_OVERRIDE_PRESENT_FINANCIAL_OVERRIDE &&
                       k->financial_override
                   ? "; capped by the finance rule"
                   : "");
    }
    if (has_score(k)) {
        printf("  score     %.2f (average metric score; 1.0 best, 4.0 worst)\n",
               k->average_metric_score);
    } else {
        printf("  score     not published\n");
    }
    if (k->movement != NULL && k->movement->summary[0] != '\0')
        printf("  movement  %s\n", k->movement->summary);
    if (k->gap_to_next_segment != NULL && k->gap_to_next_segment->explanation[0] != '\0')
        printf("  next      %s\n", k->gap_to_next_segment->explanation);
    printf("  quarter   %s", k->quarter);
    if (k->period[0] != '\0') printf(" (%s)", k->period);
    if (k->published[0] != '\0') printf(", published %s", k->published);
    printf("\n");
    if (k->source[0] != '\0') printf("  source    %s\n", k->source);
    for (size_t i = 0; i < k->n_caveats; i++) printf("  note      %s\n", k->caveats[i]);
}

static void print_trust_header(const Nhs__League__V1__Trust *t) {
    printf("%s (%s)\n", t->name, t->ods_code);
    printf("  table     %s", nlc_table_name(t->table));
    if (t->region[0] != '\0') printf(", %s region", t->region);
    if (t->trust_subtype[0] != '\0') {
        printf(" (%s)", t->trust_subtype);
    } else if (t->trust_type[0] != '\0') {
        printf(" (%s)", t->trust_type);
    }
    printf("\n");
    if (t->close_date[0] != '\0') {
        printf("  closed    %s", t->close_date);
        if (t->successor_code[0] != '\0') printf(", succeeded by %s", t->successor_code);
        printf("\n");
    }
}

/* Maps a non-OK status to a message and exit code. */
static int status_exit(const nlc_response *r, const char *what) {
    int code = nlc_response_code(r);
    fprintf(stderr, "%s: %s: %s\n", what, nlc_code_name(code), nlc_response_message(r));
    switch (code) {
    case NHS__LEAGUE__V1__CODE__NOT_FOUND:
    case NHS__LEAGUE__V1__CODE__FAILED_PRECONDITION: return EXIT_NOT_FOUND;
    case NHS__LEAGUE__V1__CODE__INVALID_ARGUMENT: return EXIT_USAGE;
    default: return EXIT_SERVER;
    }
}

static int ctx_exit(const nlc_context *c) {
    fprintf(stderr, "%s: %s%s\n", prog, c->errstr,
            nlc_err_retryable(c) ? " (temporary: try again shortly)" : "");
    return EXIT_SERVER;
}

/* Checks a call's outcome: returns -1 when r is usable (OK and the expected
 * result set), else the exit code (message printed). */
static int check(nlc_context *c, const nlc_response *r, int result_case, const char *what) {
    if (r == NULL) return ctx_exit(c);
    if (nlc_response_code(r) != NHS__LEAGUE__V1__CODE__OK) return status_exit(r, what);
    if ((int)r->result_case != result_case) {
        fprintf(stderr, "%s: server answered without a %s result\n", prog, what);
        return EXIT_SERVER;
    }
    return -1;
}

/* Resolves a name or ODS code to an ODS code through find_trusts.
 * Returns -1 and a malloc'ed code in *out, or an exit code. */
static int looks_like_ods_code(const char *s) {
    size_t n = strlen(s);
    if (n < 3 || n > 5) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
            return 0;
    }
    return 1;
}

static int resolve_trust(nlc_context *c, const char *text, char **out) {
    /* something shaped like an ODS code ("RP6", "r0a") is tried as one
     * first; if no trust has that code it is searched for as text */
    if (looks_like_ods_code(text)) {
        nlc_response *g = nlc_get_trust(c, text);
        if (g == NULL) return ctx_exit(c);
        if (nlc_response_code(g) == NHS__LEAGUE__V1__CODE__OK &&
            g->result_case == NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST &&
            g->get_trust->trust != NULL) {
            *out = strdup(g->get_trust->trust->ods_code);
            nlc_response_free(g);
            if (*out == NULL) {
                fprintf(stderr, "%s: out of memory\n", prog);
                return EXIT_SERVER;
            }
            return -1;
        }
        int code = nlc_response_code(g);
        if (code != NHS__LEAGUE__V1__CODE__NOT_FOUND &&
            code != NHS__LEAGUE__V1__CODE__INVALID_ARGUMENT) {
            int rc = status_exit(g, "trust");
            nlc_response_free(g);
            return rc;
        }
        nlc_response_free(g);
    }
    nlc_response *r = nlc_find_trusts(c, text, 5);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS, "search");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__FindTrustsResult *f = r->find_trusts;
    if (f->n_matches == 0 || f->matches[0]->trust == NULL) {
        fprintf(stderr, "no trust matches \"%s\"", text);
        for (size_t i = 0; i < f->n_did_you_mean; i++)
            fprintf(stderr, "%s%s", i == 0 ? "; did you mean: " : ", ", f->did_you_mean[i]);
        fprintf(stderr, "\n");
        nlc_response_free(r);
        return EXIT_NOT_FOUND;
    }
    const Nhs__League__V1__TrustMatch *m = f->matches[0];
    if (m->kind != NHS__LEAGUE__V1__MATCH_KIND__MATCH_EXACT && f->n_matches > 1) {
        fprintf(stderr, "best match for \"%s\"; others:", text);
        for (size_t i = 1; i < f->n_matches && i < 4; i++) {
            if (f->matches[i]->trust != NULL)
                fprintf(stderr, "%s %s (%s)", i == 1 ? "" : ",", f->matches[i]->trust->name,
                        f->matches[i]->trust->ods_code);
        }
        fprintf(stderr, "\n");
    }
    *out = strdup(m->trust->ods_code);
    nlc_response_free(r);
    if (*out == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return EXIT_SERVER;
    }
    return -1;
}

/* ------------------------------------------------------------ commands */

static int cmd_info(nlc_context *c) {
    nlc_response *r = nlc_server_info(c);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_SERVER_INFO, "info");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__ServerInfo *s = r->server_info;
    printf("server    nhs-league %s\n", s->server_version);
    printf("data      %s (latest quarter %s)\n", s->data_version, s->latest_quarter);
    if (s->loaded_at[0] != '\0') printf("loaded    %s\n", s->loaded_at);
    printf("counts    %u trusts, %u sites, %u improvement actions\n", s->trusts, s->sites,
           s->actions);
    printf("postcodes %u full postcodes, %u sectors, %u districts\n", s->full_postcodes,
           s->postcode_sectors, s->postcode_districts);
    printf("coverage\n");
    for (size_t i = 0; i < s->n_coverage; i++) {
        const Nhs__League__V1__TableCoverage *v = s->coverage[i];
        printf("  %-11s %-9s %3u trusts: %3u with position, %3u with segment, %3u with score\n",
               v->quarter, nlc_table_name(v->table), v->table_size, v->with_position,
               v->with_segment, v->with_score);
    }
    if (s->attribution[0] != '\0') printf("%s\n", s->attribution);
    nlc_response_free(r);
    return EXIT_OK;
}

static int cmd_rank(nlc_context *c, const char *text) {
    char *code = NULL;
    int rc = resolve_trust(c, text, &code);
    if (rc >= 0) return rc;
    nlc_response *r = nlc_get_trust(c, code);
    free(code);
    rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST, "rank");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__TrustDetail *d = r->get_trust;
    if (d->trust == NULL) {
        fprintf(stderr, "%s: server answered without a trust\n", prog);
        nlc_response_free(r);
        return EXIT_SERVER;
    }
    print_trust_header(d->trust);
    if (d->trust->latest != NULL) {
        print_ranking(d->trust->latest);
    } else {
        printf("  ranking   none published\n");
    }
    if (d->trust->latest_note[0] != '\0') printf("  note      %s\n", d->trust->latest_note);
    for (size_t i = 0; i < d->n_caveats; i++) printf("  note      %s\n", d->caveats[i]);
    nlc_response_free(r);
    return EXIT_OK;
}

static const char *match_kind_name(Nhs__League__V1__MatchKind k) {
    switch (k) {
    case NHS__LEAGUE__V1__MATCH_KIND__MATCH_EXACT: return "exact";
    case NHS__LEAGUE__V1__MATCH_KIND__MATCH_ALIAS: return "alias";
    case NHS__LEAGUE__V1__MATCH_KIND__MATCH_PREFIX: return "prefix";
    case NHS__LEAGUE__V1__MATCH_KIND__MATCH_FUZZY: return "fuzzy";
    case NHS__LEAGUE__V1__MATCH_KIND__MATCH_TOKEN: return "partial";
    default: return "match";
    }
}

static const char *match_field_name(Nhs__League__V1__MatchField f) {
    switch (f) {
    case NHS__LEAGUE__V1__MATCH_FIELD__FIELD_ODS_CODE: return "ODS code";
    case NHS__LEAGUE__V1__MATCH_FIELD__FIELD_TRUST_NAME: return "trust name";
    case NHS__LEAGUE__V1__MATCH_FIELD__FIELD_SITE_NAME: return "site";
    case NHS__LEAGUE__V1__MATCH_FIELD__FIELD_ALIAS: return "alias";
    case NHS__LEAGUE__V1__MATCH_FIELD__FIELD_FORMER_NAME: return "former name";
    default: return "";
    }
}

static int cmd_search(nlc_context *c, const char *text, uint32_t limit) {
    nlc_response *r = nlc_find_trusts(c, text, limit);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS, "search");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__FindTrustsResult *f = r->find_trusts;
    if (f->n_matches == 0) {
        printf("no trust matches \"%s\"\n", text);
        for (size_t i = 0; i < f->n_did_you_mean; i++)
            printf("%s%s", i == 0 ? "did you mean: " : ", ", f->did_you_mean[i]);
        if (f->n_did_you_mean > 0) printf("\n");
        nlc_response_free(r);
        return EXIT_NOT_FOUND;
    }
    printf("%zu match%s for \"%s\"\n", f->n_matches, f->n_matches == 1 ? "" : "es", text);
    for (size_t i = 0; i < f->n_matches; i++) {
        const Nhs__League__V1__TrustMatch *m = f->matches[i];
        if (m->trust == NULL) continue;
        printf("%3zu. %-5s %s\n", i + 1, m->trust->ods_code, m->trust->name);
        printf("            %s table", nlc_table_name(m->trust->table));
        if (m->trust->latest != NULL) {
            char pos[96];
            fmt_position(pos, sizeof(pos), m->trust->latest);
            printf(", %s (%s)", pos, m->trust->latest->quarter);
        }
        printf("; %s %s", match_kind_name(m->kind), match_field_name(m->field));
        if (m->matched_text[0] != '\0' && strcmp(m->matched_text, m->trust->name) != 0)
            printf(" \"%s\"", m->matched_text);
        printf("\n");
        if (m->headline[0] != '\0') printf("            %s\n", m->headline);
        if (m->successor_note[0] != '\0') printf("            %s\n", m->successor_note);
        if (m->n_also_provides_services_here > 0) {
            printf("            also provides services here:");
            for (size_t j = 0; j < m->n_also_provides_services_here; j++)
                printf("%s %s", j == 0 ? "" : ";", m->also_provides_services_here[j]);
            printf("\n");
        }
    }
    nlc_response_free(r);
    return EXIT_OK;
}

static const char *precision_name(Nhs__League__V1__LocationPrecision p) {
    switch (p) {
    case NHS__LEAGUE__V1__LOCATION_PRECISION__PRECISION_FULL_POSTCODE: return "full postcode";
    case NHS__LEAGUE__V1__LOCATION_PRECISION__PRECISION_POSTCODE_SECTOR:
        return "postcode sector centre";
    case NHS__LEAGUE__V1__LOCATION_PRECISION__PRECISION_POSTCODE_DISTRICT:
        return "postcode district centre";
    case NHS__LEAGUE__V1__LOCATION_PRECISION__PRECISION_COORDINATES: return "coordinates";
    case NHS__LEAGUE__V1__LOCATION_PRECISION__PRECISION_POST_TOWN: return "post town centre";
    default: return "location";
    }
}

typedef struct {
    table_kind table;
    uint32_t n;
    int coords;
    double lat, lon;
    const char *postcode;
} nearest_args;

/* Validates the nearest arguments (before connecting). -1 = ok. */
static int prepare_nearest(const options *o, nearest_args *a) {
    memset(a, 0, sizeof(*a));
    a->table = T_UNSPEC;
    if (o->table_opt != NULL && parse_table(o->table_opt, &a->table) != 0)
        return usage_error("--table must be acute, non-acute or ambulance, not \"%s\"",
                           o->table_opt);
    if (o->n_opt != NULL && (parse_u32(o->n_opt, 50, &a->n) != 0 || a->n == 0))
        return usage_error("-n must be a number from 1 to 50, not \"%s\"", o->n_opt);
    if (o->lat_opt != NULL || o->lon_opt != NULL) {
        if (o->npos > 1) return usage_error("give a postcode or --lat/--lon, not both%s", "");
        if (o->lat_opt == NULL || parse_double(o->lat_opt, -90, 90, &a->lat) != 0)
            return usage_error("--lat must be a latitude from -90 to 90, not \"%s\"",
                               o->lat_opt ? o->lat_opt : "");
        if (o->lon_opt == NULL || parse_double(o->lon_opt, -180, 180, &a->lon) != 0)
            return usage_error("--lon must be a longitude from -180 to 180, not \"%s\"",
                               o->lon_opt ? o->lon_opt : "");
        a->coords = 1;
    } else {
        if (o->npos != 2)
            return usage_error("nearest needs one postcode (quote it) or --lat X --lon Y%s", "");
        a->postcode = o->pos[1];
    }
    return -1;
}

static int cmd_nearest(nlc_context *c, const nearest_args *a) {
    nlc_response *r = a->coords ? nlc_nearest_coords(c, a->lat, a->lon, a->table, a->n)
                                : nlc_nearest_postcode(c, a->postcode, a->table, a->n);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_NEAREST, "nearest");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__NearestResult *res = r->nearest;
    const Nhs__League__V1__ResolvedLocation *loc = res->location;
    if (loc != NULL) {
        printf("Nearest to %s (%s", loc->query[0] ? loc->query : "the point",
               precision_name(loc->precision));
        if (loc->matched[0] != '\0' && strcmp(loc->matched, loc->query) != 0)
            printf(" %s", loc->matched);
        if (loc->country[0] != '\0') printf(", %s", loc->country);
        printf(", %.4f, %.4f)\n", loc->latitude, loc->longitude);
        if (loc->note[0] != '\0') printf("  note: %s\n", loc->note);
    }
    if (res->n_trusts == 0) printf("  no trusts found\n");
    for (size_t i = 0; i < res->n_trusts; i++) {
        const Nhs__League__V1__NearbyTrust *nt = res->trusts[i];
        if (nt->trust == NULL) continue;
        printf("%3zu. %6.1f km (%.1f mi)  %s (%s)\n", i + 1, nt->distance_km, nt->distance_miles,
               nt->trust->name, nt->trust->ods_code);
        if (nt->site != NULL) {
            printf("        %s %s", nt->via_headquarters ? "headquarters:" : "site:",
                   nt->site->name);
            if (nt->site->postcode[0] != '\0') printf(", %s", nt->site->postcode);
            printf("\n");
        }
        printf("        %s table", nlc_table_name(nt->trust->table));
        const Nhs__League__V1__Ranking *k = nt->trust->latest;
        if (k != NULL) {
            char pos[96];
            fmt_position(pos, sizeof(pos), k);
            printf(", %s", pos);
            if (has_segment(k)) printf(", segment %u", k->segment);
            printf(" (%s)", k->quarter);
        }
        printf("\n");
    }
    for (size_t i = 0; i < res->n_caveats; i++) printf("note: %s\n", res->caveats[i]);
    nlc_response_free(r);
    return EXIT_OK;
}

/* --top N / --bottom N (1-200, not both) into *limit and *worst_first. -1 = ok. */
static int parse_top_bottom(const options *o, uint32_t *limit, int *worst_first) {
    if (o->top_opt != NULL && o->bottom_opt != NULL)
        return usage_error("give --top or --bottom, not both%s", "");
    if (o->top_opt != NULL && (parse_u32(o->top_opt, 200, limit) != 0 || *limit == 0))
        return usage_error("--top must be a number from 1 to 200, not \"%s\"", o->top_opt);
    if (o->bottom_opt != NULL) {
        if (parse_u32(o->bottom_opt, 200, limit) != 0 || *limit == 0)
            return usage_error("--bottom must be a number from 1 to 200, not \"%s\"", o->bottom_opt);
        *worst_first = 1;
    }
    return -1;
}

/* A 9-cell bar between the best (left) and the worst (right): from the rank, else
 * the 1-4 metric score; empty when neither is known. */
static void metric_bar(const Nhs__League__V1__MetricResult *m, char *out, size_t size) {
    double f;
    if (m->rank_present_case && m->ranked_count_present_case && m->ranked_count > 1)
        f = (double)(m->rank - 1) / (double)(m->ranked_count - 1);
    else if (m->metric_score_present_case)
        f = (m->metric_score - 1.0) / 3.0;
    else {
        out[0] = '\0';
        return;
    }
    int at = (int)(f * 8.0 + 0.5);
    if (at < 0) at = 0;
    if (at > 8) at = 8;
    char cells[10];
    for (int i = 0; i < 9; i++) cells[i] = i == at ? '#' : '.';
    cells[9] = '\0';
    snprintf(out, size, "best %s worst", cells);
}

static int cmd_metrics(nlc_context *c, const char *text, const char *quarter) {
    char *code = NULL;
    int rc = resolve_trust(c, text, &code);
    if (rc >= 0) return rc;
    nlc_response *r = nlc_trust_metrics(c, code, quarter);
    free(code);
    rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_METRICS, "metrics");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__TrustMetricsResult *t = r->trust_metrics;
    if (t->trust != NULL) printf("%s (%s)\n", t->trust->name, t->trust->ods_code);
    printf("Metrics for %s, %s trusts%s\n", t->quarter, nlc_table_name(t->table),
           t->quarter_defaulted ? " (latest with metric data)" : "");
    if (t->note[0] != '\0') printf("%s\n", t->note);
    for (size_t d = 0; d < t->n_domains; d++) {
        const Nhs__League__V1__MetricDomain *dom = t->domains[d];
        printf("\n%s\n", dom->name);
        for (size_t i = 0; i < dom->n_metrics; i++) {
            const Nhs__League__V1__MetricResult *m = dom->metrics[i];
            char bar[40];
            metric_bar(m, bar, sizeof(bar));
            printf("  %s\n    %s", m->metric != NULL ? m->metric->name : "", m->value_text);
            if (m->rank_text[0] != '\0') printf(" | %s", m->rank_text);
            if (m->standing_text[0] != '\0') printf(" | %s", m->standing_text);
            printf("\n");
            if (bar[0] != '\0') printf("    %s\n", bar);
            if (m->movement != NULL) printf("    %s\n", m->movement->summary);
        }
    }
    for (size_t i = 0; i < t->n_caveats; i++) printf("note: %s\n", t->caveats[i]);
    printf("Source: %s\n", t->source_line);
    nlc_response_free(r);
    return EXIT_OK;
}

typedef struct {
    table_kind table;
    uint32_t limit;
    int worst_first;
    const char *quarter, *region;
} metric_args;

/* Validates the metric arguments (before connecting). -1 = ok. */
static int prepare_metric(const options *o, metric_args *a) {
    memset(a, 0, sizeof(*a));
    if (o->table_opt != NULL && parse_table(o->table_opt, &a->table) != 0)
        return usage_error("unknown table \"%s\" (acute, non-acute or ambulance)", o->table_opt);
    int rc = parse_top_bottom(o, &a->limit, &a->worst_first);
    if (rc >= 0) return rc;
    a->quarter = o->quarter_opt;
    a->region = o->region_opt;
    return -1;
}

static int cmd_metric(nlc_context *c, const char *text, const metric_args *a) {
    nlc_response *r = nlc_metric_table(c, text, a->table, a->quarter, a->region, a->worst_first, 0, a->limit);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_METRIC_TABLE, "metric");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__MetricTableResult *t = r->metric_table;
    if (t->metric != NULL) {
        printf("%s (%s), %s trusts, %s\n", t->metric->name, t->metric->id, nlc_table_name(t->table), t->quarter);
        printf("  %s\n", t->metric->explanation);
    }
    printf("  %4s  %-5s  %-40s  %s\n", "rank", "code", "trust", "value");
    for (size_t i = 0; i < t->n_rows; i++) {
        const Nhs__League__V1__MetricLeagueRow *row = t->rows[i];
        const Nhs__League__V1__MetricResult *m = row->result;
        char rank[16] = "-";
        if (m != NULL && m->rank_present_case) snprintf(rank, sizeof(rank), "%u", m->rank);
        printf("  %4s  %-5s  %-40.40s  %s\n", rank, row->ods_code, row->trust_name, m != NULL ? m->value_text : "");
    }
    if (t->ranks != NULL) printf("Ranks: %s\n", t->ranks->summary);
    for (size_t i = 0; i < t->n_caveats; i++) printf("note: %s\n", t->caveats[i]);
    printf("Source: %s\n", t->source_line);
    nlc_response_free(r);
    return EXIT_OK;
}

static int cmd_actions(nlc_context *c, const char *text) {
    char *code = NULL;
    int rc = resolve_trust(c, text, &code);
    if (rc >= 0) return rc;
    nlc_response *r = nlc_list_actions(c, code);
    free(code);
    rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_LIST_ACTIONS, "actions");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__ListActionsResult *a = r->list_actions;
    if (a->trust != NULL) printf("%s (%s)\n", a->trust->name, a->trust->ods_code);
    if (a->summary[0] != '\0') printf("  %s\n", a->summary);
    if (a->n_actions == 0) printf("  no improvement actions recorded\n");
    for (size_t i = 0; i < a->n_actions; i++) {
        const Nhs__League__V1__ImprovementAction *x = a->actions[i];
        printf("  %-10s  %s", x->date[0] ? x->date : "(undated)", x->title);
        if (x->category[0] != '\0' || x->status[0] != '\0') {
            printf(" [%s%s%s]", x->category, x->category[0] && x->status[0] ? ", " : "",
                   x->status);
        }
        if (x->derived) printf(" (derived by this service)");
        printf("\n");
        if (x->note[0] != '\0') printf("              %s\n", x->note);
        if (x->source_text[0] != '\0') printf("              %s\n", x->source_text);
        if (x->source_url[0] != '\0') printf("              %s\n", x->source_url);
    }
    nlc_response_free(r);
    return EXIT_OK;
}

typedef struct {
    table_kind table;
    uint32_t limit, segment;
    int descending;
    const char *quarter, *region;
} table_args;

/* Validates the table arguments (before connecting). -1 = ok. */
static int prepare_table(const options *o, table_args *a) {
    memset(a, 0, sizeof(*a));
    if (o->npos != 2)
        return usage_error("table needs one of acute, non-acute, ambulance%s", "");
    if (parse_table(o->pos[1], &a->table) != 0)
        return usage_error("unknown table \"%s\" (acute, non-acute or ambulance)", o->pos[1]);
    int rc = parse_top_bottom(o, &a->limit, &a->descending);
    if (rc >= 0) return rc;
    if (o->segment_opt != NULL &&
        (parse_u32(o->segment_opt, 5, &a->segment) != 0 || a->segment == 0))
        return usage_error("--segment must be 1 to 5, not \"%s\"", o->segment_opt);
    a->quarter = o->quarter_opt;
    a->region = o->region_opt;
    return -1;
}

static int cmd_table(nlc_context *c, const table_args *a) {
    nlc_response *r = nlc_league_table(c, a->table, a->quarter, a->segment, a->region,
                                       a->descending, 0, a->limit);
    int rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_LEAGUE_TABLE, "table");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__LeagueTableResult *t = r->league_table;
    const char *tn = nlc_table_name(t->table);
    printf("%c%s league table, %s: %u trust%s", tn[0] - 'a' + 'A', tn + 1, t->quarter,
           t->total_matching, t->total_matching == 1 ? "" : "s");
    if (a->segment != 0) printf(" in segment %u", a->segment);
    if (a->region != NULL && a->region[0] != '\0') printf(" in %s", a->region);
    printf(" (showing %zu, %s first)\n", t->n_rows, a->descending ? "worst" : "best");
    printf("  %5s  %3s  %5s  %-5s  %s\n", "pos", "seg", "score", "code", "trust");
    for (size_t i = 0; i < t->n_rows; i++) {
        const Nhs__League__V1__LeagueTableRow *row = t->rows[i];
        if (row->trust == NULL) continue;
        char pos[16] = "-", seg[8] = "-", score[16] = "-";
        const Nhs__League__V1__Ranking *k = row->ranking;
        if (k != NULL) {
            if (has_position(k))
                snprintf(pos, sizeof(pos), "%u%s", k->league_position,
                         k->joint_position ? "=" : "");
            if (has_segment(k)) snprintf(seg, sizeof(seg), "%u", k->segment);
            if (has_score(k)) snprintf(score, sizeof(score), "%.2f", k->average_metric_score);
        }
        printf("  %5s  %3s  %5s  %-5s  %s\n", pos, seg, score, row->trust->ods_code,
               row->trust->name);
    }
    nlc_response_free(r);
    return EXIT_OK;
}

static int cmd_history(nlc_context *c, const char *text) {
    char *code = NULL;
    int rc = resolve_trust(c, text, &code);
    if (rc >= 0) return rc;
    nlc_response *r = nlc_trust_history(c, code);
    free(code);
    rc = check(c, r, NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_HISTORY, "history");
    if (rc >= 0) {
        nlc_response_free(r);
        return rc;
    }
    const Nhs__League__V1__TrustHistoryResult *h = r->trust_history;
    if (h->trust != NULL) print_trust_header(h->trust);
    if (h->n_rankings == 0) printf("  no rankings published\n");
    else printf("  %-11s  %-16s  %3s  %5s  %s\n", "quarter", "position", "seg", "score", "movement");
    for (size_t i = 0; i < h->n_rankings; i++) {
        const Nhs__League__V1__Ranking *k = h->rankings[i];
        char pos[32] = "-", seg[8] = "-", score[16] = "-";
        if (has_position(k))
            snprintf(pos, sizeof(pos), "%u%s of %u", k->league_position,
                     k->joint_position ? "=" : "", k->table_size);
        if (has_segment(k)) snprintf(seg, sizeof(seg), "%u", k->segment);
        if (has_score(k)) snprintf(score, sizeof(score), "%.2f", k->average_metric_score);
        printf("  %-11s  %-16s  %3s  %5s  %s\n", k->quarter, pos, seg, score,
               k->movement != NULL ? k->movement->summary : "");
    }
    for (size_t i = 0; i < h->n_caveats; i++) printf("  note      %s\n", h->caveats[i]);
    nlc_response_free(r);
    return EXIT_OK;
}

/* ------------------------------------------------------------ main */

static int option_value(int argc, char **argv, int *i, const char **slot) {
    if (*i + 1 >= argc) return usage_error("%s needs a value", argv[*i]);
    *slot = argv[++*i];
    return -1;
}

int main(int argc, char **argv) {
    options o;
    memset(&o, 0, sizeof(o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--host") == 0) slot = &o.host_opt;
        else if (strcmp(a, "--port") == 0) slot = &o.port_opt;
        else if (strcmp(a, "--timeout") == 0) slot = &o.timeout_opt;
        else if (strcmp(a, "--table") == 0) slot = &o.table_opt;
        else if (strcmp(a, "-n") == 0 || strcmp(a, "--limit") == 0) slot = &o.n_opt;
        else if (strcmp(a, "--top") == 0) slot = &o.top_opt;
        else if (strcmp(a, "--bottom") == 0) slot = &o.bottom_opt;
        else if (strcmp(a, "--segment") == 0) slot = &o.segment_opt;
        else if (strcmp(a, "--region") == 0) slot = &o.region_opt;
        else if (strcmp(a, "--quarter") == 0) slot = &o.quarter_opt;
        else if (strcmp(a, "--lat") == 0) slot = &o.lat_opt;
        else if (strcmp(a, "--lon") == 0) slot = &o.lon_opt;
        else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) {
                if (o.npos >= 8) return usage_error("too many arguments%s", "");
                o.pos[o.npos++] = argv[i];
            }
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            /* (negative numbers are values of --lat/--lon, taken above) */
            return usage_error("unknown option %s", a);
        } else {
            if (o.npos >= 8) return usage_error("too many arguments%s", "");
            o.pos[o.npos++] = a;
            continue;
        }
        int rc = option_value(argc, argv, &i, slot);
        if (rc >= 0) return rc;
    }
    if (o.npos == 0) {
        usage(stderr);
        return EXIT_USAGE;
    }

    /* server address: --host/--port, else NHS_LEAGUE_ADDR, else the default */
    char host[256] = NLC_DEFAULT_HOST;
    int port = NLC_DEFAULT_PORT;
    const char *env = getenv("NHS_LEAGUE_ADDR");
    if (env != NULL && env[0] != '\0' && parse_addr(env, host, sizeof(host), &port) != 0)
        return usage_error("NHS_LEAGUE_ADDR must be host:port, not \"%s\"", env);
    if (o.host_opt != NULL) {
        if (o.host_opt[0] == '\0' || strlen(o.host_opt) >= sizeof(host))
            return usage_error("bad --host \"%s\"", o.host_opt);
        strcpy(host, o.host_opt);
    }
    if (o.port_opt != NULL) {
        uint32_t p;
        if (parse_u32(o.port_opt, 65535, &p) != 0 || p == 0)
            return usage_error("--port must be 1 to 65535, not \"%s\"", o.port_opt);
        port = (int)p;
    }
    uint32_t timeout_ms = 10000;
    if (o.timeout_opt != NULL && parse_u32(o.timeout_opt, 3600000, &timeout_ms) != 0)
        return usage_error("--timeout must be milliseconds, not \"%s\"", o.timeout_opt);

    /* validate the command and its arguments before connecting */
    const char *cmd = o.pos[0];
    nearest_args nearest_a;
    table_args table_a;
    metric_args metric_a;
    int want_text = strcmp(cmd, "rank") == 0 || strcmp(cmd, "search") == 0 ||
                    strcmp(cmd, "actions") == 0 || strcmp(cmd, "history") == 0 ||
                    strcmp(cmd, "metrics") == 0 || strcmp(cmd, "metric") == 0;
    if (strcmp(cmd, "info") == 0) {
        if (o.npos != 1) return usage_error("info takes no arguments%s", "");
    } else if (strcmp(cmd, "metric") == 0) {
        if (o.npos < 2) return usage_error("%s needs a metric id or words, e.g. \"a&e 4 hour\"", cmd);
        int rc = prepare_metric(&o, &metric_a);
        if (rc >= 0) return rc;
    } else if (want_text) {
        if (o.npos < 2) return usage_error("%s needs a trust name or ODS code", cmd);
    } else if (strcmp(cmd, "nearest") == 0) {
        int rc = prepare_nearest(&o, &nearest_a);
        if (rc >= 0) return rc;
    } else if (strcmp(cmd, "table") == 0) {
        int rc = prepare_table(&o, &table_a);
        if (rc >= 0) return rc;
    } else {
        return usage_error("unknown command \"%s\"", cmd);
    }
    /* "rank moorfields eye" = "rank 'moorfields eye'" */
    char text[512] = "";
    if (want_text) {
        size_t len = 0;
        for (int i = 1; i < o.npos; i++) {
            size_t n = strlen(o.pos[i]);
            if (len + n + 2 > sizeof(text)) return usage_error("%s: text too long", cmd);
            if (i > 1) text[len++] = ' ';
            memcpy(text + len, o.pos[i], n + 1);
            len += n;
        }
    }
    uint32_t search_limit = 0;
    if (strcmp(cmd, "search") == 0 && o.n_opt != NULL &&
        (parse_u32(o.n_opt, 50, &search_limit) != 0 || search_limit == 0))
        return usage_error("-n must be a number from 1 to 50, not \"%s\"", o.n_opt);

    nlc_context *c = nlc_connect(host, port, (int)timeout_ms);
    if (c == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return EXIT_SERVER;
    }
    if (c->err != NLC_OK) {
        fprintf(stderr, "%s: server unreachable: %s\n", prog, c->errstr);
        nlc_free(c);
        return EXIT_UNREACHABLE;
    }

    int rc;
    if (strcmp(cmd, "info") == 0) rc = cmd_info(c);
    else if (strcmp(cmd, "rank") == 0) rc = cmd_rank(c, text);
    else if (strcmp(cmd, "search") == 0) rc = cmd_search(c, text, search_limit);
    else if (strcmp(cmd, "nearest") == 0) rc = cmd_nearest(c, &nearest_a);
    else if (strcmp(cmd, "actions") == 0) rc = cmd_actions(c, text);
    else if (strcmp(cmd, "table") == 0) rc = cmd_table(c, &table_a);
    else if (strcmp(cmd, "metrics") == 0) rc = cmd_metrics(c, text, o.quarter_opt);
    else if (strcmp(cmd, "metric") == 0) rc = cmd_metric(c, text, &metric_a);
    else rc = cmd_history(c, text);
    nlc_free(c);
    if (fflush(stdout) != 0 && rc == EXIT_OK) rc = EXIT_SERVER;
    return rc;
}
