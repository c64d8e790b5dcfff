// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "warroom",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "WarRoomCore", targets: ["WarRoomCore"]),
    ],
    targets: [
        // The pure core: events in, state out, every deadline a function of (state, now).
        // No I/O, no clock, no ncurses: enforced by .ci/check-core-purity.
        .target(name: "WarRoomCore"),
        // The system SQLite (Debian's libsqlite3-dev), through its C API.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The durable append-only event log.
        .target(name: "WarRoomStore", dependencies: ["WarRoomCore", "CSQLite"]),
        .testTarget(name: "WarRoomCoreTests", dependencies: ["WarRoomCore"]),
        .testTarget(name: "WarRoomStoreTests", dependencies: ["WarRoomStore", "WarRoomCore"]),
    ],
    swiftLanguageModes: [.v6]
)
