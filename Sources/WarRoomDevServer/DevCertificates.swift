import Foundation

/// A certificate authority made for one throwaway server, and the server's certificate it signed
/// for `localhost` and `127.0.0.1`: what `sslmode=verify-full sslrootcert=CA` checks against.
/// Made with the `openssl` program; the keys never leave the directory.
public struct DevCertificates: Sendable, Equatable {
    /// The CA's certificate (PEM): the file a client passes as `sslrootcert`.
    public var authorityCertificate: String
    /// The server's certificate (PEM), for `ssl_cert_file`.
    public var serverCertificate: String
    /// The server's private key (PEM, 0600), for `ssl_key_file`.
    public var serverKey: String

    /// Where `openssl` usually is.
    public static let defaultOpenSSL = "/usr/bin/openssl"

    /// Makes a CA and a server certificate in `directory` (created if needed). `name` goes into the
    /// CA's common name, so that two CAs made for two servers differ even in their subject.
    public static func make(in directory: String, openssl: String = defaultOpenSSL, name: String = "warroom dev") throws -> DevCertificates {
        guard FileManager.default.isExecutableFile(atPath: openssl) else {
            throw PostgresDevServerError("cannot make TLS certificates: \(openssl) is missing; install it (apt-get install openssl)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let caKey = directory + "/ca.key", caCert = directory + "/ca.crt"
        let key = directory + "/server.key", request = directory + "/server.csr", cert = directory + "/server.crt"
        let extensions = directory + "/server.ext"
        // P-256 keys: made in milliseconds, and every TLS library a PostgreSQL client uses takes them.
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openSSL(openssl, ["req", "-x509"] + curve + ["-keyout", caKey, "-out", caCert, "-days", "30",
            "-subj", "/CN=\(subject(name)) certificate authority",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            scratch: directory)
        try openSSL(openssl, ["req"] + curve + ["-keyout", key, "-out", request, "-subj", "/CN=localhost"], scratch: directory)
        try Data("""
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth
            subjectAltName=DNS:localhost,IP:127.0.0.1

            """.utf8).write(to: URL(fileURLWithPath: extensions))
        try openSSL(openssl, ["x509", "-req", "-in", request, "-CA", caCert, "-CAkey", caKey, "-CAcreateserial",
                              "-out", cert, "-days", "30", "-extfile", extensions], scratch: directory)
        for file in [caKey, key] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        try? FileManager.default.removeItem(atPath: request)
        return DevCertificates(authorityCertificate: caCert, serverCertificate: cert, serverKey: key)
    }

    /// `name` fit for `-subj`, where `/` starts a new field and `\\`, `=`, `+` and `,` are special.
    static func subject(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || " -_.".contains($0)) ? $0 : "-" })
    }

    private static func openSSL(_ openssl: String, _ arguments: [String], scratch: String) throws {
        let outcome = try ChildProcess.run(openssl, arguments, scratch: scratch)
        guard outcome.succeeded else {
            throw PostgresDevServerError("openssl \(arguments.first ?? "") failed (exit \(outcome.status)): \(outcome.said)")
        }
    }
}
