import LeagueWire
import NIOCore
import ProtobufCRuntime

/// The file descriptors server reflection serves (`ProtoDescriptors`, built by protoc from
/// every .proto under proto/), indexed by file name and by the fully qualified symbols each
/// declares. Read at the wire level with `ProtobufFieldReader`: no protobuf runtime for
/// descriptor.proto is needed to find names, packages, dependencies and services.
struct DescriptorIndex: Sendable {
    /// Each file's FileDescriptorProto encoding, by file name.
    private(set) var files: [String: [UInt8]] = [:]
    /// Each file's dependencies, by file name.
    private(set) var dependencies: [String: [String]] = [:]
    /// Fully qualified messages, enums, services and methods -> the file declaring them.
    private(set) var symbols: [String: String] = [:]
    /// Fully qualified messages (for extension queries: nothing here declares extensions).
    private(set) var messages: Set<String> = []
    /// Every service, fully qualified, in file order.
    private(set) var services: [String] = []

    static let shared = DescriptorIndex(fileDescriptorSet: ByteBuffer(bytes: ProtoDescriptors.fileDescriptorSet))

    init(fileDescriptorSet: ByteBuffer) {
        // FileDescriptorSet.file = 1
        for file in ProtobufFieldReader.lengthDelimited(1, in: fileDescriptorSet) {
            let name = Self.string(1, in: file) ?? ""
            let package = Self.string(2, in: file) ?? ""
            files[name] = Array(file.readableBytesView)
            dependencies[name] = ProtobufFieldReader.lengthDelimited(3, in: file).map { String(buffer: $0) }
            let prefix = package.isEmpty ? "" : package + "."
            for message in ProtobufFieldReader.lengthDelimited(4, in: file) {
                addMessage(message, prefix: prefix, file: name)
            }
            for enumType in ProtobufFieldReader.lengthDelimited(5, in: file) {
                symbols[prefix + (Self.string(1, in: enumType) ?? "")] = name
            }
            for service in ProtobufFieldReader.lengthDelimited(6, in: file) {
                let full = prefix + (Self.string(1, in: service) ?? "")
                services.append(full)
                symbols[full] = name
                for method in ProtobufFieldReader.lengthDelimited(2, in: service) {
                    symbols[full + "." + (Self.string(1, in: method) ?? "")] = name
                }
            }
        }
    }

    /// `file` and everything it imports, transitively, the file itself first: what a
    /// reflection client needs to build its descriptors.
    func withDependencies(_ file: String) -> [[UInt8]] {
        var seen: Set<String> = []
        var out: [[UInt8]] = []
        func visit(_ name: String) {
            guard seen.insert(name).inserted, let bytes = files[name] else { return }
            out.append(bytes)
            dependencies[name, default: []].forEach(visit)
        }
        visit(file)
        return out
    }

    /// DescriptorProto: name = 1, nested_type = 3, enum_type = 4.
    private mutating func addMessage(_ message: ByteBuffer, prefix: String, file: String) {
        let full = prefix + (Self.string(1, in: message) ?? "")
        symbols[full] = file
        messages.insert(full)
        for nested in ProtobufFieldReader.lengthDelimited(3, in: message) {
            addMessage(nested, prefix: full + ".", file: file)
        }
        for enumType in ProtobufFieldReader.lengthDelimited(4, in: message) {
            symbols[full + "." + (Self.string(1, in: enumType) ?? "")] = file
        }
    }

    private static func string(_ number: UInt32, in message: ByteBuffer) -> String? {
        ProtobufFieldReader.lengthDelimited(number, in: message).last.map { String(buffer: $0) }
    }
}
