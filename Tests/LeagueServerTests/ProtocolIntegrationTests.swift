import Foundation
import LeagueClient
import LeagueWire
import Testing

/// The protocol over real sockets on 127.0.0.1, answered from the real dataset.
@Suite("Protocol over TCP")
struct ProtocolIntegrationTests {
    @Test("get_trust answers with the real latest ranking (Moorfields: 4th of 134 in Q1 2026/27)")
    func getTrustMoorfields() async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let detail = try await client.getTrust("rp6")
            #expect(detail.trust.odsCode == "RP6")
            #expect(detail.trust.name.uppercased() == "MOORFIELDS EYE HOSPITAL NHS FOUNDATION TRUST")
            #expect(detail.trust.table == .acute)
            let latest = try #require(detail.trust.latest)
            #expect(latest.quarter == "Q1 2026/27")
            #expect(latest.leaguePosition == 4)
            #expect(latest.tableSize == 134)
            #expect(latest.segment != nil)
            #expect(!latest.source.isEmpty)
            await client.close()
        }
    }

    @Test("many requests pipelined on one connection are all answered, matched by id")
    func pipelinedThroughClient() async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let codes = ["RP6", "RAJ", "R0A", "RCX", "RYE", "RW1", "RRK", "RXN"]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<400 {
                    let code = codes[index % codes.count]
                    group.addTask {
                        let detail = try await client.getTrust(code)
                        #expect(detail.trust.odsCode == code)
                    }
                }
                try await group.waitForAll()
            }
            await client.close()
        }
    }

    @Test("raw pipelining: 100 frames in one write get 100 answers with the same ids")
    func pipelinedRawFrames() async throws {
        try await withTestServer { port, _ in
            let connection = try await RawConnection.connect(port: port)
            var bytes: [UInt8] = []
            for id in 1...100 {
                let call: Call = id.isMultiple(of: 2) ? .getTrust(GetTrustRequest(odsCode: "RP6")) : .serverInfo
                bytes += RawConnection.frame(ProtobufCodec.encode(Request(id: UInt64(id), call: call)))
            }
            try await connection.send(raw: bytes)
            let answers = await connection.receive(100)
            #expect(Set(answers.map(\.id)) == Set((1...100).map(UInt64.init)))
            #expect(answers.allSatisfy { $0.status.code == .ok && !$0.dataVersion.isEmpty })
            for answer in answers where answer.id.isMultiple(of: 2) {
                guard case .getTrust(let detail) = answer.result else {
                    Issue.record("id \(answer.id) got \(answer.result)")
                    continue
                }
                #expect(detail.trust.odsCode == "RP6")
            }
            await connection.close()
        }
    }

    @Test("an oversized frame is refused from its header, before the body is sent")
    func oversizedFrameRefused() async throws {
        try await withTestServer { port, _ in
            let connection = try await RawConnection.connect(port: port)
            // Announce 1 MiB but send only the 5-byte header: the answer must not wait for the body.
            try await connection.send(raw: [0, 0x00, 0x10, 0x00, 0x00])
            let answers = await connection.receive(1)
            #expect(answers.first?.id == 0)
            #expect(answers.first?.status.code == .resourceExhausted)
            try await connection.waitUntilClosed()
        }
    }

    @Test(
        "bad flags are refused and the connection closed",
        arguments: [
            (UInt8(0x01), StatusCode.unimplemented), (UInt8(0x02), .invalidArgument), (UInt8(0x80), .invalidArgument),
        ])
    func badFlags(flags: UInt8, expected: StatusCode) async throws {
        try await withTestServer { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let body = ProtobufCodec.encode(Request(id: 7, call: .serverInfo))
            try await connection.send(raw: RawConnection.frame(body, flags: flags))
            let answers = await connection.receive(1)
            #expect(answers.first?.id == 0)
            #expect(answers.first?.status.code == expected)
            try await connection.waitUntilClosed()
        }
    }

    @Test("a garbage body gets an id-0 INVALID_ARGUMENT and the connection keeps working")
    func garbageBodyKeepsConnection() async throws {
        try await withTestServer { port, _ in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send(raw: RawConnection.frame([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x07]))
            try await connection.send(Request(id: 42, call: .getTrust(GetTrustRequest(odsCode: "RAJ"))))
            let answers = await connection.receive(2)
            #expect(answers.count == 2)
            #expect(answers[0].id == 0 && answers[0].status.code == .invalidArgument)
            #expect(answers[1].id == 42 && answers[1].status.code == .ok)
            await connection.close()
        }
    }

    @Test("malformed input on one connection does not disturb another")
    func isolationBetweenConnections() async throws {
        try await withTestServer { port, _ in
            let good = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let bad = try await RawConnection.connect(port: port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<50 {
                        try await bad.send(raw: RawConnection.frame([0x08, 0xFF]))  // truncated varint
                    }
                    try await bad.send(raw: [0x01, 0, 0, 0, 1, 0])  // compressed: closes
                }
                group.addTask {
                    for _ in 0..<200 {
                        let detail = try await good.getTrust("RP6")
                        #expect(detail.trust.latest?.leaguePosition == 4)
                    }
                }
                try await group.waitForAll()
            }
            try await bad.waitUntilClosed()
            let info = try await good.serverInfo()
            #expect(!info.coverage.isEmpty)
            await good.close()
        }
    }
}
