import LeagueWire
import NIOCore

/// gRPC server reflection, `grpc.reflection.v1` and its older name `grpc.reflection.v1alpha`
/// (the same messages; grpcio-reflection's client speaks only v1alpha): lists the services
/// and serves the file descriptors protoc built from proto/, so grpcurl `list` and
/// `describe` need no .proto at hand. Messages are protobuf-c's (generated from v1).
enum GRPCReflection {
    static func routes() -> [String: GRPCHandlerKind] {
        let handler = GRPCHandlerKind.bidiEcho { message in answer(message, index: .shared) }
        return [
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo": handler,
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": handler,
        ]
    }

    /// One reflection request's response; a question it cannot answer gets an
    /// `error_response` in the stream (as the reflection protocol specifies), not a status.
    static func answer(_ message: ByteBuffer, index: DescriptorIndex) -> GRPCAnswer {
        let request: ServerReflectionRequest
        do {
            request = try ServerReflectionRequest(serializedBytes: message.readableBytesView)
        } catch {
            return .error(.internal, "cannot decode the reflection request: \(error.status.message)")
        }
        var response = ServerReflectionResponse()
        response.validHost = request.host
        response.originalRequest = request
        response.messageResponse = respond(to: request.messageRequest, index: index)
        return .ok(ByteBuffer(bytes: response.serializedBytes()))
    }

    private static func respond(to request: MessageRequest, index: DescriptorIndex) -> MessageResponse {
        switch request {
        case .fileByFilename(let name):
            guard index.files[name] != nil else { return notFound("no file \(name)") }
            return .fileDescriptorResponse(FileDescriptorResponse(fileDescriptorProto: index.withDependencies(name)))
        case .fileContainingSymbol(let symbol):
            guard let file = index.symbols[symbol] else { return notFound("no symbol \(symbol)") }
            return .fileDescriptorResponse(FileDescriptorResponse(fileDescriptorProto: index.withDependencies(file)))
        case .fileContainingExtension(let request):
            return notFound("no extension \(request.extensionNumber) of \(request.containingType)")
        case .allExtensionNumbersOfType(let type):
            // No proto here declares extensions: a known message has none.
            guard index.messages.contains(type) else { return notFound("no message type \(type)") }
            return .allExtensionNumbersResponse(ExtensionNumberResponse(baseTypeName: type))
        case .listServices:
            return .listServicesResponse(ListServiceResponse(service: index.services.map { ServiceResponse(name: $0) }))
        case .unset:
            return .errorResponse(
                ErrorResponse(
                    errorCode: Int32(StatusCode.invalidArgument.rawValue), errorMessage: "no reflection request set"))
        }
    }

    private static func notFound(_ message: String) -> MessageResponse {
        .errorResponse(ErrorResponse(errorCode: Int32(StatusCode.notFound.rawValue), errorMessage: message))
    }
}
