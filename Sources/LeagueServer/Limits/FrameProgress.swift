import NIOCore

/// Follows the frame boundaries of the inbound byte stream without buffering it (the
/// frame decoder does that), so `FrameDeadlineHandler` knows when a frame has begun and
/// not yet ended. A frame is a 5-byte header (flags, then a big-endian 32-bit length) and
/// that many body bytes.
struct FrameProgress {
    /// Header bytes of the current frame seen so far (0 between frames).
    private var headerSeen = 0
    /// The length being read from the header.
    private var length = 0
    /// Body bytes of the current frame still to come.
    private var bodyRemaining = 0

    /// True while a frame has begun to arrive and is not yet complete.
    var isMidFrame: Bool { headerSeen > 0 || bodyRemaining > 0 }

    /// Takes in the next bytes of the stream; returns true when at least one frame ended in them.
    mutating func consume(_ bytes: ByteBuffer) -> Bool {
        var completed = false
        var index = bytes.readerIndex
        let end = bytes.writerIndex
        while index < end {
            if bodyRemaining > 0 {
                let taken = min(bodyRemaining, end - index)
                bodyRemaining -= taken
                index += taken
                if bodyRemaining == 0 { completed = true }
                continue
            }
            let byte = bytes.getInteger(at: index, as: UInt8.self) ?? 0
            index += 1
            if headerSeen == 0 { length = 0 } else { length = length << 8 | Int(byte) }
            headerSeen += 1
            if headerSeen == 5 {
                headerSeen = 0
                bodyRemaining = length
                if length == 0 { completed = true }
            }
        }
        return completed
    }
}
