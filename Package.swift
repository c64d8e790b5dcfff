// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "warroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "warroom", targets: ["warroom"]),
        .library(name: "WarRoomCore", targets: ["WarRoomCore"]),
        .library(name: "WarRoomStore", targets: ["WarRoomStore"]),
        .library(name: "WarRoomUI", targets: ["WarRoomUI"]),
        .library(name: "WarRoomDevServer", targets: ["WarRoomDevServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The PostgreSQL wire protocol, TLS included, for the shared store.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // What postgres-nio is built on, named because the store uses their types directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // HMAC-SHA256 for signed webhooks, in and out (postgres-nio builds it already).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // YAML for the SLO file (the method's shape), with line numbers for every mistake.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The pure core: events in, state out, every deadline a function of (state, now).
        // No I/O, no clock, no ncurses: enforced by .ci/check-core-purity.
        .target(name: "WarRoomCore"),
        // Pure text handling for every output path: sanitizing untrusted text.
        .target(name: "WarRoomText"),
        // The system SQLite (Debian's libsqlite3-dev), through its C API.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The durable append-only event log: SQLite embedded, PostgreSQL shared.
        .target(name: "WarRoomStore", dependencies: [
            "WarRoomCore", "CSQLite",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The subcommands: parse arguments, open the store, record commands, print state.
        .target(name: "WarRoomCLI", dependencies: [
            "WarRoomCore", "WarRoomStore", "WarRoomText", "WarRoomApp", "WarRoomConfig", "WarRoomReports",
            "WarRoomUI", "WarRoomTerminal", "WarRoomDevServer", "WarRoomOutbox", "WarRoomAlertIntake",
            "WarRoomIntegrations", "WarRoomHTTP", "WarRoomAlerts", "WarRoomScreen", "WarRoomPrometheus",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "CBuildInfo",
        ]),
        // The commit `warroom --version` names: "unknown" unless Scripts/build-release links a stamp.
        .target(name: "CBuildInfo"),
        // Pure documents from the record: status-update drafts, the post-mortem, the blameless check.
        .target(name: "WarRoomReports", dependencies: ["WarRoomCore", "WarRoomText"]),
        // The screen's vocabulary, shared by the UI, the terminal and the themes: cell grid, rects,
        // display width, keys, style roles and themes. Pure; knows nothing of incidents.
        .target(name: "WarRoomScreen", dependencies: ["WarRoomText"]),
        // The screen as data: layout, panes, input line, the war room model. Pure; it drafts no
        // documents (the runtime carries out `.draftUpdate` with WarRoomReports), but words timeline
        // rows with WarRoomReports' `TimelineWording`, as the CLI and the reports do.
        .target(name: "WarRoomUI", dependencies: ["WarRoomCore", "WarRoomText", "WarRoomReports", "WarRoomScreen"]),
        // Themes (TOML files, semantic roles → styles) and the config file that overrides policy.
        .target(name: "WarRoomConfig", dependencies: [
            "WarRoomCore", "WarRoomScreen", "WarRoomIntegrations", "WarRoomReports",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The only code that touches curses: draws a Grid, reads keys, handles signals.
        .target(name: "CTerminal", linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),
        .target(name: "WarRoomTerminal", dependencies: ["CTerminal", "WarRoomScreen"]),
        // The war room's loop: model + terminal + store + config, wired together.
        .target(name: "WarRoomApp", dependencies: ["WarRoomCore", "WarRoomStore", "WarRoomUI", "WarRoomScreen", "WarRoomTerminal", "WarRoomConfig", "WarRoomReports", "WarRoomOutbox", "WarRoomIntegrations"]),
        // A throwaway PostgreSQL server (initdb, pg_ctl, psql, openssl as child processes) for the
        // tests and for `warroom store dev-server`. Foundation only: no database driver.
        .target(name: "WarRoomDevServer"),
        // Pure: the exact request each destination (Slack, Teams, Statuspage, PagerDuty, Opsgenie,
        // a signed webhook) gets for an outbound notice, and what each answer means for a delivery.
        .target(name: "WarRoomIntegrations", dependencies: ["WarRoomCore", .product(name: "Crypto", package: "swift-crypto")]),
        // Pure: alert webhooks in (Alertmanager, Grafana, PagerDuty), verified and parsed, and what
        // each alert does to the incidents.
        .target(name: "WarRoomAlerts", dependencies: ["WarRoomCore", .product(name: "Crypto", package: "swift-crypto")]),
        // HTTP at the edges, for the outbox and alerts in: a small server on swift-nio's HTTP/1
        // (limits, timeouts, the handler off the event loop) and a client on Foundation's URLSession.
        .target(name: "WarRoomHTTP", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // The outbox's worker: claims due deliveries in the store, sends each destination's requests
        // with the HTTP client, records what the answer means (issue 13).
        .target(name: "WarRoomOutbox", dependencies: [
            "WarRoomCore", "WarRoomStore", "WarRoomIntegrations", "WarRoomHTTP", "WarRoomConfig",
        ]),
        // Alerts in: `alerts serve` and `alerts ingest` turn verified, parsed alerts into recorded
        // findings and declarations, answering a sender only once the events are durable (issue 13).
        .target(name: "WarRoomAlertIntake", dependencies: [
            "WarRoomCore", "WarRoomStore", "WarRoomAlerts", "WarRoomHTTP", "WarRoomConfig",
        ]),
        // Live SLIs: each SLI's error ratio over its windows from Prometheus's HTTP API, and the
        // burn rates and budget that leaves (issue 14). Foundation and WarRoomHTTP's client only.
        .target(name: "WarRoomPrometheus", dependencies: ["WarRoomCore", "WarRoomReports", "WarRoomHTTP"]),
        // The one executable.
        .executableTarget(name: "warroom", dependencies: ["WarRoomCLI"]),
        // What the core, reports and UI tests share: t0, testID and the command-recording Scenario.
        .target(name: "WarRoomTestSupport", dependencies: ["WarRoomCore"], path: "Tests/WarRoomTestSupport"),
        .testTarget(name: "WarRoomCoreTests", dependencies: ["WarRoomCore", "WarRoomTestSupport"]),
        .testTarget(name: "WarRoomTextTests", dependencies: ["WarRoomText"]),
        .testTarget(name: "WarRoomStoreTests", dependencies: ["WarRoomStore", "WarRoomCore", "CSQLite", "WarRoomTestSupport", "WarRoomDevServer"]),
        .testTarget(name: "WarRoomCLITests", dependencies: ["WarRoomCore", "WarRoomStore", "WarRoomDevServer"]),
        .testTarget(name: "WarRoomUITests", dependencies: ["WarRoomUI", "WarRoomScreen", "WarRoomCore", "WarRoomConfig", "WarRoomReports", "WarRoomTestSupport"], exclude: ["Goldens"]),
        // The real binary under a private tmux server: typing, live follow, resize, hostile text, exits.
        .testTarget(name: "WarRoomE2ETests", dependencies: ["WarRoomTestSupport"]),
        .testTarget(name: "WarRoomReportsTests", dependencies: ["WarRoomReports", "WarRoomCore", "WarRoomTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "WarRoomConfigTests", dependencies: ["WarRoomConfig", "WarRoomScreen", "WarRoomCore", "WarRoomReports", "WarRoomAlerts", "WarRoomTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WarRoomAppTests", dependencies: ["WarRoomApp", "WarRoomCLI", "WarRoomCore", "WarRoomStore", "WarRoomUI", "WarRoomScreen", "WarRoomConfig", "WarRoomReports", "WarRoomTestSupport", "WarRoomDevServer"], exclude: ["Goldens"]),
        .testTarget(name: "WarRoomDevServerTests", dependencies: ["WarRoomDevServer"]),
        .testTarget(name: "WarRoomTerminalTests", dependencies: ["WarRoomTerminal", "WarRoomScreen", "CTerminal"]),
        .testTarget(name: "WarRoomIntegrationsTests", dependencies: ["WarRoomIntegrations", "WarRoomCore", "WarRoomTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "WarRoomHTTPTests", dependencies: ["WarRoomHTTP"]),
        .testTarget(name: "WarRoomOutboxTests", dependencies: ["WarRoomOutbox", "WarRoomCore", "WarRoomStore", "WarRoomIntegrations", "WarRoomHTTP", "WarRoomConfig", "WarRoomTestSupport", "WarRoomDevServer"]),
        .testTarget(name: "WarRoomAlertIntakeTests", dependencies: ["WarRoomAlertIntake", "WarRoomCore", "WarRoomStore", "WarRoomAlerts", "WarRoomHTTP", "WarRoomConfig", "WarRoomTestSupport", "WarRoomDevServer"], exclude: ["Fixtures"]),
        .testTarget(name: "WarRoomPrometheusTests", dependencies: ["WarRoomPrometheus", "WarRoomReports", "WarRoomCore", "WarRoomHTTP", "WarRoomDevServer"]),
        .testTarget(name: "WarRoomAlertsTests", dependencies: ["WarRoomAlerts", "WarRoomCore"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
