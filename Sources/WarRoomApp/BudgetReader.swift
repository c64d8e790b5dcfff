import Dispatch
import Foundation
import WarRoomUI

/// Reads the live budgets off the war room's loop (Prometheus may take its timeout to answer):
/// one read at a time on a queue of its own; the loop takes the answer when it looks, at least
/// once a second, so a slow server never holds a key.
final class BudgetReader: @unchecked Sendable {
    private let read: @Sendable (String?) -> LiveBudgets
    private let queue = DispatchQueue(label: "warroom.budgets")
    private let lock = NSLock()
    private var running = false
    private var answer: LiveBudgets?

    init(_ read: @escaping @Sendable (String?) -> LiveBudgets) { self.read = read }

    /// Starts a read of `service`'s budgets unless one is under way.
    func ask(service: String?) {
        lock.lock()
        defer { lock.unlock() }
        guard !running else { return }
        running = true
        queue.async { [self] in
            let result = read(service)
            lock.lock()
            answer = result
            running = false
            lock.unlock()
        }
    }

    /// The answer that came since the last call, if one did.
    func take() -> LiveBudgets? {
        lock.lock()
        defer { lock.unlock() }
        defer { answer = nil }
        return answer
    }
}
