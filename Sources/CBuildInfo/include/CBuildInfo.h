#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The git commit this binary was built from ("32d98dd", "32d98dd-dirty"), or "unknown".
///
/// `Scripts/build-release` links in one more object that defines `warroom_build_commit_stamp`;
/// a plain `swift build` links none, and the weak reference is then null. Only the link step sees
/// the stamp, so a new commit costs a relink, never a recompile.
const char *warroom_build_commit(void);

#endif
