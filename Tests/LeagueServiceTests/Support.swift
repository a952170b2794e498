import Foundation
import LeagueCore
import LeagueData
import LeagueService
import LeagueWire
import Logging

/// The embedded dataset, loaded once (it is immutable), and a service answering from it.
enum Shared {
    static let snapshot: LeagueSnapshot = {
        do {
            return try LeagueSnapshot.load(from: EmbeddedDataset.directory)
        } catch {
            fatalError("the embedded dataset must load: \(error)")
        }
    }()

    static let service = LeagueService(snapshot: snapshot, serverVersion: "test", logger: quietLogger)

    static var dataset: Dataset { snapshot.dataset }

    /// Every trust's ODS code, the population answers are checked on.
    static let trustCodes: [String] = snapshot.dataset.trusts.map(\.odsCode)
}

/// Tests log nowhere: failures speak through expectations.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Asks the shared service, with a request id that must come back on the answer.
func ask(_ call: Call, id: UInt64 = 7) -> Response {
    Shared.service.respond(to: Request(id: id, call: call))
}

extension NearestRequest {
    static func with(_ configure: (inout NearestRequest) -> Void) -> NearestRequest {
        var request = NearestRequest()
        configure(&request)
        return request
    }
}

extension LeagueTableRequest {
    static func with(_ configure: (inout LeagueTableRequest) -> Void) -> LeagueTableRequest {
        var request = LeagueTableRequest()
        configure(&request)
        return request
    }
}
