/// The few ANSI colours armox uses, and where: statuses, `error:`, `hint:`,
/// `note:`, table headers. Applied only when an `OutputStyle` says colour is
/// on, and always around text whose width was measured plain, so escape
/// codes never count as columns.
public enum Tint: String, Sendable, CaseIterable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
    case boldRed = "1;31"

    /// `text` wrapped in this tint's SGR code and a reset; `text` itself when `on` is false or it is empty.
    public func apply(_ text: String, when on: Bool = true) -> String {
        guard on, !text.isEmpty else { return text }
        return "\u{1B}[\(rawValue)m" + text + "\u{1B}[0m"
    }

    /// A job status's colour: completed green, failed red, cancelled yellow,
    /// still running (pending, processing) cyan; a status armox does not know, none.
    public static func status(_ status: String) -> Tint? {
        switch status {
        case "completed": return .green
        case "failed": return .red
        case "cancelled": return .yellow
        case "pending", "processing": return .cyan
        default: return nil
        }
    }

    /// `text` without ANSI escape sequences (CSI `ESC [ … letter`): what a
    /// terminal shows of it, for measuring and for tests.
    public static func strip(_ text: String) -> String {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let next = scalars.next() else { break }
            guard next == "[" else { continue }
            while let code = scalars.next(), !(0x40...0x7E).contains(code.value) {}
        }
        return result
    }
}
