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
    let entryWeight: [Float]
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
    /// Masks of word beginnings, to filter typo-tolerant prefix candidates cheaply; also the
    /// word ids by length (`words(ofLength:)`) that the other typo scans walk.
    let typeAheadMasks: TypeAheadMasks
    /// Where a word within k typos must agree with the query (`TypoNeighbourIndex`).
    let typoNeighbours: TypoNeighbourIndex
    /// Each word's letter mask (`mask`), to pass over a typo candidate before its distance.
    let termMask: [UInt64]
    let sortedTerms: [Int32]
    /// Per term: entry index << 2 | how the entry holds the word (`Posting`: 0 name, 1 trust
    /// context, 2 place context); the name holdings first, then the context ones, each in entry
    /// order.
    let postings: [[UInt32]]
    /// Per term, how many of its postings are name holdings (the context ones follow): a query
    /// visits a context posting only for an entry some query word may name (`NameReach`).
    let namePostingCount: [Int32]
    /// The entries of the words in most names, as bitmaps (`DenseTerms`).
    let denseTerms: DenseTerms
    /// Weight of a query word the vocabulary does not know.
    let unknownWeight: Float
    /// Per-query scratch space, reused between queries (`SearchScratchPool`).
    let scratch: SearchScratchPool

    /// A generic word ("NHS", "Hospital") weighs a tenth of its IDF: it still separates
    /// "Royal Hospital" from "Royal Infirmary", but can never outweigh a distinctive word.
    static let weakWordFactor: Float = 0.1

    public var entryCount: Int { entries.count }
    public var vocabularySize: Int { terms.count }
    public var trustCount: Int { trusts.count }

    // MARK: - build

    /// Builds an index over `entries`; entries whose trust is not in `trusts` are ignored.
    public init(trusts: [SearchTrust], entries rawEntries: [SearchEntry]) {
        self.init(trusts: trusts, entries: rawEntries, knownTokens: [])
    }

    /// Builds an index over `entries`, where `knownTokens[i]`, when given, is entry i's words
    /// (`SearchNormalizer.tokens` of its text, as `NameIndex.build` has them already).
    init(trusts: [SearchTrust], entries rawEntries: [SearchEntry], knownTokens: [[String]?]) {
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

        // Every word is hashed as a string once per place it occurs, here, and handled as a small
        // integer after: merge keys, de-duplication, vocabulary and postings compare and hash ids.
        var words = WordNumbering()
        var entries: [SearchEntry] = []
        var entryTrust: [Int32] = []
        var nameWords: [[Int32]] = []
        var contextWords: [[Int32]] = []
        var placeWords: [[Int32]] = []
        // The entry each (trust, field, normalised words, site) key went to: duplicates merge
        // into it without a search.
        var entryForKey: [EntryKey: Int] = [:]
        // sized once: growing rehashes every key
        entryForKey.reserveCapacity(rawEntries.count)
        // A site's context (its trust's name) and places repeat across thousands of sites:
        // each distinct text is tokenised once.
        var distinctiveWordsOf: [String: [Int32]] = [:]
        // Entries of one site, and a trust's sites, come one after another: the last context and
        // the last places asked for are checked first (an equal string compares without hashing).
        var last: [(text: String, words: [Int32])] = [("", []), ("", [])]
        func distinctiveWords(_ text: String, _ slot: Int) -> [Int32] {
            if text == last[slot].text { return last[slot].words }
            let ids: [Int32]
            if let known = distinctiveWordsOf[text] {
                ids = known
            } else {
                ids = SearchNormalizer.tokens(text).filter { !SearchNormalizer.isWeak($0) }.map { words.id(of: $0) }
                distinctiveWordsOf[text] = ids
            }
            last[slot] = (text, ids)
            return ids
        }
        // Tokenising is most of the work and each entry's is independent: done at the same time
        // on every core, in the entries' order.
        let rawTokens = Concurrently.map(Array(rawEntries.indices)) { i in
            let e = rawEntries[i]
            if i < knownTokens.count, let known = knownTokens[i] { return known }
            return e.field == .odsCode ? [e.text.lowercased()] : SearchNormalizer.tokens(e.text)
        }
        for (e, entryTokens) in zip(rawEntries, rawTokens) {
            guard let ti = trustIdx[e.odsCode], !entryTokens.isEmpty else { continue }
            var ids = entryTokens.map { words.id(of: $0) }
            // one entry per (trust, field, normalised words, site): the trust's position stands
            // for its code (one position per code)
            let key = EntryKey(trust: ti, field: e.field, words: ids, siteCode: e.siteCode ?? "")
            if let i = entryForKey[key] {
                // merge alias sources of duplicate rows
                if let s = e.source, let old = entries[i].source, !old.contains(s) {
                    entries[i].source = old + "; " + s
                }
                continue
            }
            entryForKey[key] = entries.count
            var uniq: [Int32] = []
            for t in ids where !uniq.contains(t) { uniq.append(t) }
            ids = uniq
            var places: [Int32] = []
            if let p = e.places {
                for t in distinctiveWords(p, 1) where !ids.contains(t) && !places.contains(t) {
                    places.append(t)
                }
            }
            var ctx: [Int32] = []
            if let c = e.context {
                for t in distinctiveWords(c, 0) where !ids.contains(t) && !ctx.contains(t) && !places.contains(t) {
                    ctx.append(t)
                }
            }
            entries.append(e)
            entryTrust.append(ti)
            nameWords.append(ids)
            contextWords.append(ctx)
            placeWords.append(places)
        }

        // The vocabulary numbers words in the order the entries hold them (each entry's name,
        // then context, then place words): search breaks ties on that order.
        var termOf = [Int32](repeating: -1, count: words.strings.count)
        var termStrings: [String] = []
        var isCode: [Bool] = []
        func term(_ word: Int32, code: Bool) -> Int32 {
            let i = termOf[Int(word)]
            if i >= 0 {
                if !code { isCode[Int(i)] = false }
                return i
            }
            let t = Int32(termStrings.count)
            termOf[Int(word)] = t
            termStrings.append(words.strings[Int(word)])
            isCode.append(code)
            return t
        }
        for ei in entries.indices {
            // codes and derived initials are matched whole only: no prefix or typo scan reads them
            let code = entries[ei].field == .odsCode || entries[ei].isInitialism
            for j in nameWords[ei].indices { nameWords[ei][j] = term(nameWords[ei][j], code: code) }
            for j in contextWords[ei].indices { contextWords[ei][j] = term(contextWords[ei][j], code: false) }
            for j in placeWords[ei].indices { placeWords[ei][j] = term(placeWords[ei][j], code: false) }
        }
        let trustsPerTerm = NameIndex.trustsPerTerm(
            nameWords: nameWords, entryTrust: entryTrust, trustCount: trustList.count, termCount: termStrings.count)

        let n = Float(max(trustList.count, 1))
        var weights = [Float](repeating: 0, count: termStrings.count)
        var weak = [Bool](repeating: false, count: termStrings.count)
        var maxIdf: Float = 0
        var idfs: [Float] = []
        for i in 0..<termStrings.count {
            let df = Float(max(trustsPerTerm[i], 1))
            let idf = logf(1 + n / df)
            weak[i] = SearchNormalizer.isWeak(termStrings[i])
            weights[i] = weak[i] ? idf * NameIndex.weakWordFactor : idf
            if !weak[i] && !isCode[i] {
                maxIdf = max(maxIdf, idf)
                idfs.append(idf)
            }
        }
        for i in 0..<termStrings.count where isCode[i] { weights[i] = maxIdf }
        idfs.sort()
        // an unknown word weighs as much as a typical distinctive word
        self.unknownWeight = idfs.isEmpty ? 1 : idfs[idfs.count / 2]

        let termBytes = termStrings.map { Array($0.utf8) }
        // name holdings in `postings`, context ones apart until they are appended after them
        var postings = [[UInt32]](repeating: [], count: termStrings.count)
        var contextPostings = [[UInt32]](repeating: [], count: termStrings.count)
        var nameWeight = [Float](repeating: 0, count: entries.count)
        var nameLength = [Int16](repeating: 0, count: entries.count)
        for ei in 0..<entries.count {
            var strong: Float = 0, all: Float = 0, length = 0
            for id in nameWords[ei] {
                postings[Int(id)].append(UInt32(ei) << 2 | Posting.name)
                all += weights[Int(id)]
                if !weak[Int(id)] { strong += weights[Int(id)] }
                length += termBytes[Int(id)].count + 1
            }
            for id in contextWords[ei] { contextPostings[Int(id)].append(UInt32(ei) << 2 | Posting.trustContext) }
            for id in placeWords[ei] { contextPostings[Int(id)].append(UInt32(ei) << 2 | Posting.placeContext) }
            nameWeight[ei] = strong > 0 ? strong : all
            nameLength[ei] = Int16(min(length, Int(Int16.max)))
        }
        self.namePostingCount = postings.map { Int32($0.count) }
        for t in postings.indices where !contextPostings[t].isEmpty {
            postings[t].append(contentsOf: contextPostings[t])
        }

        // Kept in an exactly sized array (grown by doubling, the entries, ~0.2 kB each, held up to
        // twice the memory they need for the snapshot's life), without the context and place texts:
        // they are indexed as words above and never read again.
        var keptEntries: [SearchEntry] = []
        keptEntries.reserveCapacity(entries.count)
        for var e in entries {
            e.context = nil
            e.places = nil
            keptEntries.append(e)
        }
        self.entries = keptEntries
        self.entryField = entries.map(\.field)
        self.entryAmbiguous = entries.map(\.isAmbiguous)
        self.entryWeight = entries.map { min(max($0.weight, 0), 1) }
        self.entryTrust = entryTrust
        self.entryNameWeight = nameWeight
        self.entryNameLength = nameLength
        self.terms = termBytes
        self.termStrings = termStrings
        var termIndex: [String: Int32] = [:]
        termIndex.reserveCapacity(termStrings.count)
        for (i, s) in termStrings.enumerated() { termIndex[s] = Int32(i) }
        self.termIndex = termIndex
        self.termWeight = weights
        self.termIsWeak = weak
        self.termIsCode = isCode
        let maxLen = self.terms.map { $0.count }.max() ?? 0
        var byLength = [[Int32]](repeating: [], count: maxLen + 1)
        for (i, t) in self.terms.enumerated() where !isCode[i] { byLength[t.count].append(Int32(i)) }
        self.typeAheadMasks = TypeAheadMasks(terms: termBytes, byLength: byLength)
        // The typo index (the largest of these tables) and the sorted vocabulary read only the
        // words: built at the same time (the load's longest chain runs through this index).
        let codeTerms = isCode
        let (typoNeighbours, sortedTerms) = Concurrently.run(
            { TypoNeighbourIndex(terms: termBytes, included: { !codeTerms[$0] }) },
            {
                (0..<Int32(termBytes.count)).filter { !codeTerms[Int($0)] }
                    .sorted { termBytes[Int($0)].lexicographicallyPrecedes(termBytes[Int($1)]) }
            })
        self.typoNeighbours = typoNeighbours
        self.termMask = termBytes.map { NameIndex.mask($0) }
        self.sortedTerms = sortedTerms
        self.denseTerms = DenseTerms(postings: postings, entryCount: entries.count)
        self.postings = postings
        self.scratch = SearchScratchPool(entryCount: entries.count, trustCount: trustList.count)
    }

    /// Per term, the number of distinct trusts with an entry whose name holds it (document
    /// frequency). Entries are visited trust by trust, so a term counts a trust the first time
    /// that trust's entries show it: no set per term.
    private static func trustsPerTerm(
        nameWords: [[Int32]], entryTrust: [Int32], trustCount: Int, termCount: Int
    ) -> [Int] {
        // the entries grouped by trust (a counting sort on the trust's position)
        var groupStart = [Int](repeating: 0, count: trustCount + 1)
        for t in entryTrust { groupStart[Int(t) + 1] += 1 }
        for t in 0..<trustCount { groupStart[t + 1] += groupStart[t] }
        var next = groupStart
        var byTrust = [Int](repeating: 0, count: entryTrust.count)
        for (ei, t) in entryTrust.enumerated() {
            byTrust[next[Int(t)]] = ei
            next[Int(t)] += 1
        }
        var count = [Int](repeating: 0, count: termCount)
        var lastTrust = [Int32](repeating: -1, count: termCount)
        for t in 0..<trustCount {
            for ei in byTrust[groupStart[t]..<groupStart[t + 1]] {
                for id in nameWords[ei] where lastTrust[Int(id)] != Int32(t) {
                    lastTrust[Int(id)] = Int32(t)
                    count[Int(id)] += 1
                }
            }
        }
        return count
    }

    /// What makes two raw entries one: the same trust, field, words and site. A struct of small
    /// integers and the site code, not a joined string: hashing it builds no string.
    private struct EntryKey: Hashable {
        var trust: Int32
        var field: SearchField
        var words: [Int32]
        var siteCode: String
    }

    /// Words numbered as first met, so each is hashed as a string once where it occurs.
    private struct WordNumbering {
        var ids: [String: Int32] = [:]
        var strings: [String] = []

        mutating func id(of word: String) -> Int32 {
            if let id = ids[word] { return id }
            let id = Int32(strings.count)
            ids[word] = id
            strings.append(word)
            return id
        }
    }

    /// How an entry holds a word, and what a match on it is worth.
    enum Posting {
        static let name: UInt32 = 0
        static let trustContext: UInt32 = 1
        static let placeContext: UInt32 = 2
        /// A word of the name counts fully. A word of the site's trust's name counts half: it helps
        /// "princess royal hospital telford" pick the right Princess Royal Hospital without letting a
        /// trust's name stand in for a hospital's. A place word (the site's town or a local name of its
        /// postcode district) counts 0.9: "st marys paddington" means St Mary's Hospital in Paddington as
        /// surely as a word of its name, yet a hospital with the word in its own name wins a tie.
        /// Context words never match alone (an entry needs a name hit).
        static let weights = SIMD4<Float>(1, 0.5, 0.9, 0)
    }

    /// The letters of a word as bits (byte b is bit b % 64), to tell cheaply that two words
    /// differ in more letters than some number of edits can change.
    static func mask(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var m: UInt64 = 0
        for b in bytes { m |= 1 << UInt64(b & 63) }
        return m
    }

    /// `a.lexicographicallyPrecedes(b)`, a byte at a time: the generic method walks two
    /// iterators, and the prefix search asks it a dozen times per query word.
    @inline(__always)
    static func bytesPrecede(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<min(a.count, b.count) where a[i] != b[i] { return a[i] < b[i] }
        return a.count < b.count
    }

    /// `word.starts(with: prefix)`, a byte at a time (as `bytesPrecede`).
    @inline(__always)
    static func bytes(_ word: UnsafeBufferPointer<UInt8>, startWith prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= prefix.count else { return false }
        for i in 0..<prefix.count where word[i] != prefix[i] { return false }
        return true
    }

    /// `bits.nonzeroBitCount > k`, by clearing the lowest set bit k times: the typo scans ask
    /// this of every word of a length, and the baseline x86-64 target has no POPCNT
    /// instruction, so `nonzeroBitCount` is a dozen instructions where this is two or four.
    @inline(__always)
    static func hasMoreThan(_ k: Int, bits: UInt64) -> Bool {
        var x = bits
        for _ in 0..<k { x &= x &- 1 }
        return x != 0
    }

    /// Whether a word with letter mask `tm` may be within `k` edits of a query with mask `qm`:
    /// each letter one has and the other lacks costs an edit at least.
    @inline(__always)
    static func mayBeWithin(_ k: Int, _ qm: UInt64, _ tm: UInt64) -> Bool {
        !hasMoreThan(k, bits: qm & ~tm) && !hasMoreThan(k, bits: tm & ~qm)
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
        // a postcode is not a misspelt name: "M13 9WL" suggested "13 wwl"; where it is, is what
        // `nearest` answers (the CLI says so)
        if matches.isEmpty && Postcode(query) == nil {
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
    /// Quality of a prefix reading of the last query word never falls below a one-edit typo's (0.8).
    static let typeAheadPrefixFloor: Float = 0.8

    /// Vocabulary words matching one query word.
    func candidates(for token: String, isLast: Bool, into out: inout [Candidate]) {
        out.removeAll(keepingCapacity: true)
        var exactID: Int32 = -1
        if let id = termIndex[token] {
            exactID = id
            out.append(Candidate(term: id, quality: 1, edits: 0, how: 0))
        }
        // the token's own bytes (a native string's are contiguous), not a copy
        var token = token
        let n = token.utf8.count
        token.withUTF8 { qbuf in
            // prefix (type-ahead) from 3 letters
            if n >= 3 {
                // the first word not before the typed letters: where the words they begin start
                var i = sortedTerms.partitioningIndex { id in
                    !terms[Int(id)].withUnsafeBufferPointer { NameIndex.bytesPrecede($0, qbuf) }
                }
                var taken = 0
                while i < sortedTerms.count, taken < NameIndex.prefixExpansionLimit {
                    let id = sortedTerms[i]
                    let t = terms[Int(id)]
                    guard t.withUnsafeBufferPointer({ NameIndex.bytes($0, startWith: qbuf) }) else { break }
                    if id != exactID {
                        // the word being typed is more likely unfinished than mistyped: as the last
                        // word a prefix reading is worth at least a one-typo reading (0.8)
                        var quality =
                            Scoring.prefixBaseQuality + Scoring.prefixLengthQuality * Float(n) / Float(t.count)
                        if isLast {
                            quality = max(quality, NameIndex.typeAheadPrefixFloor)
                        } else {
                            quality *= Scoring.innerPrefixFactor
                        }
                        out.append(Candidate(term: id, quality: quality, edits: 0, how: 1))
                        taken += 1
                    }
                    i += 1
                }
            }
            // typos, scaled to word length
            let k = EditDistance.allowedEdits(forLength: n)
            guard k > 0 else { return }
            let qm = NameIndex.mask(qbuf)
            OSAPattern.with(qbuf) { pattern in
                let lo = max(1, n - k), hi = min(typeAheadMasks.maxLength, n + k)
                if lo <= hi {
                    var found: [Int32] = []
                    // by length, then ascending ids: readings of equal quality keep this order (the
                    // first wins a tie); the filter captures the masks alone: capturing `self`
                    // copies the whole index
                    termMask.withUnsafeBufferPointer { masks in
                        typoNeighbours.candidates(of: qbuf, lengths: lo...hi, edits: k, into: &found) { id in
                            id != exactID && NameIndex.mayBeWithin(k, qm, masks[Int(id)])
                        }
                    }
                    for id in found {
                        guard
                            let d = terms[Int(id)].withUnsafeBufferPointer({ pattern.distance(to: $0, bound: k) }),
                            d > 0
                        else { continue }
                        out.append(
                            Candidate(
                                term: id, quality: d == 1 ? Scoring.oneTypoQuality : Scoring.twoTyposQuality,
                                edits: UInt8(d), how: 2))
                    }
                }
                // typos while typing: the last word against word beginnings
                if isLast && exactID < 0 {
                    typeAheadMasks.forEachPossible(length: n, edits: k, queryMask: qm) { id in
                        let d = terms[Int(id)].withUnsafeBufferPointer {
                            pattern.prefixDistance(to: $0, bound: k)
                        }
                        if let d, d > 0 {
                            out.append(
                                Candidate(
                                    term: id,
                                    quality: d == 1 ? Scoring.oneTypoPrefixQuality : Scoring.twoTyposPrefixQuality,
                                    edits: UInt8(d), how: 2))
                        }
                    }
                }
            }
        }
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
                let lo = max(1, n - bound), hi = min(typeAheadMasks.maxLength, n + bound)
                guard lo <= hi else { return }
                let qm = NameIndex.mask(q)
                OSAPattern.with(qb) { pattern in
                    for len in lo...hi {
                        for id in typeAheadMasks.words(ofLength: len)
                        where NameIndex.mayBeWithin(bound, qm, termMask[Int(id)]) {
                            if termIsWeak[Int(id)] { continue }
                            guard
                                let d = terms[Int(id)].withUnsafeBufferPointer({
                                    pattern.distance(to: $0, bound: bound)
                                })
                            else { continue }
                            let w = termWeight[Int(id)]
                            if best == nil || d < best!.d || (d == best!.d && w < best!.w) { best = (d, w, id) }
                        }
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
