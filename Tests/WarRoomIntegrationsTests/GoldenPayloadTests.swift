import Testing
import WarRoomCore
@testable import WarRoomIntegrations

/// Every destination type × notice kind against a golden file. On disk: the plan as one JSON
/// document (pretty, keys sorted) — each request's method, URL, headers in order and body. The
/// comparison is of that canonical text, made from the wire body *parsed back* (so the golden
/// says what the vendor reads), and each test also checks that the wire bytes are exactly the
/// compact canonical form of what was parsed (so the bytes are stable too).
@Suite("Golden payloads")
struct GoldenPayloadTests {
    static let cases: [(Destination, String, String?)] = Fixture.destinations.flatMap { destination in
        Fixture.kinds.map { (destination, $0.0, nil as String?) }
    } + Fixture.kinds.map { (Fixture.statuspage, $0.0, "p31zjtct2jer") }

    @Test("Each destination's requests for each notice match the golden file", arguments: cases.indices)
    func golden(_ index: Int) throws {
        let (destination, label, reference) = Self.cases[index]
        let notice = Fixture.notice(label: label)
        let plan = try destination.plan(for: notice, vendorReference: reference)
        let document: JSONValue
        switch plan {
        case .skip(let reason): document = .object(["skip": .string(reason)])
        case .send(let requests):
            document = .object(["requests": .array(requests.map { request in
                let body = request.body.isEmpty ? JSONValue.null : Fixture.json(request)
                #expect(request.body.isEmpty || body.bytes == request.body, "the wire body is the canonical compact form")
                return .object([
                    "method": .string(request.method), "url": .string(request.url),
                    "headers": .array(request.headers.map { .array([.string($0.name), .string($0.value)]) }),
                    "idempotency_key": .string(request.idempotencyKey), "body": body,
                ])
            })])
        }
        let suffix = reference == nil ? "" : "-known"
        Golden.check(document.text(pretty: true) + "\n", name: "\(destination.type.rawValue)\(suffix)-\(label).json")
    }
}
