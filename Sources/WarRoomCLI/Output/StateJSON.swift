import WarRoomCore

/// `show --json`: the state and everything computed from it at `now`.
enum StateJSON {
    static func render(_ state: IncidentState, policy: Policy, now: Timestamp) -> JSONValue {
        let countdown = state.updateCountdown(policy: policy)
        let metrics = state.metrics
        func seconds(_ span: TimeSpan?) -> JSONValue { span.map { .number($0.seconds) } ?? .null }
        func time(_ instant: Timestamp?) -> JSONValue { instant.map { .string($0.iso8601) } ?? .null }
        return .object([
            ("id", .string(state.id)),
            ("title", .string(state.title)),
            ("summary", .optional(state.summary)),
            ("service", .optional(state.service)),
            ("severity", .string(state.severity.label)),
            ("status", .string(state.status.rawValue)),
            ("drill", .bool(state.isDrill)),
            ("now", .string(now.iso8601)),
            ("impactStartedAt", time(state.impactStartedAt)),
            ("detectedAt", .string(state.detectedAt.iso8601)),
            ("declaredAt", .string(state.declaredAt.iso8601)),
            ("acknowledgedAt", time(state.acknowledgedAt)),
            ("identifiedAt", time(state.identifiedAt)),
            ("mitigatedAt", time(state.mitigatedAt)),
            ("resolvedAt", time(state.resolvedAt)),
            ("closedAt", time(state.closedAt)),
            ("roles", .object(Role.allCases.map { ($0.rawValue, .optional(state.roles[$0]?.person)) })),
            ("nextUpdateDue", time(countdown?.nextDue)),
            ("updateOverdue", .bool(countdown?.timing(at: now).isOverdue ?? false)),
            ("updateCadence", seconds(countdown?.cadence)),
            ("nextUpdateAudience", .optional(countdown?.audience.rawValue)),
            ("updatesOwed", .array(state.updateCountdowns(policy: policy).map { owed in
                .object([
                    ("audience", .string(owed.audience.rawValue)),
                    ("purpose", .string(owed.isAllClear ? "all-clear" : owed.isInitial ? "initial" : "regular")),
                    ("due", .string(owed.nextDue.iso8601)),
                    ("overdue", .bool(owed.timing(at: now).isOverdue)),
                    ("cadence", seconds(owed.cadence)),
                ])
            })),
            ("impact", impact(state.impact)),
            ("hypotheses", .array(state.hypotheses.map { h in
                .object([
                    ("id", .number(Int64(h.number))),
                    ("text", .string(h.text)),
                    ("owner", .optional(h.owner)),
                    ("state", .string(h.isRunning && now > h.deadline ? "expired" : h.state.rawValue)),
                    ("deadline", .string(h.deadline.iso8601)),
                    ("extended", .bool(h.extended)),
                ])
            })),
            ("obligations", .array(state.obligations(policy: policy).map { o in
                .object([("kind", .string(o.kind.rawValue)), ("title", .string(o.title)),
                         ("deadline", .string(o.deadline.iso8601)), ("overdue", .bool(o.timing(at: now).isOverdue))])
            })),
            ("alerts", .array(state.alerts(policy: policy, now: now).map { .string($0.message) })),
            ("runbooks", .array(state.runbooks.map { record in
                func mark(_ m: RunbookRecord.Mark) -> JSONValue {
                    .object([("person", .string(m.person)), ("at", .string(m.at.iso8601)), ("lastTested", .optional(m.lastTested?.iso8601))])
                }
                return .object([("name", .string(record.name)), ("linked", record.linked.map(mark) ?? .null),
                                ("openings", .array(record.openings.map(mark)))])
            })),
            ("timeline", .array(state.timeline.map(TimelineFormat.json))),
            ("metrics", .object([
                ("timeToDetect", seconds(metrics.timeToDetect)),
                ("timeToAcknowledge", seconds(metrics.timeToAcknowledge)),
                ("timeToMitigate", seconds(metrics.timeToMitigate)),
                ("timeToResolve", seconds(metrics.timeToResolve)),
            ])),
            ("postmortemStatus", .optional(state.postmortemStatus?.rawValue)),
        ])
    }

    static func impact(_ impact: ImpactState) -> JSONValue {
        .object([
            ("usersAffectedPercent", impact.usersAffectedPercent.map(JSONValue.double) ?? .null),
            ("usersAffectedCount", impact.usersAffectedCount.map { .number(Int64($0)) } ?? .null),
            ("customerReported", .bool(impact.customerReported)),
            ("payingAccounts", .bool(impact.payingAccounts)),
            ("dataIntegrity", .bool(impact.dataIntegrity)),
            ("securityBreach", .bool(impact.securityBreach)),
        ])
    }

    /// A short summary for `list --json`.
    static func summary(_ state: IncidentState, policy: Policy, now: Timestamp) -> JSONValue {
        .object([
            ("id", .string(state.id)),
            ("title", .string(state.title)),
            ("severity", .string(state.severity.label)),
            ("status", .string(state.status.rawValue)),
            ("drill", .bool(state.isDrill)),
            ("declaredAt", .string(state.declaredAt.iso8601)),
            ("alerts", .number(Int64(state.alerts(policy: policy, now: now).filter { $0.level == .critical }.count))),
            ("postmortemDue", .optional(state.obligations(policy: policy).first { $0.kind == .postmortem }?.deadline.iso8601)),
        ])
    }
}
