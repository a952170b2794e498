import Foundation
import HTTPTypes
import Hummingbird
import LeagueWire
import Mustache

/// The routes, the templates and the response rules shared by every page.
struct WebSite: Sendable {
    let gateway: LeagueGateway
    let templates: MustacheLibrary
    let stylesheet: ByteBuffer
    /// Changes with the CSS, so browsers may keep it for a year.
    let stylesheetPath: String
    /// Region names per table and quarter, for the league table's filter.
    let regions = RegionCache()

    init(gateway: LeagueGateway) async throws {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw WebError(
                .internalServerError, title: "Missing resources", message: "templates not bundled", code: .internal)
        }
        self.gateway = gateway
        self.templates = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let css = try Data(contentsOf: resources.appendingPathComponent("static/nhs.css"))
        self.stylesheet = ByteBuffer(bytes: css)
        self.stylesheetPath = "/static/nhs-\(String(fnv1a(css), radix: 16)).css"
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in await respond(request) { try await HomePage.make(request, self) } }
        router.get("/search") { request, _ in await respond(request) { try await SearchPage.make(request, self) } }
        router.get("/trust/:code") { request, context in
            await respond(request) {
                try await TrustPage.make(code: context.parameters.get("code") ?? "", site: nil, self)
            }
        }
        router.get("/trust/:code/hospital/:site") { request, context in
            await respond(request) {
                try await TrustPage.make(
                    code: context.parameters.get("code") ?? "", site: context.parameters.get("site") ?? "", self)
            }
        }
        router.get("/nearest") { request, _ in await respond(request) { try await NearestPage.make(request, self) } }
        router.get("/tables") { request, _ in await respond(request) { try await TablePage.make(request, self) } }
        router.get("/about") { request, _ in await respond(request) { try await AboutPage.make(self) } }
        router.get("/static/:file") { _, context in
            guard context.parameters.get("file").map({ "/static/\($0)" }) == stylesheetPath else {
                return Response(status: .notFound)
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: stylesheet))
        }
        router.get("/health") { _, _ in
            do {
                _ = try await gateway.serverInfo()
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(
                    status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "unavailable\n")))
            }
        }
        return router
    }

    /// Runs a page handler and turns its outcome (or error) into HTML or JSON.
    func respond(_ request: Request, _ make: () async throws -> PageOutcome) async -> Response {
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        do {
            switch try await make() {
            case .redirect(let location):
                var headers = HTTPFields()
                headers[.location] = location
                headers[.cacheControl] = "no-cache"
                return Response(status: .seeOther, headers: headers)
            case .page(let page):
                let etag =
                    "\"\(String(fnv1a(Data((page.dataVersion + stylesheetPath).utf8)), radix: 16))-\(wantsJSON ? "j" : "h")\""
                var headers = Self.commonHeaders(json: wantsJSON)
                headers[.eTag] = etag
                headers[.cacheControl] = "public, max-age=60"
                if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
                    $0.trimmingCharacters(in: .whitespaces) == etag
                }) == true {
                    return Response(status: .notModified, headers: headers)
                }
                let body = wantsJSON ? page.json() + "\n" : render(page)
                return Response(
                    status: page.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        } catch {
            let error =
                error as? WebError
                ?? WebError(
                    .internalServerError, title: "Sorry, there is a problem with the service",
                    message: "Try again later.", code: .internal, cause: error)
            var headers = Self.commonHeaders(json: wantsJSON)
            headers[.cacheControl] = "no-store"
            let body =
                wantsJSON
                ? jsonObject { json in
                    json.key("status")
                    json.message(error.statusMessage)
                } + "\n"
                : render(
                    Page(
                        template: "error", title: error.title,
                        context: [
                            "heading": error.title, "message": error.message,
                            "unavailable": error.status == .serviceUnavailable,
                        ],
                        json: { "" }, dataVersion: "", status: error.status))
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    private func render(_ page: Page) -> String {
        var context = Self.withoutEmptyText(page.context)
        context["pageTitle"] = page.title
        context["stylesheet"] = stylesheetPath
        return templates.render(context, withTemplate: page.template) ?? ""
    }

    /// Mustache treats "" as true in sections; dropping empty text lets `{{#note}}` mean "has a note".
    private static func withoutEmptyText(_ context: [String: Any]) -> [String: Any] {
        context.compactMapValues { value -> Any? in
            switch value {
            case let text as String: text.isEmpty ? nil : text
            case let nested as [String: Any]: withoutEmptyText(nested)
            case let list as [[String: Any]]: list.map(withoutEmptyText)
            default: value
            }
        }
    }

    /// No cookies, no third parties: the policy allows only this site's own stylesheet.
    private static func commonHeaders(json: Bool) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = json ? "application/json; charset=utf-8" : "text/html; charset=utf-8"
        headers[.vary] = "Accept"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }
}

/// FNV-1a, 64-bit: a stable short fingerprint for ETags and the stylesheet's name.
func fnv1a(_ data: Data) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return hash
}

/// Region names per dataset version, table and quarter: they change only with the data,
/// so the table page need not fetch a whole table on every request just to list them.
actor RegionCache {
    private var entries: [String: [String]] = [:]

    func get(_ key: String) -> [String]? { entries[key] }

    func set(_ key: String, _ regions: [String]) {
        if entries.count > 64 { entries.removeAll() }  // old dataset versions
        entries[key] = regions
    }
}
