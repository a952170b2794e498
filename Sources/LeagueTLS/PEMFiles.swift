import Foundation
import NIOSSL

/// Loads the PEM files a TLS identity or trust store is made of, with errors that name
/// the file and the option it came from (`what`, for example "--tls-cert").
///
/// The files are read once, when a server or client is configured: a connection never
/// touches the file system.
public enum PEMFiles {
    /// Every certificate in a PEM file (a chain: leaf first; or a set of CAs).
    public static func certificates(at path: String, what: String) throws(TLSFileError) -> [NIOSSLCertificate] {
        let bytes = try read(path, what: what)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw TLSFileError(.notPEM, "\(what) \(path) is not a PEM certificate file", cause: error)
        }
        guard !certificates.isEmpty else {
            throw TLSFileError(.notPEM, "\(what) \(path) holds no PEM certificate")
        }
        return certificates
    }

    /// The unencrypted PEM private key in a file.
    public static func privateKey(at path: String, what: String) throws(TLSFileError) -> NIOSSLPrivateKey {
        let bytes = try read(path, what: what)
        do {
            // Without a passphrase callback BoringSSL would prompt on the terminal for an
            // encrypted key; a server must fail instead of waiting for someone to type.
            return try NIOSSLPrivateKey(bytes: bytes, format: .pem) { (_: NIOSSLPassphraseSetter<[UInt8]>) in
                throw TLSFileError(.notPEM, "encrypted private keys are not supported")
            }
        } catch {
            throw TLSFileError(.notPEM, "\(what) \(path) is not an unencrypted PEM private key", cause: error)
        }
    }

    /// A TLS context from a configuration whose files were loaded: this is where a key
    /// that does not match its certificate shows.
    public static func context(_ configuration: TLSConfiguration, describing what: String) throws(TLSFileError)
        -> NIOSSLContext
    {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSFileError(.mismatch, "\(what) do not form a usable TLS identity", cause: error)
        }
    }

    private static func read(_ path: String, what: String) throws(TLSFileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw TLSFileError(.unreadable, "\(what) \(path) \(reason)")
        }
        return [UInt8](data)
    }
}
