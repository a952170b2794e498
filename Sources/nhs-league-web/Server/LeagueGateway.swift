import LeagueClient
import LeagueWire
import Logging

/// The one connection to `nhs-league-server`, shared by every page request.
///
/// Calls are pipelined on it. When the server goes away the connection is dropped and
/// the next request dials again, so the site recovers on its own once the server is back.
actor LeagueGateway {
    let host: String
    let port: Int
    let logger: Logger
    private var client: LeagueClient?
    private var connecting: Task<LeagueClient, any Error>?

    init(host: String, port: Int, logger: Logger) {
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// One answer and the dataset version it came from.
    struct Answer: Sendable {
        var result: CallResult
        var dataVersion: String
    }

    /// Sends `call`; a non-OK status or an unreachable server becomes a `WebError`.
    /// A call on a connection that turns out to be closed (idle timeout) or whose server is
    /// going away (issue 14) is retried once on a new one.
    nonisolated func call(_ call: Call) async throws(WebError) -> Answer {
        var attempt = 0
        while true {
            attempt += 1
            let client = try await self.connectedClient()
            let response: Response
            do {
                response = try await client.send(call, timeout: .seconds(10))
            } catch {
                await self.drop(client)
                if error.code == .connectionClosed || error.code == .goingAway, attempt == 1 { continue }
                throw WebError.unavailable(cause: error)
            }
            guard response.status.code == .ok else {
                throw WebError(serverStatus: response.status)
            }
            return Answer(result: response.result, dataVersion: response.dataVersion)
        }
    }

    private func connectedClient() async throws(WebError) -> LeagueClient {
        if let client { return client }
        let task: Task<LeagueClient, any Error>
        if let connecting {
            task = connecting
        } else {
            let (host, port) = (self.host, self.port)
            task = Task { try await LeagueClient.connect(host: host, port: port, connectTimeout: .seconds(2)) }
            connecting = task
        }
        do {
            let connected = try await task.value
            if connecting == task { connecting = nil }
            if client == nil {
                client = connected
                logger.info("connected to nhs-league server", metadata: ["upstream": "\(host):\(port)"])
            }
            return client ?? connected
        } catch {
            if connecting == task { connecting = nil }
            logger.warning("nhs-league server unreachable", metadata: ["upstream": "\(host):\(port)"])
            throw WebError.unavailable(cause: error)
        }
    }

    private func drop(_ failed: LeagueClient) async {
        guard client === failed else { return }
        client = nil
        await failed.close()
    }
}
