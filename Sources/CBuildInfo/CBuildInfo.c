#include "CBuildInfo.h"

// Weak and undefined here: null unless the link was given an object that defines it
// (Scripts/build-release writes and compiles that object).
extern const char *const warroom_build_commit_stamp __attribute__((weak));

const char *warroom_build_commit(void) {
    const char *const *stamp = &warroom_build_commit_stamp;
    if (stamp == 0 || *stamp == 0 || **stamp == 0) return "unknown";
    return *stamp;
}
