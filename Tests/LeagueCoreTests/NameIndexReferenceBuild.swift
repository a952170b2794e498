import Foundation

@testable import LeagueCore

/// The name index build as it was before words became integer ids (strings all the way: merge
/// keys of the trust's code and the words, a `[String: Int32]` vocabulary, a `Set` of trusts per
/// word), kept to check that the build on ids gives the very same index.
struct NameIndexReferenceBuild {
    var entries: [SearchEntry] = []
    var entryTrust: [Int32] = []
    var termStrings: [String] = []
    var termIsCode: [Bool] = []
    var termIsWeak: [Bool] = []
    var termWeight: [Float] = []
    var unknownWeight: Float = 1
    var postings: [[UInt32]] = []
    var namePostingCount: [Int32] = []
    var entryNameWeight: [Float] = []
    var entryNameLength: [Int16] = []

    private struct EntryKey: Hashable {
        var odsCode: String
        var field: SearchField
        var tokens: [String]
        var siteCode: String
    }

    init(trusts: [SearchTrust], entries rawEntries: [SearchEntry]) {
        var trustCount = 0
        var trustIdx: [String: Int32] = [:]
        for t in trusts where trustIdx[t.odsCode] == nil {
            trustIdx[t.odsCode] = Int32(trustCount)
            trustCount += 1
        }
        var nameTokens: [[String]] = []
        var contextTokens: [[String]] = []
        var placeTokens: [[String]] = []
        var entryForKey: [EntryKey: Int] = [:]
        func distinctiveWords(_ text: String) -> [String] {
            SearchNormalizer.tokens(text).filter { !SearchNormalizer.isWeak($0) }
        }
        for e in rawEntries {
            guard let ti = trustIdx[e.odsCode] else { continue }
            var toks = e.field == .odsCode ? [e.text.lowercased()] : SearchNormalizer.tokens(e.text)
            guard !toks.isEmpty else { continue }
            let key = EntryKey(odsCode: e.odsCode, field: e.field, tokens: toks, siteCode: e.siteCode ?? "")
            if let i = entryForKey[key] {
                if let s = e.source, let old = entries[i].source, !old.contains(s) {
                    entries[i].source = old + "; " + s
                }
                continue
            }
            entryForKey[key] = entries.count
            var uniq: [String] = []
            for t in toks where !uniq.contains(t) { uniq.append(t) }
            toks = uniq
            var ctx: [String] = []
            if let c = e.context {
                for t in distinctiveWords(c) where !toks.contains(t) && !ctx.contains(t) { ctx.append(t) }
            }
            var places: [String] = []
            if let p = e.places {
                for t in distinctiveWords(p) where !toks.contains(t) && !places.contains(t) { places.append(t) }
            }
            ctx.removeAll { places.contains($0) }
            entries.append(e)
            entryTrust.append(ti)
            nameTokens.append(toks)
            contextTokens.append(ctx)
            placeTokens.append(places)
        }

        var termIndex: [String: Int32] = [:]
        var trustsPerTerm: [Set<Int32>] = []
        func intern(_ s: String, code: Bool) -> Int32 {
            if let i = termIndex[s] {
                if !code { termIsCode[Int(i)] = false }
                return i
            }
            let i = Int32(termStrings.count)
            termIndex[s] = i
            termStrings.append(s)
            termIsCode.append(code)
            trustsPerTerm.append([])
            return i
        }
        var entryTermIDs: [[Int32]] = []
        var entryContextIDs: [[Int32]] = []
        var entryPlaceIDs: [[Int32]] = []
        for (ei, toks) in nameTokens.enumerated() {
            let code = entries[ei].field == .odsCode || entries[ei].isInitialism
            let ids = toks.map { intern($0, code: code) }
            for id in ids { trustsPerTerm[Int(id)].insert(entryTrust[ei]) }
            entryTermIDs.append(ids)
            entryContextIDs.append(contextTokens[ei].map { intern($0, code: false) })
            entryPlaceIDs.append(placeTokens[ei].map { intern($0, code: false) })
        }
        let n = Float(max(trustCount, 1))
        termWeight = [Float](repeating: 0, count: termStrings.count)
        termIsWeak = [Bool](repeating: false, count: termStrings.count)
        var maxIdf: Float = 0
        var idfs: [Float] = []
        for i in 0..<termStrings.count {
            let idf = logf(1 + n / Float(max(trustsPerTerm[i].count, 1)))
            termIsWeak[i] = SearchNormalizer.isWeak(termStrings[i])
            termWeight[i] = termIsWeak[i] ? idf * NameIndex.weakWordFactor : idf
            if !termIsWeak[i] && !termIsCode[i] {
                maxIdf = max(maxIdf, idf)
                idfs.append(idf)
            }
        }
        for i in 0..<termStrings.count where termIsCode[i] { termWeight[i] = maxIdf }
        idfs.sort()
        unknownWeight = idfs.isEmpty ? 1 : idfs[idfs.count / 2]

        postings = [[UInt32]](repeating: [], count: termStrings.count)
        entryNameWeight = [Float](repeating: 0, count: entries.count)
        entryNameLength = [Int16](repeating: 0, count: entries.count)
        for ei in 0..<entries.count {
            var strong: Float = 0, all: Float = 0
            for id in entryTermIDs[ei] {
                postings[Int(id)].append(UInt32(ei) << 2 | NameIndex.Posting.name)
                all += termWeight[Int(id)]
                if !termIsWeak[Int(id)] { strong += termWeight[Int(id)] }
            }
            for id in entryContextIDs[ei] {
                postings[Int(id)].append(UInt32(ei) << 2 | NameIndex.Posting.trustContext)
            }
            for id in entryPlaceIDs[ei] {
                postings[Int(id)].append(UInt32(ei) << 2 | NameIndex.Posting.placeContext)
            }
            entryNameWeight[ei] = strong > 0 ? strong : all
            entryNameLength[ei] = Int16(min(nameTokens[ei].reduce(0) { $0 + $1.utf8.count + 1 }, Int(Int16.max)))
        }
        // each list's name holdings first (`NameIndex.namePostingCount` of them), each part in entry order
        namePostingCount = postings.map { Int32($0.count { $0 & 3 == NameIndex.Posting.name }) }
        postings = postings.map { list in
            list.filter { $0 & 3 == NameIndex.Posting.name } + list.filter { $0 & 3 != NameIndex.Posting.name }
        }
        for i in entries.indices {
            entries[i].context = nil
            entries[i].places = nil
        }
    }
}
