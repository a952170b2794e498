/*
 * example.c - connect, send three requests in one pipelined batch, read the
 * answers by id, print, free.
 *
 *   ./build/example [host [port]]        (default 127.0.0.1 7411)
 */
#include <stdio.h>
#include <stdlib.h>

#include "nhs_league_client.h"

int main(int argc, char **argv) {
    const char *host = argc > 1 ? argv[1] : "127.0.0.1";
    int port = argc > 2 ? atoi(argv[2]) : 7411;

    nlc_context *c = nlc_connect(host, port, 5000);
    if (c == NULL || c->err) {
        fprintf(stderr, "connect: %s\n", c ? c->errstr : "out of memory");
        nlc_free(c);
        return 1;
    }

    /* Build three requests and send them without waiting for answers. */
    Nhs__League__V1__ServerInfoRequest info = NHS__LEAGUE__V1__SERVER_INFO_REQUEST__INIT;
    Nhs__League__V1__GetTrustRequest get = NHS__LEAGUE__V1__GET_TRUST_REQUEST__INIT;
    Nhs__League__V1__FindTrustsRequest find = NHS__LEAGUE__V1__FIND_TRUSTS_REQUEST__INIT;
    get.ods_code = "RP6";
    find.query = "manchester";
    find.limit = 3;

    nlc_request reqs[3] = {NHS__LEAGUE__V1__REQUEST__INIT, NHS__LEAGUE__V1__REQUEST__INIT,
                           NHS__LEAGUE__V1__REQUEST__INIT};
    reqs[0].call_case = NHS__LEAGUE__V1__REQUEST__CALL_SERVER_INFO;
    reqs[0].server_info = &info;
    reqs[1].call_case = NHS__LEAGUE__V1__REQUEST__CALL_GET_TRUST;
    reqs[1].get_trust = &get;
    reqs[2].call_case = NHS__LEAGUE__V1__REQUEST__CALL_FIND_TRUSTS;
    reqs[2].find_trusts = &find;

    uint64_t ids[3];
    for (int i = 0; i < 3; i++) {
        ids[i] = nlc_send(c, &reqs[i]); /* assigns 1, 2, 3 */
        if (ids[i] == 0) {
            fprintf(stderr, "send: %s\n", c->errstr);
            nlc_free(c);
            return 1;
        }
    }

    /* The server may answer in any order; ask for each answer by id. */
    int rc = 0;
    for (int i = 0; i < 3; i++) {
        nlc_response *r = nlc_get_response(c, ids[i]);
        if (r == NULL) {
            fprintf(stderr, "read: %s\n", c->errstr);
            rc = 1;
            break;
        }
        if (nlc_response_code(r) != NHS__LEAGUE__V1__CODE__OK) {
            printf("#%llu %s: %s\n", (unsigned long long)r->id,
                   nlc_code_name(nlc_response_code(r)), nlc_response_message(r));
        } else if (r->result_case == NHS__LEAGUE__V1__RESPONSE__RESULT_SERVER_INFO) {
            printf("#%llu server %s, data %s, %u trusts, latest quarter %s\n",
                   (unsigned long long)r->id, r->server_info->server_version,
                   r->server_info->data_version, r->server_info->trusts,
                   r->server_info->latest_quarter);
        } else if (r->result_case == NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST &&
                   r->get_trust->trust != NULL) {
            const Nhs__League__V1__Trust *t = r->get_trust->trust;
            printf("#%llu %s (%s), %s table", (unsigned long long)r->id, t->name, t->ods_code,
                   nlc_table_name(t->table));
            if (t->latest != NULL && t->latest->league_position_present_case ==
                                         NHS__LEAGUE__V1__RANKING__LEAGUE_POSITION_PRESENT_LEAGUE_POSITION)
                printf(": position %u of %u in %s", t->latest->league_position,
                       t->latest->table_size, t->latest->quarter);
            printf("\n");
        } else if (r->result_case == NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS) {
            printf("#%llu %zu matches for \"%s\":\n", (unsigned long long)r->id,
                   r->find_trusts->n_matches, find.query);
            for (size_t k = 0; k < r->find_trusts->n_matches; k++) {
                const Nhs__League__V1__Trust *t = r->find_trusts->matches[k]->trust;
                if (t != NULL) printf("    %-5s %s\n", t->ods_code, t->name);
            }
        }
        nlc_response_free(r);
    }
    nlc_free(c);
    return rc;
}
