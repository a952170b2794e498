import Foundation
import Logging
import Synchronization
import Testing

@testable import nhs_league_server

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    @Test("each line is one JSON object carrying level, label, message and metadata, even with newlines inside")
    func linesParse() throws {
        let lines = Mutex<[String]>([])
        var handler = JSONLogHandler(label: "nhs-league.test") { line in lines.withLock { $0.append(line) } }
        handler.logLevel = .debug
        handler[metadataKey: "peer"] = "127.0.0.1:5000"
        var logger = Logger(label: "nhs-league.test", factory: { _ in handler })
        logger.logLevel = .debug
        logger.debug("connection opened")
        logger.warning("two\nlines \"quoted\"", metadata: ["request_id": "42", "nested": ["a": "1"], "list": ["x"]])
        logger.trace("below the level")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        for line in written {
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["label"] as? String == "nhs-league.test")
            #expect(object["peer"] as? String == "127.0.0.1:5000")
            #expect((object["time"] as? String)?.hasSuffix("Z") == true)
        }
        let warning = try #require(
            try JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        #expect(warning["level"] as? String == "warning")
        #expect(warning["message"] as? String == "two\nlines \"quoted\"")
        #expect(warning["request_id"] as? String == "42")
        #expect((warning["nested"] as? [String: String])?["a"] == "1")
        #expect(warning["list"] as? [String] == ["x"])
    }
}
