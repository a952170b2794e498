/* The executable of one libFuzzer target. libFuzzer supplies main(); the entry point,
 * LLVMFuzzerTestOneInput, is the Swift library this executable depends on. The main
 * module is C on purpose: SwiftPM renames a Swift executable's entry point (so tests can
 * link executables), which leaves no main for a Swift module with none. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Referenced, so the linker keeps the Swift entry point. */
int (*const nhs_league_fuzz_entry)(const uint8_t *, size_t) = LLVMFuzzerTestOneInput;
