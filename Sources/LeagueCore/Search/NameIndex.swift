import Foundation

/// An immutable, thread-safe name index over trusts, hospital sites, aliases and former names.
///
/// Build it once per dataset snapshot (`NameIndex.build(from:)`, a few milliseconds), then call
/// `search(_:limit:)` from any number of threads.
///
/// Ranking: each query word is matched against a precomputed vocabulary exactly, as a word
/// prefix (from 3 letters) or with typos scaled to its length (1 edit from 5 letters, 2 from 9;
/// a swap of two adjacent letters is one edit). Words are weighted by how rare they are across
/// trusts (IDF), and generic words ("NHS", "Trust", "Hospital", "University", "The", ...) get a
/// tenth of that, so the distinctive words decide. An entry's score is mostly the share of the
/// query's weight it explains (discounted for prefix and typo matches), partly the share of its
/// own distinctive words the query covers, plus a small bonus by match kind
/// (exact > alias > token > prefix > fuzzy). Closed trusts are ranked a little lower, so a
/// merged trust's former name surfaces the successor first. Ties: kind, then open and ranked
/// trusts, then the trust's own name before its sites, then fewer typos, then shorter names.
public struct NameIndex: Sendable {
    public static let defaultLimit = 10
    public static let maximumLimit = 50
    public static let maximumQueryLength = 200
    /// Queries longer than this many words use only the first ones.
    static let maximumQueryWords = 16

    // entries
    let entries: [SearchEntry]
    let entryTrust: [Int32]
    let entryNameWeight: [Float]  // sum of weights of the distinct distinctive words of the name
    let entryNameLength: [Int16]  // normalised name length in bytes (tie-break)
    let entryField: [SearchField]
    let entryAmbiguous: [Bool]
    let trusts: [SearchTrust]
    let trustStanding: [UInt8]  // 2 open and ranked, 1 open or unknown, 0 closed
    let trustOrder: [Int32]  // position of the trust when sorted by ODS code (last tie-break)

    // vocabulary
    let terms: [[UInt8]]
    let termStrings: [String]
    let termIndex: [String: Int32]
    let termWeight: [Float]
    let termIsWeak: [Bool]
    let termIsCode: [Bool]
    let termMask: [UInt64]
    /// Masks of every prefix of every word, flattened: `prefixMasks[prefixStart[t] + i]` covers
    /// the first i + 1 letters of word t (filters typo-tolerant prefix candidates cheaply).
    let prefixMasks: [UInt64]
    let prefixStart: [Int32]
    let termsByLength: [[Int32]]
    let sortedTerms: [Int32]
    /// Per term: entry index << 1 | 1 when the word is only in the entry's context.
    let postings: [[UInt32]]
    /// Weight of a query word the vocabulary does not know.
    let unknownWeight: Float

    public var entryCount: Int { entries.count }
    public var vocabularySize: Int { terms.count }
    public var trustCount: Int { trusts.count }

    // MARK: - build

    /// Builds an index over `entries`; entries whose trust is not in `trusts` are ignored.
    public init(trusts: [SearchTrust], entries rawEntries: [SearchEntry]) {
        var trustList: [SearchTrust] = []
        var trustIdx: [String: Int32] = [:]
        for t in trusts where trustIdx[t.odsCode] == nil {
            trustIdx[t.odsCode] = Int32(trustList.count)
            trustList.append(t)
        }
        self.trusts = trustList
        var order = [Int32](repeating: 0, count: trustList.count)
        for (rank, i) in trustList.indices.sorted(by: { trustList[$0].odsCode < trustList[$1].odsCode }).enumerated() {
            order[i] = Int32(rank)
        }
        self.trustOrder = order
        self.trustStanding = trustList.map { t in
            if t.isOpen == false { return 0 }
            return t.isRanked ? 2 : 1
        }

        var entries: [SearchEntry] = []
        var entryTrust: [Int32] = []
        var nameTokens: [[String]] = []
        var contextTokens: [[String]] = []
        var seen = Set<String>()
        for e in rawEntries {
            guard let ti = trustIdx[e.odsCode] else { continue }
            var toks: [String]
            if e.field == .odsCode {
                toks = [e.text.lowercased()]
            } else {
                toks = SearchNormalizer.tokens(e.text)
            }
            guard !toks.isEmpty else { continue }
            // one entry per (trust, field, normalised text, site)
            let key = "\(e.odsCode)|\(e.field.rawValue)|\(toks.joined(separator: " "))|\(e.siteCode ?? "")"
            if !seen.insert(key).inserted {
                // merge alias sources of duplicate rows
                if let s = e.source,
                    let i = entries.lastIndex(where: {
                        $0.odsCode == e.odsCode && $0.field == e.field && $0.siteCode == e.siteCode
                            && SearchNormalizer.tokens($0.text) == toks
                    }), let old = entries[i].source, !old.contains(s)
                {
                    entries[i].source = old + "; " + s
                }
                continue
            }
            var uniq: [String] = []
            for t in toks where !uniq.contains(t) { uniq.append(t) }
            toks = uniq
            var ctx: [String] = []
            if let c = e.context {
                for t in SearchNormalizer.tokens(c)
                where !SearchNormalizer.isWeak(t) && !toks.contains(t) && !ctx.contains(t) {
                    ctx.append(t)
                }
            }
            entries.append(e)
            entryTrust.append(ti)
            nameTokens.append(toks)
            contextTokens.append(ctx)
        }

        // vocabulary and document frequency (distinct trusts per word, names only)
        var termIndex: [String: Int32] = [:]
        var termStrings: [String] = []
        var isCode: [Bool] = []
        var trustsPerTerm: [Set<Int32>] = []
        func intern(_ s: String, code: Bool) -> Int32 {
            if let i = termIndex[s] {
                if !code { isCode[Int(i)] = false }
                return i
            }
            let i = Int32(termStrings.count)
            termIndex[s] = i
            termStrings.append(s)
            isCode.append(code)
            trustsPerTerm.append([])
            return i
        }
        var entryTermIDs: [[Int32]] = []
        var entryContextIDs: [[Int32]] = []
        for (ei, toks) in nameTokens.enumerated() {
            let code = entries[ei].field == .odsCode
            let ids = toks.map { intern($0, code: code) }
            for id in ids { trustsPerTerm[Int(id)].insert(entryTrust[ei]) }
            entryTermIDs.append(ids)
            entryContextIDs.append(contextTokens[ei].map { intern($0, code: false) })
        }
        let n = Float(max(trustList.count, 1))
        var weights = [Float](repeating: 0, count: termStrings.count)
        var weak = [Bool](repeating: false, count: termStrings.count)
        var maxIdf: Float = 0
        var idfs: [Float] = []
        for i in 0..<termStrings.count {
            let df = Float(max(trustsPerTerm[i].count, 1))
            let idf = logf(1 + n / df)
            weak[i] = SearchNormalizer.isWeak(termStrings[i])
            weights[i] = weak[i] ? idf * 0.1 : idf
            if !weak[i] && !isCode[i] {
                maxIdf = max(maxIdf, idf)
                idfs.append(idf)
            }
        }
        for i in 0..<termStrings.count where isCode[i] { weights[i] = maxIdf }
        idfs.sort()
        // an unknown word weighs as much as a typical distinctive word
        self.unknownWeight = idfs.isEmpty ? 1 : idfs[idfs.count / 2]

        var postings = [[UInt32]](repeating: [], count: termStrings.count)
        var nameWeight = [Float](repeating: 0, count: entries.count)
        var nameLength = [Int16](repeating: 0, count: entries.count)
        for ei in 0..<entries.count {
            var strong: Float = 0, all: Float = 0
            for id in entryTermIDs[ei] {
                postings[Int(id)].append(UInt32(ei) << 1)
                all += weights[Int(id)]
                if !weak[Int(id)] { strong += weights[Int(id)] }
            }
            for id in entryContextIDs[ei] { postings[Int(id)].append(UInt32(ei) << 1 | 1) }
            nameWeight[ei] = strong > 0 ? strong : all
            nameLength[ei] = Int16(min(nameTokens[ei].reduce(0) { $0 + $1.utf8.count + 1 }, Int(Int16.max)))
        }

        self.entries = entries
        self.entryField = entries.map(\.field)
        self.entryAmbiguous = entries.map(\.isAmbiguous)
        self.entryTrust = entryTrust
        self.entryNameWeight = nameWeight
        self.entryNameLength = nameLength
        self.terms = termStrings.map { Array($0.utf8) }
        self.termStrings = termStrings
        self.termIndex = termIndex
        self.termWeight = weights
        self.termIsWeak = weak
        self.termIsCode = isCode
        self.termMask = self.terms.map(NameIndex.mask)
        var pm: [UInt64] = []
        var ps: [Int32] = []
        for t in self.terms {
            ps.append(Int32(pm.count))
            var m: UInt64 = 0
            for b in t { m |= 1 << UInt64(b & 63); pm.append(m) }
        }
        self.prefixMasks = pm
        self.prefixStart = ps
        let maxLen = self.terms.map(\.count).max() ?? 0
        var byLength = [[Int32]](repeating: [], count: maxLen + 1)
        for (i, t) in self.terms.enumerated() where !isCode[i] { byLength[t.count].append(Int32(i)) }
        self.termsByLength = byLength
        let ts = self.terms
        self.sortedTerms = (0..<Int32(ts.count)).filter { !isCode[Int($0)] }
            .sorted { ts[Int($0)].lexicographicallyPrecedes(ts[Int($1)]) }
        self.postings = postings
    }

    static func mask(_ bytes: [UInt8]) -> UInt64 {
        var m: UInt64 = 0
        for b in bytes { m |= 1 << UInt64(b & 63) }
        return m
    }

    // MARK: - search

    /// Finds the trusts a query most likely means, best first, one result per trust.
    /// - Parameter limit: 1...50; 0 means the default (10).
    /// - Throws: `SearchError` for an empty, whitespace-only, punctuation-only or over-long
    ///   (> 200 characters) query, or a limit outside 0...50.
    public func search(_ query: String, limit: Int = 0) throws(SearchError) -> SearchOutcome {
        guard limit >= 0, limit <= NameIndex.maximumLimit else {
            throw SearchError.limitOutOfRange(limit: limit, maximum: NameIndex.maximumLimit)
        }
        // characters, not bytes; count a long string only when it is too long anyway
        if query.utf8.count > NameIndex.maximumQueryLength,
            query.prefix(NameIndex.maximumQueryLength + 1).count > NameIndex.maximumQueryLength
        {
            throw SearchError.queryTooLong(length: query.count, maximum: NameIndex.maximumQueryLength)
        }
        guard query.contains(where: { !$0.isWhitespace }) else { throw SearchError.emptyQuery }
        var tokens: [String] = []
        for t in SearchNormalizer.tokens(query) where !tokens.contains(t) {
            tokens.append(t)
            if tokens.count == NameIndex.maximumQueryWords { break }
        }
        guard !tokens.isEmpty else { throw SearchError.noSearchableText }
        let normalized = tokens.joined(separator: " ")
        let effectiveLimit = limit == 0 ? NameIndex.defaultLimit : limit

        let matches = rank(tokens, limit: effectiveLimit)
        var didYouMean: [String] = []
        if matches.isEmpty {
            didYouMean = suggestions(for: tokens)
        }
        return SearchOutcome(matches: matches, didYouMean: didYouMean, normalizedQuery: normalized)
    }

    /// How a query word matched a vocabulary word.
    struct Candidate {
        var term: Int32
        var quality: Float
        var edits: UInt8
        var how: UInt8  // 0 exact, 1 prefix, 2 fuzzy
    }

    static let prefixExpansionLimit = 64
    static let corroborationWeight: Float = 0.05

    /// Vocabulary words matching one query word.
    func candidates(for token: String, isLast: Bool, into out: inout [Candidate]) {
        out.removeAll(keepingCapacity: true)
        var exactID: Int32 = -1
        if let id = termIndex[token] {
            exactID = id
            out.append(Candidate(term: id, quality: 1, edits: 0, how: 0))
        }
        var q = Array(token.utf8)
        let n = q.count
        q.withUnsafeMutableBufferPointer { qb in
            let qbuf = UnsafeBufferPointer(qb)
            // prefix (type-ahead) from 3 letters
            if n >= 3 {
                var lo = 0, hi = sortedTerms.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if terms[Int(sortedTerms[mid])].lexicographicallyPrecedes(qbuf) { lo = mid + 1 } else { hi = mid }
                }
                var taken = 0
                var i = lo
                while i < sortedTerms.count, taken < NameIndex.prefixExpansionLimit {
                    let id = sortedTerms[i]
                    let t = terms[Int(id)]
                    guard t.count >= n, t.starts(with: qbuf) else { break }
                    if id != exactID {
                        var quality = 0.6 + 0.3 * Float(n) / Float(t.count)
                        if !isLast { quality *= 0.9 }
                        out.append(Candidate(term: id, quality: quality, edits: 0, how: 1))
                        taken += 1
                    }
                    i += 1
                }
            }
            // typos, scaled to word length
            let k = EditDistance.allowedEdits(forLength: n)
            guard k > 0 else { return }
            let qm = NameIndex.mask(Array(qbuf))
            let lo = max(1, n - k), hi = min(termsByLength.count - 1, n + k)
            if lo <= hi {
                for len in lo...hi {
                    for id in termsByLength[len] where id != exactID {
                        let tm = termMask[Int(id)]
                        if (qm & ~tm).nonzeroBitCount > k || (tm & ~qm).nonzeroBitCount > k { continue }
                        let d = terms[Int(id)].withUnsafeBufferPointer { EditDistance.bounded(qbuf, $0, bound: k) }
                        if let d, d > 0 {
                            out.append(Candidate(term: id, quality: d == 1 ? 0.8 : 0.65, edits: UInt8(d), how: 2))
                        }
                    }
                }
            }
            // typos while typing: the last word against word beginnings
            if isLast && exactID < 0 {
                let lo2 = max(1, n - k)
                if lo2 < termsByLength.count {
                    for len in lo2..<termsByLength.count where len > n {
                        for id in termsByLength[len] {
                            // letters of the query missing from the word's first n + k letters,
                            // and letters of its first n - k letters missing from the query
                            let start = Int(prefixStart[Int(id)])
                            let wide = prefixMasks[start + min(len, n + k) - 1]
                            let narrow = prefixMasks[start + max(n - k, 1) - 1]
                            if (qm & ~wide).nonzeroBitCount > k || (narrow & ~qm).nonzeroBitCount > k { continue }
                            let d = terms[Int(id)].withUnsafeBufferPointer {
                                EditDistance.boundedPrefix(qbuf, $0, bound: k)
                            }
                            if let d, d > 0 {
                                out.append(Candidate(term: id, quality: d == 1 ? 0.6 : 0.5, edits: UInt8(d), how: 2))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Per-entry accumulation for one query.
    struct Accumulator {
        var tokBest: [Float]
        var tokInfo: [UInt32]  // how | edits << 2 | ctx << 4 | term << 8
        var tokTouched: [Int32] = []
        var total: [Float]
        var nameMatched: [Float]  // share of the entry's own distinctive weight matched
        var stats: [UInt32]  // strongExact | prefix << 6 | fuzzy << 12 | edits << 18 | nameHits << 24
        var exactAll: [UInt8]  // query words (generic ones included) matched exactly in the name
        var touched: [Int32] = []

        init(count: Int) {
            tokBest = [Float](repeating: 0, count: count)
            tokInfo = [UInt32](repeating: 0, count: count)
            total = [Float](repeating: 0, count: count)
            nameMatched = [Float](repeating: 0, count: count)
            stats = [UInt32](repeating: 0, count: count)
            exactAll = [UInt8](repeating: 0, count: count)
            tokTouched.reserveCapacity(256)
            touched.reserveCapacity(256)
        }
    }

    struct Scored {
        var entry: Int32
        var score: Float
        var kind: SearchMatchKind
        var edits: Int
    }

    func rank(_ tokens: [String], limit: Int) -> [SearchMatch] {
        var acc = Accumulator(count: entries.count)
        var totalWeight: Float = 0
        var strongTokens = 0

        // every word's readings, weight and whether it is generic (a typo of a generic word,
        // "hospitl", is generic too)
        var readings: [[Candidate]] = []
        var weights: [Float] = []
        var weakFlags: [Bool] = []
        readings.reserveCapacity(tokens.count)
        for (ti, token) in tokens.enumerated() {
            var cands: [Candidate] = []
            candidates(for: token, isLast: ti == tokens.count - 1, into: &cands)
            let exact = termIndex[token]
            let best = cands.max(by: { ($0.quality, termWeight[Int($0.term)]) < ($1.quality, termWeight[Int($1.term)]) }
            )
            var weak = SearchNormalizer.isWeak(token)
            if exact == nil, let best, termIsWeak[Int(best.term)] { weak = true }
            // the word's weight: its own if known, else that of its best reading
            let w: Float
            if let exact {
                w = termWeight[Int(exact)]
            } else if let best {
                w = termWeight[Int(best.term)]
            } else {
                w = weak ? unknownWeight * 0.1 : unknownWeight
            }
            readings.append(cands)
            weights.append(w)
            weakFlags.append(weak)
        }
        let allWeak = !weakFlags.contains(false)

        // distinctive words first; generic words then only refine entries already found
        // (an entry matching generic words alone cannot reach the coverage threshold)
        var order = Array(tokens.indices)
        if !allWeak {
            order = order.filter { !weakFlags[$0] } + order.filter { weakFlags[$0] }
        }
        var anyStrongMatched = false
        for ti in order {
            let cands = readings[ti]
            let w = weights[ti]
            let counts = allWeak || !weakFlags[ti]
            if counts { strongTokens += 1 }
            if counts && !cands.isEmpty { anyStrongMatched = true }
            let refineOnly = !counts && anyStrongMatched
            totalWeight += w

            for c in cands {
                let base = w * c.quality
                for p in postings[Int(c.term)] {
                    let e = Int(p >> 1)
                    if refineOnly && acc.stats[e] == 0 && acc.total[e] == 0 { continue }
                    let ctx = p & 1
                    let contrib = ctx == 1 ? base * 0.5 : base
                    if contrib > acc.tokBest[e] {
                        if acc.tokBest[e] == 0 { acc.tokTouched.append(Int32(e)) }
                        acc.tokBest[e] = contrib
                        acc.tokInfo[e] = UInt32(c.how) | UInt32(c.edits) << 2 | ctx << 4 | UInt32(c.term) << 8
                    }
                }
            }
            for e32 in acc.tokTouched {
                let e = Int(e32)
                if acc.total[e] == 0 && acc.stats[e] == 0 { acc.touched.append(e32) }
                acc.total[e] += acc.tokBest[e]
                let info = acc.tokInfo[e]
                let how = info & 3, edits = (info >> 2) & 3, ctx = (info >> 4) & 1, term = Int(info >> 8)
                if ctx == 0 {
                    var s = acc.stats[e]
                    s += 1 << 24
                    if how == 0 { acc.exactAll[e] &+= 1 }
                    if how == 0 && counts { s += 1 }
                    if how == 1 { s += 1 << 6 }
                    if how == 2 { s += 1 << 12; s += edits << 18 }
                    acc.stats[e] = s
                    if !termIsWeak[term] || entryNameWeight[e] == 0 || allWeak {
                        let quality = acc.tokBest[e] / max(w, 1e-6)
                        acc.nameMatched[e] += termWeight[term] * quality
                    }
                }
                acc.tokBest[e] = 0
            }
            acc.tokTouched.removeAll(keepingCapacity: true)
        }
        guard totalWeight > 0 else { return [] }

        // best entry per trust
        var bestForTrust = [Int32](repeating: -1, count: trusts.count)
        var scored: [Scored] = []
        var secondScore: [Float] = []
        scored.reserveCapacity(acc.touched.count)
        secondScore.reserveCapacity(acc.touched.count)
        for e32 in acc.touched {
            let e = Int(e32)
            let s = acc.stats[e]
            let nameHits = s >> 24
            guard nameHits > 0 else { continue }  // matched only through context words
            let qcov = acc.total[e] / totalWeight
            guard qcov >= 0.3 else { continue }
            let field = entryField[e]
            // an alias that also means something else ("MRI") counts only when it explains the query
            if entryAmbiguous[e] && qcov < 0.9 { continue }
            var nameWeight = entryNameWeight[e]
            if allWeak {
                // a query of generic words only: measure against all words of the name
                nameWeight = max(nameWeight, 1e-6)
            }
            let ecov = min(1, acc.nameMatched[e] / max(nameWeight, 1e-6))
            let strongExact = Int(s & 63), prefixes = Int((s >> 6) & 63), fuzzies = Int((s >> 12) & 63)
            let edits = Int((s >> 18) & 63)
            let fullName = ecov >= 0.999
            let kind: SearchMatchKind
            if field == .odsCode {
                kind = .exact
            } else if fuzzies > 0 {
                kind = .fuzzy
            } else if prefixes > 0 {
                kind = .prefix
            } else if strongExact >= strongTokens && Int(acc.exactAll[e]) == tokens.count && fullName {
                kind = field == .alias ? .alias : .exact
            } else {
                kind = .token
            }
            var score = 0.8 * qcov + 0.2 * ecov
            switch kind {
            case .exact, .alias: score += 0.04
            case .token: score += 0.02
            case .prefix: score += 0.01
            case .fuzzy: break
            }
            score /= 1.04
            let trust = Int(entryTrust[e])
            if trustStanding[trust] == 0 { score *= 0.93 }
            if entryAmbiguous[e] { score *= 0.9 }
            let candidate = Scored(entry: e32, score: score, kind: kind, edits: edits)
            let bi = bestForTrust[trust]
            if bi < 0 {
                bestForTrust[trust] = Int32(scored.count)
                scored.append(candidate)
                secondScore.append(0)
            } else if precedes(candidate, scored[Int(bi)]) {
                secondScore[Int(bi)] = max(secondScore[Int(bi)], scored[Int(bi)].score)
                scored[Int(bi)] = candidate
            } else {
                secondScore[Int(bi)] = max(secondScore[Int(bi)], candidate.score)
            }
        }
        guard !scored.isEmpty else { return [] }
        // corroboration: a second name of the same trust that also matches (its own name and
        // one of its hospitals, say) adds a little
        for i in scored.indices {
            scored[i].score =
                (scored[i].score + NameIndex.corroborationWeight * secondScore[i]) / (1 + NameIndex.corroborationWeight)
        }
        // top `limit` by insertion: cheaper than sorting every candidate of a generic query
        var top: [Scored] = []
        top.reserveCapacity(limit + 1)
        for sc in scored {
            if top.count == limit, let last = top.last, !precedes(sc, last) { continue }
            var i = top.count
            while i > 0 && precedes(sc, top[i - 1]) { i -= 1 }
            top.insert(sc, at: i)
            if top.count > limit { top.removeLast() }
        }
        return top.map { sc in
            let entry = entries[Int(sc.entry)]
            let trust = trusts[Int(entryTrust[Int(sc.entry)])]
            return SearchMatch(
                odsCode: trust.odsCode, trustName: trust.displayName, kind: sc.kind, field: entry.field,
                matchedText: entry.text, siteCode: entry.siteCode,
                aliasSource: entry.field == .alias ? entry.source : nil,
                score: (Double(sc.score) * 1000).rounded() / 1000)
        }
    }

    func precedes(_ a: Scored, _ b: Scored) -> Bool {
        let sa = (a.score * 1000).rounded(), sb = (b.score * 1000).rounded()
        if sa != sb { return sa > sb }
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

    // MARK: - did you mean

    /// For a query with no match: the query with unknown words replaced by the closest
    /// vocabulary words (more typos allowed than in matching), and the best names it finds.
    func suggestions(for tokens: [String]) -> [String] {
        var corrected = tokens
        var changed = false
        for (i, token) in tokens.enumerated() where !SearchNormalizer.isWeak(token) && termIndex[token] == nil {
            let q = Array(token.utf8)
            let n = q.count
            guard n >= 3 else { continue }
            let bound = max(2, n / 3)
            var best: (d: Int, w: Float, id: Int32)? = nil
            q.withUnsafeBufferPointer { qb in
                let lo = max(1, n - bound), hi = min(termsByLength.count - 1, n + bound)
                guard lo <= hi else { return }
                let qm = NameIndex.mask(q)
                for len in lo...hi {
                    for id in termsByLength[len] where !termIsWeak[Int(id)] {
                        let tm = termMask[Int(id)]
                        if (qm & ~tm).nonzeroBitCount > bound || (tm & ~qm).nonzeroBitCount > bound { continue }
                        guard
                            let d = terms[Int(id)].withUnsafeBufferPointer({
                                EditDistance.bounded(qb, $0, bound: bound)
                            })
                        else { continue }
                        let w = termWeight[Int(id)]
                        if best == nil || d < best!.d || (d == best!.d && w < best!.w) { best = (d, w, id) }
                    }
                }
            }
            if let b = best {
                corrected[i] = termStrings[Int(b.id)]
                changed = true
            }
        }
        guard changed else { return [] }
        let text = corrected.joined(separator: " ")
        var out = [text]
        let found = rank(corrected, limit: 3)
        for m in found where m.score >= 0.8 * found[0].score && !out.contains(m.matchedText) {
            out.append(m.matchedText)
        }
        return out
    }
}
