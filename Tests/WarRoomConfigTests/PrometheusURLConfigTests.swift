import Testing
@testable import WarRoomConfig

/// `prometheus_url`, a top-level key: an http or https URL, else a mistake with line and key.
@Suite struct PrometheusURLConfigTests {
    @Test("An http or https URL is kept as written; none means no Prometheus")
    func good() {
        for url in ["http://prometheus:9090", "https://prom.example.com/prometheus/", "http://127.0.0.1:9090"] {
            let load = Config.parse("theme = \"dark\"\nprometheus_url = \"\(url)\"\n", file: "config.toml")
            #expect(load.diagnostics == [] && load.config.prometheusURL == url, "\(url)")
        }
        #expect(Config.parse("theme = \"dark\"\n", file: "c.toml").config.prometheusURL == nil)
    }

    @Test("Anything else is said with file, line and key, and no Prometheus is used", arguments: [
        ("\"prometheus:9090\"", "'prometheus:9090' is not an http or https URL: give one such as http://prometheus:9090"),
        ("\"ftp://u:secret@prom:21\"", "'ftp://prom:21' is not an http or https URL"),
        ("\"http://\"", "'http://' names no host"),
        ("\"http://prom:9090/?x=1\"", "has a query or a fragment: give the server's base URL"),
        ("\"  \"", "must not be empty"),
        ("9090", "expected a string in quotes, found"),
    ])
    func bad(_ value: String, _ fragment: String) throws {
        let load = Config.parse("author = \"alice\"\nprometheus_url = \(value)\n", file: "config.toml")
        let diagnostic = try #require(load.diagnostics.first)
        #expect(load.diagnostics.count == 1 && diagnostic.line == 2 && diagnostic.key == "prometheus_url")
        #expect(diagnostic.message.contains(fragment), "\(diagnostic.message)")
        #expect(!diagnostic.description.contains("secret"), "a password in the URL is never repeated")
        #expect(load.config.prometheusURL == nil && load.config.author == "alice")
    }

    @Test("A misspelt key is offered prometheus_url")
    func misspelt() throws {
        let load = Config.parse("prometheus_ulr = \"http://prom:9090\"\n", file: "config.toml")
        #expect(try #require(load.diagnostics.first).message.contains("prometheus_url"))
    }
}
