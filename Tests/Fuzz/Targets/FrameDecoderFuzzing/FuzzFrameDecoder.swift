import LeagueWire
import NIOCore

/// libFuzzer entry point over the frame decoder (`Sources/LeagueWire/Framing`).
///
/// The input is a byte stream as a peer might send it. The first byte picks how the
/// stream is cut into reads (all at once, or 1 to 4,096 bytes each), so frames straddling
/// reads, and headers cut after any byte, are exercised too. Invariants checked: every frame the decoder yields was announced
/// by a header equal to its length and within the limit; bytes are never invented or
/// lost (yielded frames plus headers plus leftovers add up to the input).
/// Read sizes by the control byte's low nibble (`nil`: the whole stream in one read).
private let readSizes: [Int?] = [nil, 1, 2, 3, 4, 5, 6, 7, 8, 13, 16, 31, 64, 255, 1000, 4096]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let chunk = readSizes[Int(bytes[0] & 0x0F)] ?? size
    let stream = bytes.dropFirst()
    // A small limit so "too large" is reachable by a short input as well as the default.
    let limit = bytes[0] & 0x10 != 0 ? 64 : Framing.defaultServerMaxMessageLength
    var decoder = FrameDecoder(maxMessageLength: limit)
    var cumulation = ByteBufferAllocator().buffer(capacity: 0)
    var consumed = 0
    var failed = false
    var offset = stream.startIndex
    while offset < stream.endIndex, !failed {
        let end = min(offset + chunk, stream.endIndex)
        cumulation.writeBytes(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        do {
            while let frame = try decoder.decode(buffer: &cumulation) {
                precondition(frame.readableBytes <= limit, "frame above the limit")
                consumed += Framing.headerLength + frame.readableBytes
            }
        } catch {
            failed = true
        }
    }
    if !failed {
        do {
            while let frame = try decoder.decodeLast(buffer: &cumulation, seenEOF: true) {
                precondition(frame.readableBytes <= limit, "frame above the limit")
                consumed += Framing.headerLength + frame.readableBytes
            }
            precondition(cumulation.readableBytes == 0, "leftover bytes at EOF without an error")
        } catch {
            failed = true
        }
    }
    precondition(consumed + cumulation.readableBytes + (stream.endIndex - offset) == stream.count, "bytes lost")
    return 0
}
