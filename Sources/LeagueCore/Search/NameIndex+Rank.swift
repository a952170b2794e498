extension NameIndex {
    /// The numbers ranking is made of, each with the reason for its value. The evaluation sets
    /// (`SearchEvaluationTests`, `SiteEvaluationTests`) were tuned against them: change one and
    /// run both.
    enum Scoring {
        // How well a query word matches a vocabulary word (`Candidate.quality`).
        /// A prefix reading ("wythen" → "wythenshawe") is worth 0.6 plus up to 0.3 by how much of
        /// the word was typed: a longer typed part is less likely to be another word's beginning,
        /// yet even a nearly whole word stays below an exact match (1).
        static let prefixBaseQuality: Float = 0.6
        static let prefixLengthQuality: Float = 0.3
        /// A prefix reading of a word that is not the last one is discounted by a tenth: a word
        /// the user has moved past is finished, so it is more likely a different word.
        static let innerPrefixFactor: Float = 0.9
        /// Typos: one edit keeps 0.8 (the same as a type-ahead prefix, `typeAheadPrefixFloor`),
        /// two edits 0.65, so a correctly spelled rival word always wins.
        static let oneTypoQuality: Float = 0.8
        static let twoTyposQuality: Float = 0.65
        /// Typos in the word being typed, against word beginnings: weaker again (0.6, 0.5),
        /// because both the typo and the unfinished word are guesses.
        static let oneTypoPrefixQuality: Float = 0.6
        static let twoTyposPrefixQuality: Float = 0.5

        /// Share of the query's weight an entry must explain to be listed at all. One distinctive
        /// word of a two- or three-word query passes ("wythenshawe" in "wythenshawe hospital
        /// manchester"), so a partly remembered name still finds its trust; a match on one generic
        /// or minor word of a longer query does not, which keeps the list short.
        static let minimumQueryCoverage: Float = 0.3
        /// An alias that also means something else ("MRI") must explain nearly the whole query: on
        /// its own it is meant as the hospital, inside a longer query it is more likely the other
        /// meaning (an MRI scanner).
        static let ambiguousAliasCoverage: Float = 0.9
        /// The score is mostly how much of the query an entry explains, partly how much of the
        /// entry's own distinctive name the query covers. The query must be answered first; of two
        /// names that explain it equally, the one it names more fully wins (a hospital called
        /// exactly what was typed before a longer name that merely contains those words).
        static let queryCoverageShare: Float = 0.8
        static let nameCoverageShare: Float = 0.2
        /// An entry counts as covering its whole name from this share on (float rounding of the
        /// sum of word weights).
        static let fullNameCoverage: Float = 0.999
        /// Bonus by match kind: smaller than the score of one word of a typical query, so it only
        /// orders names that explain the query about equally (an exact name before the same words
        /// found by type-ahead or with a typo).
        static func kindBonus(_ kind: SearchMatchKind) -> Float {
            switch kind {
            case .exact, .alias: 0.04
            case .token: 0.02
            case .prefix: 0.01
            case .fuzzy: 0
            }
        }
        /// Dividing by 1 + the largest bonus keeps a perfect exact match at 1.0, so scores stay in
        /// 0...1 for clients that show them.
        static let kindBonusNormaliser: Float = 1.04
        /// A closed trust's own entries (before its names were mapped to successors, or in an
        /// index built without them): 0.93, enough to put an open trust of the same name first,
        /// not enough to lose a closed trust that is the only answer.
        static let closedTrustFactor: Float = 0.93
        /// An ambiguous alias that passed `ambiguousAliasCoverage`: 0.9, so the hospital's own
        /// name, when it also matches, comes before the abbreviation.
        static let ambiguousAliasFactor: Float = 0.9
        /// A second name of the same trust that also matches (its own name and one of its
        /// hospitals, say) adds 5 % of its score: evidence that the trust is meant, too small to
        /// overturn a clearly better single match.
        static let corroborationWeight: Float = 0.05
    }

    /// One query word: the vocabulary words it may mean, its weight and whether it is generic.
    struct QueryWord {
        var readings: [Candidate]
        var weight: Float
        var isWeak: Bool
    }

    /// What accumulating every query word found, for scoring.
    struct QueryTotals {
        /// The sum of the query words' weights.
        var weight: Float
        /// Words that count as distinctive (all of them when every word is generic).
        var strongWords: Int
        /// Every word of the query is generic ("general hospital").
        var allWeak: Bool
        var wordCount: Int
    }

    /// An entry's score, before it competes with its trust's other entries.
    struct Scored {
        var entry: Int32
        var score: Float {
            didSet { shown = Scored.shown(score) }
        }
        /// `score` to three decimals, times 1000: what the ranking compares (`precedes`), rounded
        /// once per score rather than twice per comparison.
        private(set) var shown: Float
        var kind: SearchMatchKind
        var edits: Int

        init(entry: Int32, score: Float, kind: SearchMatchKind, edits: Int) {
            self.entry = entry
            self.score = score
            self.shown = Scored.shown(score)
            self.kind = kind
            self.edits = edits
        }

        /// `(score * 1000).rounded()` (to nearest, halves away from zero), without the call to
        /// libm's `roundf` that `rounded()` is on the baseline x86-64 target (no SSE4.1): a score
        /// is in 0...1, so its whole part converts to an integer exactly, and subtracting it
        /// leaves the fraction exactly.
        @inline(__always)
        static func shown(_ score: Float) -> Float {
            let x = score * 1000
            guard x >= 0, x < 8_388_608 else { return x.rounded() }  // 2^23: from there every float is whole
            let whole = Float(Int32(x))
            return x - whole >= 0.5 ? whole + 1 : whole
        }
    }

    /// The `limit` best trusts for `tokens`, one match per trust, best first:
    /// 1. each word's readings (exact, prefix, typo) and weight (`queryWords`);
    /// 2. each word's best reading added to every entry holding it (`accumulate`);
    /// 3. each entry scored, the best entry of each trust kept (`bestEntryPerTrust`);
    /// 4. the top `limit` (`topScored`), shown as matches (`match(for:)`).
    func rank(_ tokens: [String], limit: Int) -> [SearchMatch] {
        let words = queryWords(tokens)
        return scratch.withScratch { acc in
            let totals = accumulate(words, into: acc)
            guard totals.weight > 0 else { return [] }
            let best = bestEntryPerTrust(acc, totals)
            // a closure, not `match(for:)` itself: that method value would hold a copy of the
            // index (a retain and a release of each of its arrays, per query)
            return topScored(best, limit: limit).map { match(for: $0) }
        }
    }

    /// Step 1: every word's readings, its weight (its own if known, else that of its best
    /// reading) and whether it is generic (a typo of a generic word, "hospitl", is generic too).
    func queryWords(_ tokens: [String]) -> [QueryWord] {
        var words: [QueryWord] = []
        words.reserveCapacity(tokens.count)
        for (ti, token) in tokens.enumerated() {
            var readings: [Candidate] = []
            candidates(for: token, isLast: ti == tokens.count - 1, into: &readings)
            // the exact reading, when there is one, comes first (the only one with `how` 0)
            let exact = readings.first.flatMap { $0.how == 0 ? $0.term : nil }
            let best = readings.max(by: {
                ($0.quality, termWeight[Int($0.term)]) < ($1.quality, termWeight[Int($1.term)])
            })
            var weak = SearchNormalizer.isWeak(token)
            if exact == nil, let best, termIsWeak[Int(best.term)] { weak = true }
            let weight: Float
            if let exact {
                weight = termWeight[Int(exact)]
            } else if let best {
                weight = termWeight[Int(best.term)]
            } else {
                weight = weak ? unknownWeight * NameIndex.weakWordFactor : unknownWeight
            }
            words.append(QueryWord(readings: readings, weight: weight, isWeak: weak))
        }
        return words
    }

    /// Step 2: adds each word's best reading to every entry holding it. Distinctive words go
    /// first; generic words then only refine entries already found (an entry matching generic
    /// words alone cannot reach the coverage floor, and "hospital" alone would touch most entries).
    func accumulate(_ words: [QueryWord], into acc: Accumulator) -> QueryTotals {
        let allWeak = !words.contains { !$0.isWeak }
        var order = Array(words.indices)
        if !allWeak {
            order = order.filter { !words[$0].isWeak } + order.filter { words[$0].isWeak }
        }
        markNameHolders(of: words, into: acc)
        var totals = QueryTotals(weight: 0, strongWords: 0, allWeak: allWeak, wordCount: words.count)
        var anyStrongMatched = false
        for wi in order {
            let word = words[wi]
            let counts = allWeak || !word.isWeak
            if counts { totals.strongWords += 1 }
            if counts && !word.readings.isEmpty { anyStrongMatched = true }
            totals.weight += word.weight
            collectBestReading(of: word, refineOnly: !counts && anyStrongMatched, into: acc)
            addBestReadings(of: word, counts: counts, allWeak: allWeak, into: acc)
        }
        return totals
    }

    /// Step 2, first: marks in `acc.nameReach` every entry holding a reading of a query word in
    /// its name, when a reading has context postings. An entry no query word may name never gets
    /// a name hit, so it is never an answer (`score`), and what it accumulates concerns no other
    /// entry: `collectBestReading` skips its context postings. "london" is a place word of about
    /// 550 sites, most of them never named by the rest of the query.
    private func markNameHolders(of words: [QueryWord], into acc: Accumulator) {
        let hasContext = words.contains { word in
            word.readings.contains { postings[Int($0.term)].count > namePostingCount[Int($0.term)] }
        }
        guard hasContext else { return }
        acc.nameReachWritten = true
        let reach = acc.nameReach
        for word in words {
            for c in word.readings {
                let bitmap = denseTerms.withBits(of: c.term) { bits in
                    for w in 0..<bits.count { reach[w] |= bits[w] }
                }
                if bitmap { continue }
                postings[Int(c.term)].withUnsafeBufferPointer { list in
                    for p in list[..<Int(namePostingCount[Int(c.term)])] {
                        let e = Int(p >> 2)
                        reach[e >> 6] |= 1 << UInt64(e & 63)
                    }
                }
            }
        }
    }

    /// Step 2a: per entry, the word's best reading (`tokBest`, `tokInfo`) over the entry's
    /// name and context words.
    private func collectBestReading(of word: QueryWord, refineOnly: Bool, into acc: Accumulator) {
        // The buffers in locals: read through `acc` (a class) in the loop, every posting would
        // load them again, the compiler cannot tell the stores below leave them alone.
        let best = acc.tokBest, info = acc.tokInfo, reached = acc.tokTouched, total = acc.total
        let reach = acc.nameReach
        var reachedCount = acc.tokTouchedCount
        defer { acc.tokTouchedCount = reachedCount }
        /// Keeps `contrib` as entry e's best reading of the word if it beats the one kept; the
        /// first reading to reach the entry lists it.
        @inline(__always)
        func offer(_ e: Int, _ contrib: Float, _ recorded: UInt32) {
            guard contrib > best[e] else { return }
            if best[e] == 0 {
                reached[reachedCount] = Int32(e)
                reachedCount += 1
            }
            best[e] = contrib
            info[e] = recorded
        }
        for c in word.readings {
            let base = word.weight * c.quality
            // Per way of holding the word (`Posting`): what it adds, and how it is recorded.
            let contribution = Posting.weights * base
            let reading = UInt32(c.how) | UInt32(c.edits) << 2 | UInt32(c.term) << 8
            let recorded = SIMD4<UInt32>(0, 1, 1, 1) &<< 4 | reading  // context holdings set bit 4
            // Only entries already touched count, and this word is in most names: AND its
            // entries with the touched ones a machine word at a time, not a posting each. Its
            // postings are all name holdings (`DenseTerms`), visited in the same order.
            if refineOnly,
                denseTerms.withBits(
                    of: c.term,
                    { dense in
                        let touchedBits = acc.touchedBits
                        let contrib = contribution[Int(Posting.name)], recorded = recorded[Int(Posting.name)]
                        for w in 0..<dense.count {
                            var bits = dense[w] & touchedBits[w]
                            while bits != 0 {
                                let e = w << 6 | bits.trailingZeroBitCount
                                bits &= bits &- 1
                                offer(e, contrib, recorded)
                            }
                        }
                    })
            {
                continue
            }
            let names = Int(namePostingCount[Int(c.term)])
            postings[Int(c.term)].withUnsafeBufferPointer { list in
                let nameContrib = contribution[Int(Posting.name)], nameRecorded = recorded[Int(Posting.name)]
                for p in list[..<names] {
                    let e = Int(p >> 2)
                    if refineOnly && total[e] == 0 { continue }  // not touched (`Accumulator.total`)
                    offer(e, nameContrib, nameRecorded)
                }
                // the context holdings, of the entries a query word may name (`markNameHolders`)
                for p in list[names...] {
                    let e = Int(p >> 2)
                    if reach[e >> 6] & 1 << UInt64(e & 63) == 0 { continue }
                    if refineOnly && total[e] == 0 { continue }
                    let holding = Int(p & 3)
                    offer(e, contribution[holding], recorded[holding])
                }
            }
        }
    }

    /// Step 2b: adds the word's best reading to each entry's totals, and counts how it matched
    /// the entry's name (exact, prefix, typo; context words add weight only).
    private func addBestReadings(of word: QueryWord, counts: Bool, allWeak: Bool, into acc: Accumulator) {
        // the buffers in locals, as in `collectBestReading`
        let best = acc.tokBest, infos = acc.tokInfo, total = acc.total, stats = acc.stats
        let exactAll = acc.exactAll, nameMatched = acc.nameMatched
        let weight = max(word.weight, 1e-6)
        for e32 in acc.tokTouched[..<acc.tokTouchedCount] {
            let e = Int(e32)
            if total[e] == 0 { acc.markTouched(e32) }  // not touched yet (`Accumulator.total`)
            total[e] += best[e]
            let info = infos[e]
            let how = info & 3, edits = (info >> 2) & 3, ctx = (info >> 4) & 1, term = Int(info >> 8)
            if ctx == 0 {
                var s = stats[e]
                s += 1 << 24
                if how == 0 { exactAll[e] &+= 1 }
                if how == 0 && counts { s += 1 }
                if how == 1 { s += 1 << 6 }
                if how == 2 { s += 1 << 12; s += edits << 18 }
                stats[e] = s
                if !termIsWeak[term] || entryNameWeight[e] == 0 || allWeak {
                    nameMatched[e] += termWeight[term] * (best[e] / weight)
                }
            }
            best[e] = 0
        }
        acc.tokTouchedCount = 0
    }

    /// Step 3: every touched entry scored; per trust the best entry, its score raised a little
    /// by the trust's second-best entry (`Scoring.corroborationWeight`).
    func bestEntryPerTrust(_ acc: Accumulator, _ totals: QueryTotals) -> [Scored] {
        var scored: [Scored] = []
        // at most one per trust; reserved so the appends below never grow the array
        scored.reserveCapacity(min(acc.touchedCount, trusts.count))
        // per trust, its place in `scored` and its second-best score (`Accumulator.trustBest`)
        let best = acc.trustBest, second = acc.trustSecond
        for e32 in acc.touched {
            // an entry reached through context words only has no name hit, never an answer
            // (`score` says so too; this is its cheapest test, first)
            guard acc.stats[Int(e32)] >> 24 > 0, let candidate = score(entry: e32, acc, totals) else { continue }
            let trust = Int(entryTrust[Int(e32)])
            let bi = Int(best[trust])
            if bi < 0 {
                best[trust] = Int32(scored.count)
                scored.append(candidate)
            } else if precedes(candidate, scored[bi]) {
                second[trust] = max(second[trust], scored[bi].score)
                scored[bi] = candidate
            } else {
                second[trust] = max(second[trust], candidate.score)
            }
        }
        let w = Scoring.corroborationWeight
        for i in scored.indices {
            let trust = Int(entryTrust[Int(scored[i].entry)])
            scored[i].score = (scored[i].score + w * second[trust]) / (1 + w)
            // the slots back as the next query expects them
            best[trust] = -1
            second[trust] = 0
        }
        // What the next query relies on, checked in debug builds (the tests' build): a trust
        // gets a slot only with an entry in `scored`, so the loop above restored every slot.
        assert(!best.contains { $0 != -1 } && !second.contains { $0 != 0 }, "trust slots not restored")
        return scored
    }

    /// Step 3a: one entry's kind and score; nil when it is not an answer (matched only through
    /// context words, below the coverage floor, or an ambiguous alias in a longer query).
    /// Inlined: most entries with a name hit fail the coverage floor, and a call costs more
    /// than that test.
    @inline(__always)
    func score(entry e32: Int32, _ acc: Accumulator, _ totals: QueryTotals) -> Scored? {
        let e = Int(e32)
        let s = acc.stats[e]
        let nameHits = s >> 24
        guard nameHits > 0 else { return nil }
        let qcov = acc.total[e] / totals.weight
        guard qcov >= Scoring.minimumQueryCoverage else { return nil }
        if entryAmbiguous[e] && qcov < Scoring.ambiguousAliasCoverage { return nil }
        var nameWeight = entryNameWeight[e]
        if totals.allWeak {
            // a query of generic words only: measure against all words of the name
            nameWeight = max(nameWeight, 1e-6)
        }
        let ecov = min(1, acc.nameMatched[e] / max(nameWeight, 1e-6))
        let strongExact = Int(s & 63), prefixes = Int((s >> 6) & 63), fuzzies = Int((s >> 12) & 63)
        let edits = Int((s >> 18) & 63)
        let field = entryField[e]
        let kind: SearchMatchKind
        if field == .odsCode {
            kind = .exact
        } else if fuzzies > 0 {
            kind = .fuzzy
        } else if prefixes > 0 {
            kind = .prefix
        } else if strongExact >= totals.strongWords && Int(acc.exactAll[e]) == totals.wordCount
            && ecov >= Scoring.fullNameCoverage
        {
            kind = field == .alias ? .alias : .exact
        } else {
            kind = .token
        }
        var score = Scoring.queryCoverageShare * qcov + Scoring.nameCoverageShare * ecov
        score += Scoring.kindBonus(kind)
        score /= Scoring.kindBonusNormaliser
        if trustStanding[Int(entryTrust[e])] == 0 { score *= Scoring.closedTrustFactor }
        if entryAmbiguous[e] { score *= Scoring.ambiguousAliasFactor }
        score *= entryWeight[e]
        return Scored(entry: e32, score: score, kind: kind, edits: edits)
    }

    /// Step 4: the `limit` best, in order, by insertion into a sorted array of at most
    /// `limit` + 1 (limit ≤ 50): cheaper than sorting every candidate of a generic query,
    /// and simpler than a heap at this size.
    func topScored(_ scored: [Scored], limit: Int) -> [Scored] {
        var top: [Scored] = []
        top.reserveCapacity(limit + 1)
        for sc in scored {
            if top.count == limit, let last = top.last, !precedes(sc, last) { continue }
            var i = top.count
            while i > 0 && precedes(sc, top[i - 1]) { i -= 1 }
            top.insert(sc, at: i)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// Step 4a: a scored entry as the match shown.
    func match(for sc: Scored) -> SearchMatch {
        let entry = entries[Int(sc.entry)]
        let trust = trusts[Int(entryTrust[Int(sc.entry)])]
        return SearchMatch(
            odsCode: trust.odsCode, trustName: trust.displayName, kind: sc.kind, field: entry.field,
            matchedText: entry.text, siteCode: entry.siteCode,
            aliasSource: entry.field == .alias ? entry.source : nil,
            formerCode: entry.formerCode,
            score: (Double(sc.score) * 1000).rounded() / 1000)
    }

    /// The ranking order: score (to three decimals, as shown), then kind, then open and ranked
    /// trusts, then the trust's own name before its sites, then fewer typos, then shorter names,
    /// then ODS code, so equal answers always come in the same order.
    func precedes(_ a: Scored, _ b: Scored) -> Bool {
        if a.shown != b.shown { return a.shown > b.shown }
        if a.kind.rank != b.kind.rank { return a.kind.rank < b.kind.rank }
        let ta = trustStanding[Int(entryTrust[Int(a.entry)])], tb = trustStanding[Int(entryTrust[Int(b.entry)])]
        if ta != tb { return ta > tb }
        let fa = entryField[Int(a.entry)].tieBreakRank, fb = entryField[Int(b.entry)].tieBreakRank
        if fa != fb { return fa < fb }
        if a.edits != b.edits { return a.edits < b.edits }
        let la = entryNameLength[Int(a.entry)], lb = entryNameLength[Int(b.entry)]
        if la != lb { return la < lb }
        let ta2 = entryTrust[Int(a.entry)], tb2 = entryTrust[Int(b.entry)]
        if ta2 != tb2 { return trustOrder[Int(ta2)] < trustOrder[Int(tb2)] }
        return a.entry < b.entry
    }
}
