import Foundation

/// Terminal styling: colour only when stdout is a terminal, `NO_COLOR` is unset
/// (https://no-color.org) and `TERM` is not "dumb".
struct Style: Sendable {
    let enabled: Bool

    static let current: Style = {
        let env = ProcessInfo.processInfo.environment
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = env["TERM"] == "dumb"
        return Style(enabled: isatty(STDOUT_FILENO) == 1 && !noColor && !dumb)
    }()

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    /// Colour for a segment: 1-2 green, 3 yellow, 4-5 red.
    func segment(_ segment: UInt32?, _ text: String) -> String {
        switch segment {
        case 1, 2: green(text)
        case 3: yellow(text)
        case 4, 5: red(text)
        default: text
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
