import WarRoomCore
/// The words that name a person without the record knowing them: pronouns, role nouns ("the
/// on-call engineer") and capitalised names ("Bob"). A capitalised word is a name only when it is
/// no known system, product or common word, so "Kafka dropped messages" and "Postgres ran out of
/// connections" stay system-framed.
enum PersonWords {
    /// he, she, someone, somebody, I (sure); they (weak: as often pods or alerts).
    static func pronoun(_ word: BlameGrammar.Word) -> BlameGrammar.Person? {
        let name = display(word)
        switch word.base {
        case "he", "she", "someone", "somebody", "i", "him", "her", "whoever":
            return BlameGrammar.Person(name: name, certainty: .sure)
        case "they", "them":
            return BlameGrammar.Person(name: name, certainty: .weak)
        default:
            return nil
        }
    }

    /// A role noun, named with its determiner and modifiers ("the on-call engineer"); nil when a
    /// system word qualifies it ("the Kubernetes operator", "the database operator" are software).
    static func role(at index: Int, in tokens: [BlameGrammar.Word?]) -> BlameGrammar.Person? {
        guard let word = tokens[index], roles.contains(word.base) else { return nil }
        // "the on-call engineer": the modifier is part of the role, not a role of its own.
        if index + 1 < tokens.count, let next = tokens[index + 1], roles.contains(next.base), !word.possessive {
            return nil
        }
        var first = index
        while first > 0, index - first < 3, let previous = tokens[first - 1] {
            if determiners.contains(previous.base) {
                first -= 1
                break
            }
            if modifiers.contains(previous.base) || roles.contains(previous.base) {
                first -= 1
                continue
            }
            if systemWords.contains(previous.base) || previous.raw.first?.isUppercase == true { return nil }
            break
        }
        let parts = (first...index).compactMap { tokens[$0] }.map(display)
        return BlameGrammar.Person(name: parts.joined(separator: " "), certainty: .sure)
    }

    /// A capitalised word that is no system, product or common word: "Bob", "Priya".
    static func capitalised(at index: Int, in tokens: [BlameGrammar.Word?]) -> BlameGrammar.Person? {
        guard let word = tokens[index] else { return nil }
        let name = display(word)
        guard let first = name.first, first.isUppercase, name.count >= 2,
              name.dropFirst().allSatisfy({ ($0.isLetter && !$0.isUppercase) || $0 == "-" }),
              name.last?.isLetter == true else { return nil }
        let key = word.base
        guard !systemWords.contains(key), !commonWords.contains(key) else { return nil }
        // "Deploys", "Alerts", "Retries": a capitalised plural is a thing; names ending in s are listed.
        if key.hasSuffix("s"), !key.hasSuffix("ss"), !namesEndingInS.contains(key) { return nil }
        if thingSuffixes.contains(where: { key.hasSuffix($0) && key.count > $0.count + 2 }) { return nil }
        return BlameGrammar.Person(name: name, certainty: .capitalised)
    }

    /// The word as written, without a possessive `'s`.
    static func display(_ word: BlameGrammar.Word) -> String {
        var raw = word.raw
        if word.possessive, raw.hasSuffix("'s") { raw.removeLast(2) }
        return raw
    }

    static let determiners: Set<String> = [
        "the", "a", "an", "our", "their", "one", "this", "that", "another", "some", "every", "his", "her", "my", "your",
    ]
    static let modifiers: Set<String> = [
        "on-call", "oncall", "primary", "secondary", "new", "junior", "senior", "lead", "responsible", "backend",
        "frontend", "release", "deploying", "reviewing", "assigned", "same", "other", "first", "second", "night",
        "weekend", "incident", "platform", "infra", "infrastructure", "sre", "dba", "qa", "security", "support", "staff",
    ]
    static let roles: Set<String> = Set<String>([
        "engineer", "engineers", "developer", "developers", "dev", "devs", "operator", "operators", "reviewer",
        "reviewers", "on-call", "oncall", "on-caller", "on-callers", "oncaller", "sre", "sres", "dba", "dbas", "admin",
        "admins", "administrator", "sysadmin", "intern", "interns", "author", "committer", "deployer", "responder",
        "responders", "manager", "tester", "testers", "contractor", "contractors", "employee", "employees",
        "colleague", "teammate", "teammates", "coworker", "co-worker", "programmer", "programmers", "approver",
        "maintainer", "maintainers", "hire", "person", "individual", "staffer", "technician", "analyst",
    ]).union(Role.allCases.compactMap(\.definition.personNoun))
    /// Software that shares a role's name: "the Kubernetes operator", "the database operator".
    static let systemWords: Set<String> = [
        // Products and services.
        "kafka", "postgres", "postgresql", "mysql", "mariadb", "redis", "memcached", "nginx", "haproxy", "envoy",
        "istio", "linkerd", "consul", "vault", "nomad", "terraform", "ansible", "puppet", "chef", "jenkins", "github",
        "gitlab", "bitbucket", "circleci", "travis", "buildkite", "argo", "argocd", "spinnaker", "flux", "helm",
        "kubernetes", "kubectl", "kubelet", "docker", "containerd", "podman", "openshift", "datadog", "pagerduty",
        "opsgenie", "grafana", "prometheus", "alertmanager", "nagios", "zabbix", "sentry", "splunk", "elastic",
        "elasticsearch", "opensearch", "kibana", "logstash", "fluentd", "loki", "jaeger", "honeycomb", "newrelic",
        "cassandra", "scylla", "mongodb", "mongo", "couchbase", "dynamo", "dynamodb", "aurora", "spanner", "bigtable",
        "bigquery", "snowflake", "redshift", "clickhouse", "cockroach", "cockroachdb", "sqlite", "oracle", "rabbitmq",
        "rabbit", "zookeeper", "etcd", "pulsar", "kinesis", "nats", "celery", "sidekiq", "airflow", "spark", "hadoop",
        "flink", "lambda", "fargate", "cloudfront", "cloudflare", "akamai", "fastly", "route", "azure", "heroku",
        "vercel", "netlify", "stripe", "twilio", "okta", "auth0", "slack", "zoom", "jira", "confluence", "linux",
        "ubuntu", "debian", "windows", "macos", "java", "python", "ruby", "rails", "django", "node", "nodejs",
        "golang", "rust", "swift", "php", "dotnet", "safari", "chrome", "firefox", "edge", "android", "ios", "iphone",
        "varnish", "traefik", "caddy", "apache", "tomcat", "jetty", "gunicorn", "uwsgi", "pgbouncer", "patroni",
        "vitess", "citus", "debezium", "karpenter", "cilium", "calico", "coredns", "bind", "unbound", "openssl",
        "letsencrypt", "certbot", "vagrant", "packer", "pulumi", "crossplane", "backstage", "renovate", "dependabot",
        "copilot", "chatgpt", "openai", "google", "amazon", "microsoft", "apple", "meta", "gcp", "aws",
        // What systems are called in post-mortems.
        "checkout", "payments", "payment", "billing", "login", "auth", "signup", "search", "cart", "gateway",
        "database", "cache", "service", "server", "cluster", "deploy", "deployment", "pipeline", "alert", "alerting",
        "monitoring", "build", "job", "cron", "scheduler", "worker", "queue", "balancer", "config", "configuration",
        "migration", "script", "rollout", "canary", "release", "version", "network", "disk", "memory", "certificate",
        "cert", "pod", "container", "replica", "primary", "leader", "follower", "failover", "backup", "storage",
        "proxy", "router", "firewall", "dashboard", "runbook", "api", "frontend", "backend", "app", "application",
        "website", "site", "web", "mobile", "client", "browser", "kernel", "driver", "firmware", "hardware",
        "software", "code", "commit", "patch", "upgrade", "update", "hotfix", "flag", "feature", "autoscaler",
        "orchestrator", "controller", "operator", "agent", "daemon", "sidecar", "mesh", "ingress", "egress", "vpn",
        "dns", "cdn", "ci", "cd", "bot", "automation", "inventory", "catalog", "catalogue", "orders",
        "order", "shipping", "notifications", "notification", "email", "sms", "push", "ledger", "wallet",
        "accounts", "account", "profile", "identity", "sso", "ldap", "kerberos", "oauth", "tls", "ssl", "http",
        "grpc", "rest", "graphql", "sql", "nosql", "json", "yaml", "cloud", "region", "zone", "datacenter",
        "traffic", "load", "latency", "throughput", "capacity", "quota", "limit", "timeout", "retry", "retries",
        "healthcheck", "probe", "heartbeat", "checker", "linter", "validator", "test", "tests", "suite", "staging",
        "production", "prod", "dev", "sandbox", "test-suite", "schema", "index", "table", "query", "replication",
        "sharding", "shard", "partition", "topic", "stream", "consumer", "producer", "broker", "listener", "webhook",
        "integration", "vendor", "provider", "upstream", "downstream", "dependency", "library", "sdk", "framework",
        "platform", "infrastructure", "infra", "system", "systems", "tooling", "tool", "tools", "process",
        "directory", "history", "repository", "repo", "factory",
    ]
    /// Capitalised at the start of a sentence without being a name.
    static let commonWords: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "our", "their", "his", "my",
        "your", "we", "us", "you", "nothing", "nobody", "noone", "everyone", "everybody", "everything", "something",
        "anything", "anyone", "anybody", "none", "one", "each", "every", "both", "all", "some", "most", "many",
        "several", "another", "other", "others", "such", "no", "not", "yes", "also", "then", "later", "earlier",
        "meanwhile", "because", "since", "when", "after", "before", "once", "eventually", "initially", "finally",
        "however", "unfortunately", "luckily", "fortunately", "thankfully", "sadly", "why", "what", "which", "who",
        "whose", "how", "where", "while", "if", "unless", "although", "though", "so", "thus", "hence", "therefore",
        "instead", "still", "yet", "again", "first", "second", "third", "next", "last", "previously",
        "root", "cause", "lack", "absence", "insufficient", "missing", "poor", "bad", "wrong", "new", "old", "legacy",
        "manual", "auto", "stale", "broken", "slow", "fast", "high", "low", "large", "small", "big", "heavy", "light",
        "human", "operator", "user", "users", "customer", "customers", "team", "teams", "people", "staff", "management",
        "leadership", "nobody's", "time", "timing", "change", "changes", "data", "power", "review", "rollback",
        "failure", "outage", "incident", "issue", "problem", "error", "errors", "bug", "bugs", "defect", "regression",
        "spike", "surge", "peak", "growth", "demand", "usage", "volume", "cost", "budget", "risk", "gap", "design",
        "architecture", "policy", "rule", "rules", "documentation", "docs", "training", "onboarding", "alarm",
        "maintenance", "performance", "compliance", "persistence", "resilience", "redundancy", "visibility",
        "observability", "ownership", "communication", "coordination", "escalation", "detection", "mitigation",
        "recovery", "response", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "today", "yesterday", "tomorrow", "tonight", "overnight", "morning", "evening",
        "night", "weekend", "black", "cyber", "christmas", "easter", "utc", "am", "pm", "eu", "uk", "apac",
        "emea", "north", "south", "east", "west", "central", "global", "internal", "external", "public", "private",
        "shared", "single", "double", "multiple", "whole", "entire", "partial", "full", "only", "just",
        "even", "perhaps", "maybe", "likely", "possibly", "clearly", "apparently", "obviously", "probably",
        "ultimately", "basically", "essentially", "overall", "together", "separately", "additionally",
        "further", "furthermore", "moreover", "similarly", "likewise", "otherwise", "anyway", "regardless",
        "nevertheless", "nonetheless", "indeed", "actually", "really", "truly", "certainly", "definitely",
        "no-one", "everything's", "whatever", "whichever", "sev", "step", "steps", "stage", "phase", "part",
    ]
    /// Names that end in s, which the plural rule would otherwise take for things.
    static let namesEndingInS: Set<String> = [
        "james", "charles", "nicholas", "thomas", "lucas", "chris", "doris", "agnes", "frances", "marcus", "carlos",
        "luis", "dennis", "travis", "jonas", "andreas", "markus", "klaus", "hans", "lars", "niels", "matthias",
        "tobias", "elias", "douglas", "curtis", "francis", "phyllis", "iris", "lois", "gladys", "ines", "mercedes",
        "dolores", "jules", "miles", "giles", "wes", "les", "alexis", "atlas", "silas", "amos", "cyrus", "julius",
        "angus", "magnus", "rufus", "otis", "ellis", "morris", "lewis", "louis", "jesus", "moses", "max", "yves",
        "ross", "jess", "bess", "tess",
    ]
    /// Endings of nouns for things and processes: "Replication", "Caching", "Middleware".
    static let thingSuffixes: [String] = [
        "ing", "tion", "sion", "ment", "ness", "ity", "ency", "ancy", "ics", "ism", "ogy", "ery", "ship",
        "ware", "base", "ure", "age", "ize",
    ]
}
