import LeagueCore
import LeagueWire
import Synchronization

/// Encoded answers, remembered for the snapshot they were computed from: an answer is a
/// pure function of (snapshot, request), so the bytes computed once serve every later
/// request for the same thing.
///
/// Every entry belongs to exactly one snapshot: the cache holds that snapshot (by
/// reference, so its identity cannot be reused) and drops everything the first time it
/// is asked on behalf of another one. A cached answer therefore never outlives its
/// snapshot, and a reload (or a `SnapshotStore.replace`) is never answered with old bytes.
///
/// Three kinds of entries, each bounded:
/// - per trust (`Trust` message bytes, and whole GetTrust / TrustHistory / ListActions
///   answers) and ServerInfo: at most a few per trust of the snapshot, so bounded by the
///   dataset;
/// - per place of the geo indexes (`NearbyFragment`: what a trust brings to a Nearest
///   answer, measured from that place): at most `placeBudgetBytes`; past it a fragment is
///   built for the request and not kept;
/// - per request (FindTrusts without its trusts, LeagueTable; keyed by the call as asked): at most
///   `requestBudgetBytes` of answers; when full, the per-request entries are dropped and
///   refilled (bounded memory, no bookkeeping on the hot path).
final class AnswerCache: Sendable {
    /// What an entry answers.
    enum Key: Hashable {
        /// The `Trust` message of one trust (ODS code), spliced into search and nearest answers.
        case trust(String)
        /// A whole answer body for a call about one trust (`Call.name`, ODS code).
        case trustAnswer(call: String, code: String)
        case serverInfo
        /// The OK response without a result (`status`, `data_version`), which assembled
        /// answers start with.
        case okEnvelope
    }

    /// A per-request entry.
    enum RequestEntry: Sendable {
        /// The answer body.
        case body([UInt8])
        /// The answer without the `Trust` messages it lists, which are cached per trust.
        case spliced(SplicedAnswer)

        /// What the entry counts against the budget.
        var byteCount: Int {
            switch self {
            case .body(let bytes): bytes.count
            case .spliced(let parts): parts.byteCount
            }
        }
    }

    fileprivate struct State {
        var snapshot: LeagueSnapshot?
        var byTrust: [Key: [UInt8]] = [:]
        var byRequest: [Call: RequestEntry] = [:]
        var requestBytes = 0
        /// Keyed by the place's identity: the snapshot holds its places, and the entries go
        /// with the snapshot, so an identifier is never reused while it is a key here.
        var byPlace: [ObjectIdentifier: NearbyFragment] = [:]
        var placeBytes = 0
    }

    /// The per-request entries' bound, in answer bytes.
    let requestBudgetBytes: Int
    /// The per-place entries' bound, in bytes: 1 MiB holds the fragments of about 4,000
    /// places, every inpatient site the default Nearest index can list (clinics, asked for
    /// with `include_clinics`, are ten times as many and stop being kept past it).
    static let placeBudgetBytes = 1 << 20
    private let state = Mutex(State())
    // operations: hits and misses are exported as nhs_league_cache_{hits,misses}_total.
    private let perTrustLookups = ServiceMetrics.CacheLookupCounters(cache: "per_trust")
    private let perRequestLookups = ServiceMetrics.CacheLookupCounters(cache: "per_request")
    private let perPlaceLookups = ServiceMetrics.CacheLookupCounters(cache: "per_place")

    init(requestBudgetBytes: Int) {
        self.requestBudgetBytes = requestBudgetBytes
    }

    /// The bytes for `key` in `snapshot`, computed by `make` (outside the lock) the first time.
    func value(for key: Key, in snapshot: LeagueSnapshot, make: () throws -> [UInt8]) rethrows -> [UInt8] {
        let hit = state.withLock { state in
            state.adopt(snapshot)
            return state.byTrust[key]
        }
        perTrustLookups.record(hit: hit != nil)
        if let hit { return hit }
        let bytes = try make()
        state.withLock { state in
            // Stored only if the snapshot is still the one being cached for.
            if state.snapshot === snapshot { state.byTrust[key] = bytes }
        }
        return bytes
    }

    /// The answer for `call` in `snapshot`, if cached.
    func answer(for call: Call, in snapshot: LeagueSnapshot) -> RequestEntry? {
        let cached = state.withLock { state in
            state.adopt(snapshot)
            return state.byRequest[call]
        }
        perRequestLookups.record(hit: cached != nil)
        return cached
    }

    /// The fragment of each of `trusts` in `snapshot` (in order), built by `make` (outside
    /// the lock) the first time each place is asked for; nil where `make` gives nil.
    func nearbyFragments(
        for trusts: [NearestTrust], in snapshot: LeagueSnapshot, make: (NearestTrust) -> NearbyFragment?
    ) -> [NearbyFragment?] {
        var fragments = state.withLock { state in
            state.adopt(snapshot)
            return trusts.map { nearby -> NearbyFragment? in
                // A place belongs to one trust; the code check keeps that an assumption, not a risk.
                guard let hit = state.byPlace[ObjectIdentifier(nearby.place)], hit.trustCode == nearby.odsCode
                else { return nil }
                return hit
            }
        }
        var made: [(key: ObjectIdentifier, fragment: NearbyFragment)] = []
        for (index, nearby) in trusts.enumerated() where fragments[index] == nil {
            guard let fragment = make(nearby) else { continue }
            fragments[index] = fragment
            made.append((ObjectIdentifier(nearby.place), fragment))
        }
        perPlaceLookups.record(hits: trusts.count - made.count, misses: made.count)
        if !made.isEmpty {
            state.withLock { state in
                guard state.snapshot === snapshot else { return }
                for (key, fragment) in made where state.placeBytes + fragment.byteCount <= Self.placeBudgetBytes {
                    if state.byPlace.updateValue(fragment, forKey: key) == nil {
                        state.placeBytes += fragment.byteCount
                    }
                }
            }
        }
        return fragments
    }

    /// Remembers the answer for `call` in `snapshot`, within the budget.
    func store(_ entry: RequestEntry, for call: Call, in snapshot: LeagueSnapshot) {
        let size = entry.byteCount
        guard size <= requestBudgetBytes / 4 else { return }
        state.withLock { state in
            guard state.snapshot === snapshot else { return }
            if state.requestBytes + size > requestBudgetBytes {
                state.byRequest.removeAll(keepingCapacity: true)
                state.requestBytes = 0
            }
            if state.byRequest.updateValue(entry, forKey: call) == nil { state.requestBytes += size }
        }
    }

    /// Drops every entry and the snapshot they belong to, in favour of `snapshot`. Called on
    /// reload: otherwise the previous snapshot (tens of MiB) stays alive, held by the cache,
    /// until the next request happens to ask.
    func reset(for snapshot: LeagueSnapshot) {
        state.withLock { $0.adopt(snapshot) }
    }

    /// The per-request entries and their bytes, for tests and metrics.
    var requestEntries: (count: Int, bytes: Int) {
        state.withLock { ($0.byRequest.count, $0.requestBytes) }
    }

    /// The per-place entries and their bytes, for tests and metrics.
    var placeEntries: (count: Int, bytes: Int) {
        state.withLock { ($0.byPlace.count, $0.placeBytes) }
    }
}

extension AnswerCache.State {
    /// Makes `snapshot` the one cached for, dropping every entry of another one.
    /// (A request still running on the previous snapshot right after a reload may flip it
    /// back once: entries are only ever lost, never served for the wrong snapshot.)
    fileprivate mutating func adopt(_ snapshot: LeagueSnapshot) {
        if self.snapshot !== snapshot {
            self = Self(snapshot: snapshot)
        }
    }
}
