// nhs-league-conformance: the Swift side of clients/conformance. Sends every case of a
// case file through the Swift client (LeagueClient + LeagueWire) and prints, per case,
// `NAME<TAB>HEX` where HEX is the decoded Response re-encoded by LeagueWire; the
// conformance script canonicalises that to JSON and compares it with the C and Python
// runners. A field lost or altered anywhere in the Swift decode path shows up there.
//   nhs-league-conformance CASES_FILE HOST:PORT
import Foundation
import LeagueClient
import LeagueWire

let arguments = CommandLine.arguments
guard arguments.count == 3, let colon = arguments[2].lastIndex(of: ":"),
    let port = Int(arguments[2][arguments[2].index(after: colon)...])
else {
    FileHandle.standardError.write(Data("usage: nhs-league-conformance CASES_FILE HOST:PORT\n".utf8))
    exit(1)
}
let host = String(arguments[2][..<colon])
do {
    let cases = try CaseFile.parse(try String(contentsOfFile: arguments[1], encoding: .utf8), path: arguments[1])
    let client = try await LeagueClient.connect(host: host, port: port, callTimeout: .seconds(30))
    var output = ""
    for (index, testCase) in cases.enumerated() {
        let response: Response?
        if testCase.call == "raw" {
            guard let bytes = hexBytes(testCase.rawHex) else { throw RunnerError("\(testCase.location): bad hex") }
            response = try await RawExchange.exchange(bytes, host: host, port: port)
        } else {
            let call = try RequestBuilder.call(for: testCase)
            response = try await client.send(Request(id: UInt64(index + 1), call: call))
        }
        let text =
            response.map { ProtobufCodec.encode($0).map { String(format: "%02x", $0) }.joined() } ?? "NO_RESPONSE"
        output += "\(testCase.name)\t\(text)\n"
    }
    await client.close()
    FileHandle.standardOutput.write(Data(output.utf8))
} catch {
    FileHandle.standardError.write(Data("nhs-league-conformance: \(error)\n".utf8))
    exit(1)
}

func hexBytes(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count.isMultiple(of: 2) else { return nil }
    return stride(from: 0, to: digits.count, by: 2).map { i -> UInt8? in
        UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16)
    }.reduce(into: [UInt8]?([])) { result, byte in
        guard let byte, result != nil else { result = nil; return }
        result!.append(byte)
    }
}
