import LeagueWire
import NIOCore
import Testing

@Suite("gRPC message compression (grpc-encoding gzip, deflate)")
struct GRPCCompressionTests {
    /// A real request message: a FindTrusts for a long hospital name.
    static let request = ByteBuffer(
        bytes: FindTrustsRequest(query: "Leeds General Infirmary, Leeds Teaching Hospitals NHS Trust").serializedBytes()
    )

    @Test("a compressed message inflates to the bytes compressed", arguments: GRPCCompression.allCases)
    func roundTrip(compression: GRPCCompression) throws {
        let compressed = compression.compress(Self.request)
        #expect(compressed != Self.request)
        #expect(try compression.decompress(compressed, maxBytes: 64 << 10) == Self.request)
    }

    @Test("each encoding's header is written as its name says, and either is read", arguments: GRPCCompression.allCases)
    func headers(compression: GRPCCompression) throws {
        let compressed = compression.compress(Self.request)
        // gzip's magic number 1f 8b; zlib's header names deflate (8) with a 32 k window (0x78).
        let first = compressed.getInteger(at: compressed.readerIndex, as: UInt8.self)
        #expect(first == (compression == .gzip ? 0x1f : 0x78))
        for other in GRPCCompression.allCases {
            #expect(try other.decompress(compressed, maxBytes: 1 << 10) == Self.request)
        }
    }

    @Test("the limit: a message of exactly maxBytes inflates, one byte more is tooLarge")
    func limit() throws {
        let message = ByteBuffer(repeating: 7, count: 10_000)
        let compressed = GRPCCompression.gzip.compress(message)
        #expect(try GRPCCompression.gzip.decompress(compressed, maxBytes: 10_000) == message)
        #expect(Self.kind(of: compressed, .gzip, maxBytes: 9_999) == .tooLarge)
    }

    @Test("a decompression bomb stops at the limit")
    func bomb() throws {
        // 64 MiB of zeros compress to about 65 kB: inflating must stop at 64 KiB, not allocate 64 MiB.
        let compressed = GRPCCompression.deflate.compress(ByteBuffer(repeating: 0, count: 64 << 20))
        #expect(compressed.readableBytes < 100_000)
        #expect(Self.kind(of: compressed, .deflate, maxBytes: 64 << 10) == .tooLarge)
    }

    static func corrupt() -> [(String, ByteBuffer)] {
        let gzip = GRPCCompression.gzip.compress(FindTrustsRequest.sample)
        var trailing = gzip
        trailing.writeInteger(UInt8(0))
        var badChecksum = gzip
        let last = badChecksum.writerIndex - 5  // inside the CRC-32 that ends gzip's trailer
        badChecksum.setInteger(badChecksum.getInteger(at: last, as: UInt8.self)! ^ 0xff, at: last)
        return [
            ("not compressed", FindTrustsRequest.sample),
            ("empty", ByteBuffer()),
            ("cut short", gzip.getSlice(at: gzip.readerIndex, length: gzip.readableBytes - 3)!),
            ("header only", gzip.getSlice(at: gzip.readerIndex, length: 10)!),
            ("bytes after the end", trailing),
            ("checksum wrong", badChecksum),
        ]
    }

    @Test("what is not one whole compressed stream is corrupt", arguments: corrupt())
    func corruptStreams(name: String, bytes: ByteBuffer) {
        #expect(Self.kind(of: bytes, .gzip, maxBytes: 64 << 10) == .corrupt, "\(name)")
    }

    static func kind(of bytes: ByteBuffer, _ compression: GRPCCompression, maxBytes: Int) -> GRPCDecompressionError
        .Kind?
    {
        do {
            _ = try compression.decompress(bytes, maxBytes: maxBytes)
            return nil
        } catch {
            return error.kind
        }
    }
}

extension FindTrustsRequest {
    static var sample: ByteBuffer { ByteBuffer(bytes: FindTrustsRequest(query: "the royal london").serializedBytes()) }
}
