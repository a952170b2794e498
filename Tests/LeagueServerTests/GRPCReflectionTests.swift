import LeagueWire
import NIOCore
import Testing

@testable import LeagueServer

/// Server reflection's index of the committed descriptor set (protoc, from every proto).
@Suite("gRPC reflection descriptor index")
struct GRPCReflectionTests {
    let index = DescriptorIndex.shared

    @Test("every served service is listed and found")
    func services() {
        let served = Set(GRPCMethod.leagueMethods.map(\.service)).union([
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
        ])
        #expect(Set(index.services) == served)
        for method in GRPCMethod.leagueMethods {
            #expect(index.symbols["\(method.service).\(method.name)"] == "nhs/league/v1/league.proto")
        }
    }

    @Test("a symbol's answer is its file first, with its imports")
    func fileContainingSymbol() throws {
        let answer = GRPCReflection.answer(
            ByteBuffer(
                bytes: ServerReflectionRequest(messageRequest: .fileContainingSymbol("nhs.league.v1.TrustDetail"))
                    .serializedBytes()),
            index: index)
        let body = try #require(answer.message)
        let response = try ServerReflectionResponse(serializedBytes: body.readableBytesView)
        guard case .fileDescriptorResponse(let files) = response.messageResponse else {
            Issue.record("no file descriptor response: \(response.messageResponse.name)")
            return
        }
        #expect(files.fileDescriptorProto.first == index.files["nhs/league/v1/league.proto"])
    }

    @Test("an unknown symbol is an error response, not a failed stream")
    func unknownSymbol() throws {
        let answer = GRPCReflection.answer(
            ByteBuffer(
                bytes: ServerReflectionRequest(messageRequest: .fileContainingSymbol("no.Such")).serializedBytes()),
            index: index)
        let response = try ServerReflectionResponse(serializedBytes: try #require(answer.message).readableBytesView)
        guard case .errorResponse(let error) = response.messageResponse else {
            Issue.record("expected an error response")
            return
        }
        #expect(error.errorCode == Int32(StatusCode.notFound.rawValue))
    }
}
