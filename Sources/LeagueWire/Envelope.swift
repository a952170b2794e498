// Conveniences on the generated envelope types that the proto cannot express.

extension StatusCode: CustomStringConvertible {
    /// The gRPC name, e.g. "NOT_FOUND".
    public var description: String { self.protoName }
}

extension Status {
    public static let ok = Status(code: .ok)
}

extension Response {
    /// An error answer (no result).
    public static func error(id: UInt64, _ code: StatusCode, _ message: String, dataVersion: String = "") -> Response {
        Response(id: id, status: Status(code: code, message: message), dataVersion: dataVersion)
    }
}
