import HTTPTypes
import LeagueWire
import ProtobufCRuntime

/// What a page handler produces: the HTML template with its context, the JSON the
/// CLI's `--json` would print for the same answer, and the dataset version behind it.
struct Page {
    var template: String
    var title: String
    var context: [String: Any]
    /// Built only when JSON was asked for.
    var json: () -> String
    var dataVersion: String
    var status: HTTPResponse.Status = .ok
}

/// A handler's answer: a page, or a redirect (e.g. a postcode typed in the search box).
enum PageOutcome {
    case page(Page)
    case redirect(String)
}

/// JSON of several messages in one object, as `nhs-league rank --json` prints.
func jsonObject(_ build: (inout ProtoJSONWriter) -> Void) -> String {
    var writer = ProtoJSONWriter()
    writer.object(build)
    return writer.text
}
