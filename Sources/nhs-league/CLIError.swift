import ArgumentParser
import Foundation
import LeagueClient

/// A failure shown to the person at the terminal, with a distinct exit code.
struct CLIError: Error, CustomStringConvertible {
    enum Kind: Int32 {
        case badInput = 2
        case notFound = 3
        case unreachable = 4
        case serverError = 5
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    init(_ error: LeagueClientError) {
        switch error.code {
        case .server(.notFound): self.init(.notFound, error.message)
        case .server(.invalidArgument), .server(.resourceExhausted): self.init(.badInput, error.message)
        case .unreachable, .timeout: self.init(.unreachable, error.message)
        case .connectionClosed: self.init(.unreachable, "the server closed the connection: \(error.message)")
        case .tls: self.init(.unreachable, "TLS: \(error.description)")
        case .goingAway:
            self.init(.unreachable, "the server is shutting down and did not answer; try again (\(error.message))")
        case .server(.unavailable):
            self.init(.unreachable, "the server is not taking requests now; try again shortly (\(error.message))")
        case .server, .protocolError: self.init(.serverError, error.description)
        }
    }

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs a command body, printing a `CLIError` to stderr and exiting with its code.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("nhs-league: \(error.message)\n".utf8))
            throw ExitCode(error.kind.rawValue)
        }
    }
}
