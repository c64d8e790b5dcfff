// swift-tools-version: 6.0
import PackageDescription

// Benchmarks for the warroom store, kept out of the main package so that `swift build` and
// `swift test` there never build them. Run `Benchmarks/run` (a release build).
let package = Package(
    name: "warroom-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "warroom", path: ".."),
    ],
    targets: [
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
            .product(name: "WarRoomCore", package: "warroom"),
            .product(name: "WarRoomStore", package: "warroom"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
