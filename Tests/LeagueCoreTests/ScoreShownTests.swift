import Testing

@testable import LeagueCore

/// `Scored.shown` rounds a score to three decimals without libm: it must be exactly
/// `(score * 1000).rounded()`, the rounding the ranking compared before.
@Suite("Score as shown")
struct ScoreShownTests {
    @Test("shown is (score * 1000).rounded() for scores in 0...1, halves and their neighbours included")
    func shownIsRounded() {
        var scores: [Float] = (0...100_000).map { Float($0) / 100_000 }
        for k in 0...1000 {
            let half = (Float(k) + 0.5) / 1000
            scores += [half, half.nextUp, half.nextDown, Float(k) / 1000]
        }
        scores += [1.04, 0, -0.0, 1e-9, .leastNonzeroMagnitude]
        for score in scores {
            #expect(NameIndex.Scored.shown(score) == (score * 1000).rounded(), "\(score)")
        }
    }

    @Test("outside 0...1 it is still rounded() (negative, huge and NaN scores take libm's way)")
    func shownOutsideTheRange() {
        for score: Float in [-0.0015, -2.5, 9_000, 1e30, .infinity] {
            #expect(NameIndex.Scored.shown(score) == (score * 1000).rounded(), "\(score)")
        }
        #expect(NameIndex.Scored.shown(.nan).isNaN)
    }
}
