// libFuzzer target `jsonl`: the JSONL import path. The input is split into lines as
// `warroom import` splits a file (at `\n`; blank lines skipped). Each line is decoded by the
// store's `EventJSONDecoder` (its fast path alone, and fast path + fallback) and by Foundation's
// `JSONDecoder`:
// - when the fast path alone yields an event, JSONDecoder yields an equal one (and both encode to
//   the same bytes, so no difference hides behind String's canonical equivalence);
// - `EventJSONDecoder.decode` and JSONDecoder both throw (the same error) or both return equal events.
// The decoded events are then folded (`IncidentState.fold`) and the rules evaluated on the result,
// every instant they produce formatted as `warroom status` and the war room show it.
// Nothing may trap.
//
// Built by Fuzz/run (swiftc -sanitize=fuzzer,address), not by SwiftPM: the store's EventJSON*.swift
// files are compiled as a module named WarRoomStore (without SQLite), in package `warroom`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WarRoomCore
import WarRoomStore

nonisolated(unsafe) var fastDecoder = EventJSONDecoder()
nonisolated(unsafe) let referenceDecoder = JSONDecoder()
nonisolated(unsafe) let canonicalEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var events: [Event] = []
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let body = Data(line)
        let reference = Result { try referenceDecoder.decode(Event.self, from: body) }
        let fast = body.withUnsafeBytes { raw in fastDecoder.decodeFast(raw) }
        let full = Result { try fastDecoder.decode(body) }

        if let fast {
            guard case .success(let expected) = reference else {
                fail("the fast path accepted a line JSONDecoder refuses", body)
            }
            require(fast == expected, "the fast path and JSONDecoder decode different events", body)
            require(encoded(fast) == encoded(expected), "the fast path and JSONDecoder events encode differently", body)
        }
        switch (full, reference) {
        case (.success(let a), .success(let b)):
            require(a == b, "EventJSONDecoder and JSONDecoder decode different events", body)
            require(encoded(a) == encoded(b), "EventJSONDecoder and JSONDecoder events encode differently", body)
            events.append(a)
        case (.failure(let a), .failure(let b)):
            require("\(a)" == "\(b)", "EventJSONDecoder and JSONDecoder throw different errors", body)
        case (.success, .failure):
            fail("only JSONDecoder throws", body)
        case (.failure, .success):
            fail("only EventJSONDecoder throws", body)
        }
    }
    if let state = IncidentState.fold(events) {
        let now = events.map(\.recordedAt).max() ?? state.declaredAt
        evaluateRules(state, now: now)
    }
    return 0
}

func encoded(_ event: Event) -> Data? { try? canonicalEncoder.encode(event) }

// MARK: - Support

func require(_ condition: Bool, _ message: @autoclosure () -> String, _ body: Data) {
    if !condition { fail(message(), body) }
}

func fail(_ message: String, _ body: Data) -> Never {
    let shown = String(decoding: body.prefix(300), as: UTF8.self).unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
    fputs("fuzz invariant violated: \(message): \(shown)\n", stderr)
    fflush(stderr)
    abort()
}
