// swift-tools-version: 6.0
import PackageDescription

// Benchmarks for the warroom store, kept out of the main package so that `swift build` and
// `swift test` there never build them. Run `Benchmarks/run` (a release build).
let package = Package(
    name: "warroom-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "warroom", path: ".."),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Clocks, percentiles and generated incidents, shared by the store benchmarks.
        .target(name: "BenchKit", dependencies: [.product(name: "WarRoomCore", package: "warroom")]),
        .executableTarget(name: "frame-bench", dependencies: [
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomUI", package: "warroom"),
        ]),
        // Live-follow latency: append through the store, watch a war room's screen under tmux
        // (run by Benchmarks/follow-bench).
        .executableTarget(name: "follow-append", dependencies: [
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
        ]),
        // `warroom log --each-line` into a long incident, beside the old per-line reload.
        .executableTarget(name: "each-line-bench", dependencies: [
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
        ]),
        .executableTarget(name: "store-bench", dependencies: [
            "BenchKit",
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
        ]),
        // The knowledge base over a generated store of 10,000 incidents and 1,000,000 events.
        .executableTarget(name: "search-bench", dependencies: [
            "BenchKit",
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
        ]),
        // The PostgreSQL store on a throwaway server: append next to a bare INSERT + COMMIT, and
        // the load of a long incident.
        .executableTarget(name: "pg-bench", dependencies: [
            "BenchKit",
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
            .product(name: "WarRoomDevServer", package: "warroom"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
