import Foundation
import Testing

@testable import ArmoxRender

/// A command's result turned into text where it lands: the terminal-safety
/// rule, tables fitted to the width, colour only where allowed, images in the
/// terminal's own protocol.
@Suite("presentation")
struct PresentationTests {
    static let hostile = "name\u{1B}]0;pwned\u{7}\nnext"

    @Test func linesShowEveryControlCharacterAsItsEscape() {
        let text = Presentation.lines([Self.hostile, "plain"]).rendered(in: .plain)
        #expect(text == "name\\u{1B}]0;pwned\\u{7}\\nnext\nplain\n")
    }

    @Test func aParagraphKeepsItsLineBreaksAndNothingElse() {
        #expect(Presentation.paragraph(Self.hostile).rendered(in: .plain) == "name\\u{1B}]0;pwned\\u{7}\nnext\n")
    }

    @Test func textIsWrittenAsItIsWithOneFinalLineBreak() {
        #expect(Presentation.text("a\u{1B}[1mb").rendered(in: .plain) == "a\u{1B}[1mb\n")
        #expect(Presentation.text("a\n").rendered(in: .plain) == "a\n")
        #expect(Presentation.text("\n").rendered(in: .plain) == "\n", "echo alone prints an empty line")
        #expect(Presentation.text("").rendered(in: .plain) == "")
    }

    static let table = TextTable(
        headers: ["ID", "NAME"], rows: [["m/1", "a name long enough to cut"]], shrinkable: [1],
        tints: [0: { _ in .green }])

    @Test func aTableFitsTheWidthLessItsIndent() {
        #expect(Presentation.table(Self.table).rendered(in: .plain) == "ID   NAME\nm/1  a name long enough to cut\n")
        let fitted = Presentation.table(Self.table, indent: "  ").rendered(in: OutputStyle(width: 20))
        #expect(fitted == "  ID   NAME\n  m/1  a name long…\n")
        for line in fitted.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 20) }
    }

    @Test func colourOnlyWhereTheStyleAllowsIt() {
        #expect(!Presentation.table(Self.table).rendered(in: .plain).contains("\u{1B}"))
        let coloured = Presentation.table(Self.table).rendered(in: OutputStyle(colour: true))
        #expect(coloured.contains(Tint.green.apply("m/1")))
        #expect(Tint.strip(coloured) == Presentation.table(Self.table).rendered(in: .plain))
    }

    @Test func anImageInTheTerminalsProtocolOrNotAtAll() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let image = Presentation.parts([.image(png, name: "a.png"), .line("https://x/a.png")])
        #expect(image.rendered(in: OutputStyle(inlineImages: .kitty)) == KittyGraphics.displayPNG(png) + "\nhttps://x/a.png\n")
        #expect(image.rendered(in: OutputStyle(inlineImages: .iTerm2)) == ITermInlineImage.display(png, name: "a.png") + "\nhttps://x/a.png\n")
        #expect(image.rendered(in: OutputStyle(inlineImages: .multiplexer("tmux"))) == "https://x/a.png\n")
        #expect(image.rendered(in: .plain) == "https://x/a.png\n")
    }

    @Test func emptyPartsTakeNoLine() {
        let parts = Presentation.parts([.line("a"), .nothing, .lines([]), .text(""), .line("b")])
        #expect(parts.rendered(in: .plain) == "a\nb\n")
        #expect(Presentation.nothing.rendered(in: .plain) == "")
    }

    /// Rendering is text in, text out: it may know the API's data, but it
    /// reaches for no terminal, file, process or network.
    @Test func theRenderingModuleImportsOnlyTheAPIsData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/ArmoxRender")
        var imports: Set<String> = []
        var files = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            files += 1
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                imports.insert(String(line.dropFirst("import ".count)))
            }
        }
        #expect(files >= 12)
        #expect(imports.isSubset(of: ["ArmoxAPI", "Foundation", "Synchronization"]), "\(imports.sorted())")
    }
}
