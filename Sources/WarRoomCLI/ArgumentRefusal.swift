import Synchronization

/// Why ArgumentParser could not read a typed value, in our words. A vocabulary type's
/// `init?(argument:)` can only say "no", and ArgumentParser then prints its own "The value 'x' is
/// invalid" with the usage and exits 64; the person used to get (and tests check) our refusal,
/// with its did-you-mean and exit status 1. So the refusal is kept here, and `WarroomMain`
/// prints it instead when ArgumentParser's error is about that very value.
enum ArgumentRefusal {
    private static let last = Mutex<(value: String, message: String)?>(nil)

    /// `read(text)`, or nil after keeping why not.
    static func accept<T>(_ text: String, _ read: (String) throws -> T) -> T? {
        do { return try read(text) } catch {
            let message = "\(error)"
            last.withLock { $0 = (text, message) }
            return nil
        }
    }

    /// Our refusal of the value ArgumentParser's `message` says it could not read, if we refused it.
    static func message(behind parserMessage: String) -> String? {
        last.withLock { kept in
            guard let kept, parserMessage.hasPrefix("The value '\(kept.value)' is invalid") else { return nil }
            return kept.message
        }
    }
}
