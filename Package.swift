// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "warroom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "warroom", targets: ["warroom"]),
        .library(name: "WarRoomCore", targets: ["WarRoomCore"]),
        .library(name: "WarRoomStore", targets: ["WarRoomStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The pure core: events in, state out, every deadline a function of (state, now).
        // No I/O, no clock, no ncurses: enforced by .ci/check-core-purity.
        .target(name: "WarRoomCore"),
        // Pure text handling for every output path: sanitizing untrusted text.
        .target(name: "WarRoomText"),
        // The system SQLite (Debian's libsqlite3-dev), through its C API.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The durable append-only event log.
        .target(name: "WarRoomStore", dependencies: ["WarRoomCore", "CSQLite"]),
        // The subcommands: parse arguments, open the store, record commands, print state.
        .target(name: "WarRoomCLI", dependencies: [
            "WarRoomCore", "WarRoomStore", "WarRoomText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The one executable.
        .executableTarget(name: "warroom", dependencies: ["WarRoomCLI"]),
        .testTarget(name: "WarRoomCoreTests", dependencies: ["WarRoomCore"]),
        .testTarget(name: "WarRoomTextTests", dependencies: ["WarRoomText"]),
        .testTarget(name: "WarRoomStoreTests", dependencies: ["WarRoomStore", "WarRoomCore"]),
        .testTarget(name: "WarRoomCLITests", dependencies: ["WarRoomCore", "WarRoomStore"]),
    ],
    swiftLanguageModes: [.v6]
)
