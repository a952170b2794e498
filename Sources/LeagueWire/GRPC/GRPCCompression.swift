import CZlib
import NIOCore

/// A gRPC message encoding (`grpc-encoding`) that requests may be compressed with: gzip or
/// deflate, the two every stock gRPC stack offers. A client that enables compression (grpcio's
/// `compression=grpc.Compression.Gzip`, grpc-go's `UseCompressor(gzip.Name)`, grpc-java's
/// `withCompression("gzip")`) sends its messages this way with the compressed flag set, and
/// expects the server to read them.
///
/// Only requests are inflated: answers are sent uncompressed ("identity"), which every client
/// accepts whatever it offered, and which costs no CPU on the hot path (League answers are a
/// few hundred bytes).
public enum GRPCCompression: String, Sendable, CaseIterable {
    case gzip
    /// zlib's format (RFC 1950), which is what gRPC, like HTTP, calls "deflate".
    case deflate

    /// The `grpc-accept-encoding` value: what this server reads.
    public static let acceptEncoding = "identity,deflate,gzip"

    /// The encoding named by a `grpc-encoding` header; nil for one not supported.
    /// "identity" (no compression) is not one of these: the caller checks it first.
    public init?(encoding: String) {
        self.init(rawValue: encoding)
    }

    /// zlib's window bits: 15 (the largest window) plus 32, which reads a zlib or a gzip
    /// header, whichever comes. Either encoding is read whichever header its client wrote:
    /// the header itself tells them apart, so there is nothing to gain by refusing one.
    private static let inflateWindowBits: Int32 = MAX_WBITS + 32

    /// Inflates one message.
    ///
    /// - Parameter maxBytes: the largest inflated message accepted. Inflating stops as soon as
    ///   it is passed, so a small message that would inflate to gigabytes (a decompression
    ///   bomb) costs a buffer of about `maxBytes` (at most twice that, as `ByteBuffer` grows).
    /// - Throws: `GRPCDecompressionError`: `.tooLarge` past `maxBytes`; `.corrupt` for data
    ///   that is not a whole compressed stream (bad header or checksum, cut short, or followed
    ///   by more bytes).
    public func decompress(_ message: ByteBuffer, maxBytes: Int) throws(GRPCDecompressionError) -> ByteBuffer {
        // zlib keeps the stream's address (it checks it on every call), so the stream lives at
        // one allocated address, not in a Swift variable that `&` may pass by a temporary copy.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard nhs_league_inflate_init(stream, Self.inflateWindowBits) == Z_OK else {
            throw GRPCDecompressionError(kind: .corrupt, message: "zlib could not start inflating")
        }
        defer { inflateEnd(stream) }
        var output = ByteBuffer()
        // A first guess at the inflated size; the buffer grows (doubling) while it fills.
        output.reserveCapacity(min(maxBytes + 1, max(256, 4 * message.readableBytes)))
        let result: Result<ByteBuffer, GRPCDecompressionError> = message.withUnsafeReadableBytes { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            let tooLarge = GRPCDecompressionError(
                kind: .tooLarge, message: "inflates to more than the limit of \(maxBytes) bytes")
            while true {
                // Room for one byte past the limit, so that inflating a message of exactly
                // `maxBytes` reaches its end instead of stopping for want of room.
                let room = maxBytes + 1 - output.readableBytes
                guard room > 0 else { return .failure(tooLarge) }
                let chunk = min(room, max(output.writableBytes, output.capacity))
                var code = Z_OK
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: chunk) { out in
                    stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = UInt32(chunk)
                    code = inflate(stream, Z_NO_FLUSH)
                    return chunk - Int(stream.pointee.avail_out)
                }
                switch code {
                case Z_STREAM_END:
                    guard output.readableBytes <= maxBytes else { return .failure(tooLarge) }
                    guard stream.pointee.avail_in == 0 else {
                        return .failure(
                            GRPCDecompressionError(
                                kind: .corrupt, message: "bytes follow the end of the compressed data"))
                    }
                    return .success(output)
                case Z_OK, Z_BUF_ERROR:
                    // Progress, or none for want of room: go on while output room ran out.
                    // With room left and every byte read, the data was cut short.
                    if stream.pointee.avail_out > 0 && stream.pointee.avail_in == 0 {
                        return .failure(
                            GRPCDecompressionError(kind: .corrupt, message: "the compressed data ends early"))
                    }
                case Z_MEM_ERROR:
                    return .failure(GRPCDecompressionError(kind: .corrupt, message: "zlib ran out of memory"))
                default:  // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
                    let why = stream.pointee.msg.map { String(cString: $0) } ?? "not compressed data"
                    return .failure(GRPCDecompressionError(kind: .corrupt, message: why))
                }
            }
        }
        return try result.get()
    }

    /// Compresses one message in this encoding (gzip's or zlib's header, as the encoding
    /// names): what a client sends. The server itself answers uncompressed.
    public func compress(_ message: ByteBuffer) -> ByteBuffer {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)  // a fixed address, as above
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let windowBits = self == .gzip ? MAX_WBITS + 16 : MAX_WBITS
        // Only invalid arguments or no memory can fail here, neither of which a caller can mend.
        let started = nhs_league_deflate_init(stream, Z_DEFAULT_COMPRESSION, windowBits)
        precondition(started == Z_OK)
        defer { deflateEnd(stream) }
        var output = ByteBuffer()
        message.withUnsafeReadableBytes { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            let bound = Int(deflateBound(stream, uLong(input.count)))
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { out in
                stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(bound)
                // deflateBound leaves room for the whole stream, so one call finishes it.
                let finished = CZlib.deflate(stream, Z_FINISH)
                precondition(finished == Z_STREAM_END)
                return bound - Int(stream.pointee.avail_out)
            }
        }
        return output
    }
}

/// A compressed gRPC message that could not be read.
public struct GRPCDecompressionError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// It inflates past the request size limit: RESOURCE_EXHAUSTED.
        case tooLarge
        /// Not a whole compressed stream of its encoding: INTERNAL.
        case corrupt
    }

    public let kind: Kind
    /// Why, for the gRPC status message.
    public let message: String
}
