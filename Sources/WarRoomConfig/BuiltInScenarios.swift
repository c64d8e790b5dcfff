// GENERATED from scenarios/*.yaml by Tests/WarRoomConfigTests/BuiltInScenariosSourceTests.swift; do not edit.
// After editing or adding a scenario file: WARROOM_RECORD_GOLDENS=1 swift test --filter BuiltInScenariosSource
// (it rewrites this file and fails once on purpose), then run it again to see it pass.
// Embedded so an installed binary plays the shipped drills from any working directory.

/// The text of the shipped drill scenarios, by name.
enum BuiltInScenarios {
    /// The shipped names, in order.
    static let names = ["bad-config-deploy", "cloud-provider-outage", "database-failover"]

    /// The file text of a shipped scenario.
    static func text(_ name: String) -> String? {
        switch name {
        case "bad-config-deploy": badConfigDeploy
        case "cloud-provider-outage": cloudProviderOutage
        case "database-failover": databaseFailover
        default: nil
        }
    }

    static let badConfigDeploy = #"""
# warroom drill scenario: a bad config deploy takes the whole edge down.
# Modelled on Cloudflare's outage of 2 July 2019: one WAF managed rule with a regular expression
# that backtracked without bound was pushed to every edge server at once, with no canary; CPU went
# to 100% everywhere and every proxied site answered 502 for 27 minutes, until the WAF managed
# rulesets were switched off globally ("stop the bleeding") and the rule was rolled back.
# Check it: warroom drill check bad-config-deploy --speed 10x
title: Edge 502s everywhere after a WAF rule deploy
summary: >-
  A WAF rule pushed to every edge server at once burns all CPU in the regex engine; every
  site behind the edge answers 502. The team should classify it as a SEV1 at once, get the
  roles in place, stop the bleeding with the global WAF kill switch before root-causing,
  rule out the DDoS everyone suspects first, and keep executives and customers informed.
based_on: https://blog.cloudflare.com/details-of-the-cloudflare-outage-on-july-2-2019/
objectives:
  - Classify the severity before troubleshooting (a full outage is a SEV1)
  - Assign all four roles before the first hypothesis
  - Send the first update within 10 minutes, then every 15 minutes
  - Mitigate first (the global WAF kill switch), root-cause after
  - Time-box the DDoS hypothesis and decide it when the evidence says no
severity: SEV2
service: edge-proxy
roles: [commander, comms, tech, scribe]
duration: 45m
injects:
  - at: +00:00
    note: The page arrives at SEV2 on purpose; every region is down, so it is a SEV1.
    alert: |
      {
        "version": "4",
        "groupKey": "{}:{alertname=\"EdgeHTTP502RateHigh\"}",
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "warroom",
        "groupLabels": {"alertname": "EdgeHTTP502RateHigh"},
        "commonLabels": {"alertname": "EdgeHTTP502RateHigh", "service": "edge-proxy", "severity": "critical", "team": "edge"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "EdgeHTTP502RateHigh", "service": "edge-proxy", "severity": "critical", "team": "edge", "region": "global"},
            "annotations": {
              "summary": "502 ratio above 80% in every region",
              "description": "edge-proxy answers 83% of requests with 502 Bad Gateway across all 194 locations.",
              "runbook_url": "https://runbooks.example.com/edge-proxy/http-502"
            },
            "startsAt": "2026-07-02T13:42:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=edge_http_502_ratio+%3E+0.05",
            "fingerprint": "c1a7e0b2d4f60918"
          },
          {
            "status": "firing",
            "labels": {"alertname": "EdgeCPUSaturated", "service": "edge-proxy", "severity": "critical", "team": "edge", "region": "global"},
            "annotations": {
              "summary": "CPU above 98% on every edge server",
              "description": "All edge servers report CPU saturation; the top consumer is the WAF worker."
            },
            "startsAt": "2026-07-02T13:42:10Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=edge_cpu_busy_ratio+%3E+0.98",
            "fingerprint": "5be93d17a0c4f286"
          }
        ]
      }
    expect:
      - role: commander
        action: severity-set
        severity: SEV1
        within: 5m
        points: 15
        contingency:
          message:
            from: VP Engineering
            text: Every dashboard I have is red, in every region. Is this not a SEV1?
      - role: commander
        action: role-assigned
        assigns: comms
        within: 5m
        points: 10
  - at: +00:03
    symptom: "Support: tickets from every region, all the same: 502 Bad Gateway on every site we front."
    expect:
      - role: comms
        action: update-posted
        within: 7m
        points: 15
        contingency:
          message:
            from: CEO
            text: Customers are posting screenshots of our 502 page. What is going on, and when is it fixed?
  - at: +00:06
    symptom: "Deploy log: WAF managed rules release 'xss-inline-js-v2' went to all locations at once at 13:40, two minutes before the alert."
    note: The clue. Good teams record the deploy hypothesis and mitigate before they understand the regex.
    expect:
      - role: tech
        action: hypothesis-recorded
        within: 8m
        points: 10
      - role: tech
        action: runbook-opened
        runbook: edge-config-rollback
        within: 10m
        points: 5
      - role: commander
        action: mitigation-recorded
        within: 15m
        points: 20
        contingency:
          symptom: "Edge on-call: the WAF has a global kill switch for managed rulesets; nobody has asked for it yet."
  - at: +00:10
    hypothesis_wrong:
      hypothesis: a DDoS attack is saturating the edge
      evidence: Request rates are at their normal level in every region; the profiles show the CPU spent in the WAF's regex engine, not in connection handling.
    expect:
      - role: commander
        action: hypothesis-decided
        verdict: ruled-out
        within: 10m
        points: 10
  - at: +00:15
    message:
      from: CEO
      text: What is the ETA? Sales has a demo with a bank in 30 minutes.
    expect:
      - role: comms
        action: update-posted
        audience: executives
        within: 5m
        points: 10
  - at: +00:20
    impact:
      customer_reported: true
      paying_accounts: true
      users_affected: 80%
      note: every proxied site, paying plans included
    expect:
      - role: comms
        action: update-posted
        audience: customers
        within: 10m
        points: 10
  - at: +00:30
    symptom: "Edge on-call: WAF managed rules are off everywhere and the rule is rolled back; 502 ratio back to 0.1% in every region."
    expect:
      - role: commander
        action: status-set
        status: monitoring
        within: 10m
        points: 10

"""#

    static let cloudProviderOutage = #"""
# warroom drill scenario: the cloud provider's object store fails in one region.
# Modelled on the Amazon S3 disruption in us-east-1 of 28 February 2017: a command meant to
# remove a few servers of a billing subsystem removed many more, S3's index and placement
# subsystems restarted, and for about four hours S3 in us-east-1 failed requests; the provider's
# own status page could not say so at first, because it depended on S3.
# Check it: warroom drill check cloud-provider-outage --speed 10x
title: Uploads fail while the cloud provider's object store is down
summary: >-
  Object-store calls in one region start failing; uploads and image pages break. It looks like
  our last deploy at first, and the provider's status page stays green. The team should rule out
  its own change quickly, open a case with the provider (a vendor escalation) instead of
  waiting, mitigate by sending writes to the replicated bucket in the other region, and keep
  customers informed although the root cause is not theirs to fix.
based_on: https://aws.amazon.com/message/41926/
objectives:
  - Rule out our own change within its timebox
  - Escalate to the vendor early, with a case number, instead of waiting for their status page
  - Mitigate around the dependency (the other region's bucket) before it recovers
  - Post customer updates on cadence even when the cause is upstream
severity: SEV3
service: uploads
roles: [commander, comms, tech, scribe]
duration: 1h
injects:
  - at: +00:00
    alert: |
      {
        "version": "4",
        "groupKey": "{}:{alertname=\"ObjectStoreErrorRateHigh\"}",
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "warroom",
        "groupLabels": {"alertname": "ObjectStoreErrorRateHigh"},
        "commonLabels": {"alertname": "ObjectStoreErrorRateHigh", "service": "uploads", "team": "media", "env": "prod"},
        "commonAnnotations": {"summary": "S3 calls from uploads fail above 20%"},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "ObjectStoreErrorRateHigh", "service": "uploads", "team": "media", "env": "prod", "severity": "warning", "region": "us-east-1", "operation": "PutObject"},
            "annotations": {
              "summary": "S3 calls from uploads fail above 20%",
              "description": "PutObject to s3.us-east-1 answers 503 and InternalError for 27% of calls."
            },
            "startsAt": "2026-02-28T17:37:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=s3_client_errors_ratio%7Boperation%3D%22PutObject%22%7D+%3E+0.2",
            "fingerprint": "7f30c9d2b6a1e548"
          }
        ]
      }
    expect:
      - role: commander
        action: severity-set
        within: 10m
        points: 10
      - role: commander
        action: role-assigned
        within: 5m
        points: 10
  - at: +00:04
    symptom: "The provider's status page shows every service in us-east-1 green."
    note: In 2017 the status page itself depended on S3; green meant nothing.
  - at: +00:06
    hypothesis_wrong:
      hypothesis: our deploy of the uploads service at 17:20 broke the S3 client
      evidence: Yesterday's build, rolled out to one canary, fails the same way; GetObject fails too, from services we did not deploy.
    expect:
      - role: tech
        action: hypothesis-recorded
        within: 5m
        points: 10
      - role: commander
        action: hypothesis-decided
        verdict: ruled-out
        within: 15m
        points: 10
  - at: +00:10
    impact:
      customer_reported: true
      paying_accounts: true
      users_affected: 35%
      note: business customers cannot attach files or see images
    expect:
      - role: comms
        action: update-posted
        audience: customers
        within: 10m
        points: 10
        contingency:
          message:
            from: Account manager, largest customer
            text: Their uploads have failed for a quarter of an hour and nobody has told them anything.
  - at: +00:12
    symptom: "Social media: many other sites report S3 errors in us-east-1."
    expect:
      - role: commander
        action: paged
        target: aws-support
        within: 10m
        points: 20
        contingency:
          message:
            from: VP Engineering
            text: Have we opened a case with AWS? Our support plan answers a business-critical case within 15 minutes.
  - at: +00:18
    message:
      from: AWS Support (case 4312)
      text: We are investigating increased error rates for S3 in US-EAST-1. We have no ETA yet.
    expect:
      - role: comms
        action: update-posted
        audience: executives
        within: 10m
        points: 10
  - at: +00:25
    symptom: "Tech: cross-region replication to the us-west-2 bucket is on; the uploads service can write there behind a feature flag."
    expect:
      - role: tech
        action: runbook-opened
        runbook: uploads-region-failover
        within: 10m
        points: 5
      - role: commander
        action: mitigation-recorded
        within: 15m
        points: 20
  - at: +00:45
    message:
      from: AWS Support (case 4312)
      text: S3 in US-EAST-1 is recovering; PUT requests succeed again.
    expect:
      - role: commander
        action: status-set
        status: monitoring
        within: 10m
        points: 10

"""#

    static let databaseFailover = #"""
# warroom drill scenario: a database failover leaves two primaries and lagging replicas.
# Modelled on GitHub's incident of 21 October 2018: a 43-second network partition made the
# cluster manager promote primaries in the other data center; writes had landed on both sides,
# replicas lagged by minutes, and users saw their comments and issues vanish. The team chose data
# integrity over availability (webhooks and writes paused, then a slow restore and reconcile),
# which took 24 hours of degraded service.
# Check it: warroom drill check database-failover --speed 10x
title: Stale and missing data after an automatic database failover
summary: >-
  A short network partition makes the cluster manager fail the orders database over to the
  other region. Replicas lag by minutes, writes landed on both primaries, and users see their
  recent data vanish. The team should treat the data-integrity concern as a SEV1 at once,
  resist failing back (it would throw writes away), hand over the technical lead when they
  leave, escalate when there is no root cause, and mitigate by pausing writes.
based_on: https://github.blog/2018-10-30-oct21-post-incident-analysis/
objectives:
  - Upgrade to SEV1 on the first sign of a data-integrity concern
  - Keep a hypothesis time-boxed and decide it when it expires
  - Hand over a role cleanly when its holder leaves
  - Escalate to the next tier when there is no root cause after 30 minutes
  - Choose data integrity over availability, and say so to executives
severity: SEV2
service: orders-db
roles: [commander, comms, tech, scribe]
duration: 1h
injects:
  - at: +00:00
    alert: |
      {
        "version": "4",
        "groupKey": "{}/{team=\"dba\"}:{service=\"orders-db\"}",
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "warroom",
        "groupLabels": {"service": "orders-db"},
        "commonLabels": {"service": "orders-db", "team": "dba", "env": "prod"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "MySQLPrimaryChanged", "service": "orders-db", "team": "dba", "env": "prod", "severity": "warning", "cluster": "orders"},
            "annotations": {
              "summary": "orders cluster has a new primary: db-west-1",
              "description": "The cluster manager promoted db-west-1 after losing db-east-1 for 43 s."
            },
            "startsAt": "2026-10-21T22:52:40Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=changes%28mysql_primary_id%5B5m%5D%29+%3E+0",
            "fingerprint": "0d4b8f2a6c1e3957"
          },
          {
            "status": "firing",
            "labels": {"alertname": "MySQLReplicationLagHigh", "service": "orders-db", "team": "dba", "env": "prod", "severity": "critical", "cluster": "orders"},
            "annotations": {
              "summary": "replica lag above 5 minutes",
              "description": "db-east-2 and db-east-3 are 312 s behind the primary and growing.",
              "runbook_url": "https://runbooks.example.com/orders-db-replication-lag"
            },
            "startsAt": "2026-10-21T22:54:10Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=mysql_slave_lag_seconds+%3E+300",
            "fingerprint": "e83a51c07b29d6f4"
          }
        ]
      }
    expect:
      - role: commander
        action: role-assigned
        assigns: tech
        within: 5m
        points: 10
      - role: tech
        action: runbook-opened
        runbook: orders-db-replication-lag
        within: 10m
        points: 5
  - at: +00:05
    symptom: "Support: users say comments and orders they placed in the last ten minutes are gone; after a refresh some come back."
  - at: +00:08
    impact:
      data_integrity: true
      users_affected: 12%
      note: writes were accepted on both primaries for about 40 s; the two disagree
    note: The core upgrades to SEV1 by itself; the players must notice and say why.
    expect:
      - role: comms
        action: update-posted
        audience: executives
        within: 10m
        points: 15
        contingency:
          message:
            from: Head of Support
            text: Customers are asking if we lost their data. What do I tell them?
      - role: tech
        action: hypothesis-recorded
        within: 7m
        points: 10
  - at: +00:15
    hypothesis_wrong:
      hypothesis: failing back to db-east-1 will fix it
      evidence: db-east-1 holds 40 s of writes db-west-1 never saw, and db-west-1 holds minutes of writes db-east-1 never saw; failing back now throws one side away.
    expect:
      - role: commander
        action: hypothesis-decided
        within: 10m
        points: 10
  - at: +00:20
    role_leaves:
      role: tech
      reason: the technical lead is pulled into a security incident
    expect:
      - role: commander
        action: role-assigned
        assigns: tech
        within: 5m
        points: 15
        contingency:
          symptom: "A DBA asks in the channel for the third time: who decides about the restore now?"
  - at: +00:25
    message:
      from: Database team lead
      text: Restoring from backup takes hours; reconciling by hand takes longer. Someone above me has to choose.
    expect:
      - role: commander
        action: escalated
        within: 10m
        points: 15
      - role: commander
        action: mitigation-recorded
        within: 15m
        points: 15
        contingency:
          symptom: "Webhooks and background jobs are still writing to both primaries; the disagreement grows."
  - at: +00:40
    symptom: "Writes and webhooks are paused; the restore of db-east-1 from the 22:00 backup is running, 35% done."
    expect:
      - role: comms
        action: update-posted
        audience: customers
        within: 10m
        points: 10
      - role: scribe
        action: entry-logged
        kind: decision
        within: 10m
        points: 5

"""#
}
