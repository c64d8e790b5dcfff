import CBuildInfo

/// What `warroom --version` prints: the version and the git commit the binary was built from
/// (`Scripts/build-release` stamps it at link time; a plain `swift build` says "unknown").
enum BuildInfo {
    static let version = "0.1.0"

    static var commit: String { String(cString: warroom_build_commit()) }

    /// `warroom 0.1.0 (commit 32d98dd)`.
    static var versionLine: String { "warroom \(version) (commit \(commit))" }
}
