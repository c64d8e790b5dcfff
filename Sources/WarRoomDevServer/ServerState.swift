import Foundation

/// What a server directory remembers between runs (`server.json`, and the superuser's password in
/// `superuser.password`, 0600), so that `warroom store dev-server --dir DIR` run again finds the
/// same data, port and password.
struct ServerState: Codable {
    var port: Int
    var superuser: String
    var tls: Bool

    /// The state to start from, and whether it was found rather than made.
    struct Prepared {
        var reused: Bool
        var superuser: String
        var password: String
        var port: Int
        var tls: Bool
    }

    static func prepare(directory: String, options: PostgresDevServer.Options) throws -> Prepared {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PostgresDevServerError("\(directory) is a file, not a directory: give a new or empty directory")
            }
            let contents = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            if !contents.isEmpty {
                return try reuse(directory: directory, options: options)
            }
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        } else {
            do {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw PostgresDevServerError("cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let password = PostgresDevServer.generatedPassword()
        try writePassword(password, in: directory)
        return Prepared(reused: false, superuser: options.superuser, password: password,
                        port: try options.port ?? PostgresDevServer.freePort(), tls: options.tls)
    }

    private static func reuse(directory: String, options: PostgresDevServer.Options) throws -> Prepared {
        let files = FileManager.default
        guard files.fileExists(atPath: directory + "/data/PG_VERSION"),
              let json = files.contents(atPath: directory + "/server.json"),
              let state = try? JSONDecoder().decode(ServerState.self, from: json),
              let secret = files.contents(atPath: directory + "/superuser.password") else {
            throw PostgresDevServerError("\(directory) is not empty and holds no server made by warroom "
                + "(no data/PG_VERSION, server.json and superuser.password): give a new or empty directory")
        }
        let password = String(decoding: secret, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Prepared(reused: true, superuser: state.superuser, password: password,
                        port: options.port ?? state.port, tls: state.tls || options.tls)
    }

    static func record(directory: String, port: Int, superuser: String, tls: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(ServerState(port: port, superuser: superuser, tls: tls))
            .write(to: URL(fileURLWithPath: directory + "/server.json"))
    }

    private static func writePassword(_ password: String, in directory: String) throws {
        let path = directory + "/superuser.password"
        // Created 0600 before a byte is written: the password is never readable by others, even briefly.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw PostgresDevServerError("cannot write \(path)")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data((password + "\n").utf8))
    }
}
