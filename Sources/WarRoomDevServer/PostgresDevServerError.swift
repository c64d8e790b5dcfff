/// Why a throwaway PostgreSQL server could not be made, started, stopped or used: a message for the
/// person at the terminal, naming what to install or change. It never holds a password.
public struct PostgresDevServerError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
