import Testing

@testable import LeagueServer

/// Inbound HTTP/2 credit for gRPC connections and streams (`GRPCConnectionHandler` sends the
/// WINDOW_UPDATEs itself, as there is no stream multiplexer to do it).
@Suite("gRPC inbound window")
struct InboundWindowTests {
    let window = InboundWindow(target: 65_535)

    @Test("no update while more than half the window is left")
    func moreThanHalfLeft() {
        #expect(window.increment(forSize: 65_535) == nil)
        #expect(window.increment(forSize: 40_000) == nil)
        #expect(window.increment(forSize: 32_768) == nil)
    }

    @Test("at half or less, topped up to the target")
    func halfOrLess() {
        #expect(window.increment(forSize: 32_767) == 32_768)
        #expect(window.increment(forSize: 10) == 65_525)
        #expect(window.increment(forSize: 0) == 65_535)
    }

    @Test("a window below zero is topped up to the target, within HTTP/2's limit")
    func belowZero() {
        #expect(window.increment(forSize: -100) == 65_635)
        #expect(InboundWindow(target: Int(Int32.max)).increment(forSize: -5) == Int(Int32.max))
    }
}
