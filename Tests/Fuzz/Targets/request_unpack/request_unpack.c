/* libFuzzer target over protobuf-c's request decoding as the generated C code
 * (Sources/CLeagueProto) uses it: nhs__league__v1__request__unpack.
 *
 * Invariant: whatever unpacks packs again to bytes of the announced size, and when it
 * holds no unknown fields those bytes unpack and re-pack to exactly the same bytes (a
 * fixed point). ASan catches any out-of-bounds read or leak in unpacking, packing or
 * freeing.
 *
 * Unknown fields are exempt from the fixed point: libprotobuf-c 1.4.1 accepts an
 * over-long tag varint for field number 0 (invalid protobuf) as an unknown field, then
 * packs it in the canonical form, which its own unpack refuses (reproducers:
 * corpus/request_unpack/field-zero-overlong-tag, and -nested for the same inside a
 * sub-message). The server never re-packs a request's
 * unknown fields (the Swift conversion drops them), so this cannot reach an answer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nhs/league/v1/league.pb-c.h"

/* Whether `message` or any message inside it kept unknown fields. */
static int has_unknown_fields(const ProtobufCMessage *message) {
    if (message->n_unknown_fields > 0) {
        return 1;
    }
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    for (unsigned i = 0; i < descriptor->n_fields; i++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields[i];
        if (field->type != PROTOBUF_C_TYPE_MESSAGE) {
            continue;
        }
        const char *at = (const char *)message + field->offset;
        /* Oneof members share storage: only the member set may be read. */
        if ((field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
            *(const uint32_t *)((const char *)message + field->quantifier_offset) != field->id) {
            continue;
        }
        if (field->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t count = *(const size_t *)((const char *)message + field->quantifier_offset);
            ProtobufCMessage *const *items = *(ProtobufCMessage *const *const *)at;
            for (size_t j = 0; j < count; j++) {
                if (items[j] != NULL && has_unknown_fields(items[j])) {
                    return 1;
                }
            }
        } else {
            const ProtobufCMessage *child = *(const ProtobufCMessage *const *)at;
            if (child != NULL && has_unknown_fields(child)) {
                return 1;
            }
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Nhs__League__V1__Request *request = nhs__league__v1__request__unpack(NULL, size, data);
    if (request == NULL) {
        return 0;
    }
    size_t packed_size = nhs__league__v1__request__get_packed_size(request);
    uint8_t *packed = malloc(packed_size ? packed_size : 1);
    size_t written = nhs__league__v1__request__pack(request, packed);
    if (written != packed_size) {
        abort();
    }
    if (has_unknown_fields(&request->base)) {
        free(packed);
        nhs__league__v1__request__free_unpacked(request, NULL);
        return 0;
    }
    Nhs__League__V1__Request *again = nhs__league__v1__request__unpack(NULL, written, packed);
    if (again == NULL) {
        abort();
    }
    size_t again_size = nhs__league__v1__request__get_packed_size(again);
    uint8_t *repacked = malloc(again_size ? again_size : 1);
    if (nhs__league__v1__request__pack(again, repacked) != again_size || again_size != written ||
        memcmp(packed, repacked, written) != 0) {
        abort();
    }
    free(repacked);
    free(packed);
    nhs__league__v1__request__free_unpacked(again, NULL);
    nhs__league__v1__request__free_unpacked(request, NULL);
    return 0;
}
