import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `nhs-league-server` executable running as a child process, as an operator
/// runs it: tests read its stdout for the bound addresses and its stderr for its logs.
final class ServerProcess: Sendable {
    static let binary = builtExecutable("nhs-league-server")

    /// Lets `Process` (not Sendable in corelibs Foundation) live in a Sendable box: after
    /// `run()` it is only asked `isRunning`, `processIdentifier`, `terminationStatus` and
    /// `waitUntilExit()`, which read state Foundation guards itself.
    private struct Box: @unchecked Sendable { let process: Process }
    private let box: Box
    /// Everything the process wrote so far (a class, so the pipe handlers can share it).
    private final class Output: Sendable {
        let text = Mutex<(stdout: String, stderr: String)>(("", ""))
    }
    private let output = Output()

    /// Starts the server; `environment` is added to a copy of this process's, with every
    /// inherited `NHS_LEAGUE_` variable removed so only the test's settings apply.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NHS_LEAGUE_") }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        box = Box(process: process)
        let output = self.output
        out.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stdout += text }
        }
        err.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stderr += text }
        }
        try process.run()
    }

    var pid: pid_t { box.process.processIdentifier }

    var stdout: String { output.text.withLock { $0.stdout } }
    var stderr: String { output.text.withLock { $0.stderr } }

    /// Waits for a stdout line starting with `prefix` and returns the port at its end.
    /// The bound is generous on purpose: the suites run in parallel, each loading the
    /// dataset, and a debug-build child process on a loaded 2-core machine has been seen
    /// to need over a minute to reach `bind`, and over five while other builds shared the
    /// machine. It is a wait, not a speed assertion: it returns as soon as the line comes.
    func port(after prefix: String, timeout: Duration = .seconds(600)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
            guard box.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ProcessFailure(description: "no \"\(prefix)\" line; stderr: \(stderr.suffix(2000))")
    }

    /// Sends `signal` and waits for the process to exit; returns its status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        if box.process.isRunning { kill(box.process.processIdentifier, signal) }
        box.process.waitUntilExit()
        return box.process.terminationStatus
    }

    /// Waits for the process to exit by itself (for runs that must fail at start).
    func waitForExit() -> Int32 {
        box.process.waitUntilExit()
        return box.process.terminationStatus
    }

    deinit {
        if box.process.isRunning { kill(box.process.processIdentifier, SIGKILL) }
    }

    struct ProcessFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// The executable `name`, built next to the test bundle (`swift build --build-tests`);
/// on Linux the test runner is `<bin>/nhs-leaguePackageTests.xctest`.
func builtExecutable(_ name: String) -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), directory.path != "/" {
        directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent(name)
}

/// GET `http://127.0.0.1:port/path`; returns the status and body.
func httpGet(port: Int, path: String) async throws -> (status: Int, body: String) {
    let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
    let (data, response) = try await URLSession.shared.data(from: url)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
