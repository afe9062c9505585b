import ArmoxAPI
import Foundation
import Synchronization
import ArmoxTestSupport
import Testing

@testable import ArmoxShell

@Suite("Completer: file paths")
struct CompleterPathTests {
    @Test func sourceListsTheWorkingDirectory() {
        let completion = complete("source Ex")
        #expect(completion.replacing == "Ex")
        #expect(completion.texts == ["Examples/", "Exports/"])
        #expect(completion.candidates.allSatisfy { $0.terminator == "" })
        #expect(completion.insertion == nil, "their common prefix is what was typed")
        #expect(complete("source E").insertion == "Ex", "their common prefix")
        let examples = complete("source Exa")
        #expect(examples.insertion == "Examples/", "a folder takes no space")
        let inside = complete("source Examples/0")
        #expect(inside.replacing == "Examples/0")
        #expect(inside.texts == ["Examples/01-first-image.armox", "Examples/02-video.armox"])
        #expect(inside.displays == ["01-first-image.armox", "02-video.armox"], "the listing shows names without their folder")
        #expect(complete("source Examples/01").insertion == "Examples/01-first-image.armox ")
        #expect(complete("source Examples/a").displays == ["assets/"])
        #expect(complete("source /tmp/").texts == ["/tmp/log.txt", "/tmp/scratch/"])
        #expect(complete("source nowhere/x").candidates.isEmpty, "a folder that cannot be read")
        #expect(complete("source Examples/01-first-image.armox ").candidates.isEmpty, "the script's arguments are free")
    }

    @Test func readAndGalleryTakeFilesAndDownloadTakesAll() {
        #expect(complete("read Examples/0").texts == ["Examples/01-first-image.armox", "Examples/02-video.armox"])
        #expect(complete("gallery Ex").texts == ["Examples/", "Exports/"])
        #expect(complete("download al").texts == ["all"])
    }

    @Test func theListerGetsTheFolderAsTyped() {
        let asked = Mutex<[String]>([])
        let lister = FileLister { folder in
            asked.withLock { $0.append(folder) }
            return []
        }
        let snapshot = Fixture.snapshot(files: lister)
        for line in ["source ", "source x", "source a/b/c", "source /abs/x", "source ~/", "source ../up", "source \"My Renders/h"] {
            _ = complete(line, snapshot)
        }
        #expect(asked.withLock { $0 } == ["", "", "a/b/", "/abs/", "~/", "../", "My Renders/"])
    }

    @Test func dotfilesOnlyWhenTheNameStartsWithADot() {
        let all = complete("source ")
        #expect(!all.texts.contains { $0.hasPrefix(".") || $0.hasPrefix("\".") })
        #expect(complete("source .").texts == [".cache/", ".hidden.armox"])
        #expect(complete("source Examples/.").texts == ["Examples/.draft.armox"])
        #expect(!complete("source Examples/").texts.contains("Examples/.draft.armox"))
    }

    @Test func pathsThatAreNotOneBarewordAreQuoted() {
        let renders = complete("source My")
        #expect(renders.texts == ["\"My Renders/"])
        #expect(renders.insertion == "\"My Renders/", "a quoted folder stays open")
        #expect(renders.displays == ["My Renders/"])
        let heroes = complete("source make")
        // Only the one that needs quotes is quoted: TAB never turns a plain
        // path into a string just because a neighbour has a space in it.
        #expect(heroes.texts == ["\"make heroes.armox", "make-clips.armox"])
        #expect(heroes.insertion == nil)
        #expect(complete("source make-").insertion == "make-clips.armox ")
        let one = complete("source \"make h")
        #expect(one.replacing == "\"make h")
        #expect(one.texts == ["\"make heroes.armox"])
        #expect(one.insertion == "\"make heroes.armox\" ", "the terminator closes the string")
        let inside = complete("source \"My Renders/hero 1")
        #expect(inside.texts == ["\"My Renders/hero 1.png"])
        #expect(inside.displays == ["hero 1.png"])
        // `a=b.armox` typed bare would be a key=value argument.
        #expect(complete("source a").texts == ["\"a=b.armox"])
        // Non-ASCII names are plain barewords.
        #expect(complete("source 東").texts == ["東京.armox"])
        #expect(complete("source 'make").candidates.isEmpty, "not inside a raw string")
    }

    @Test func downloadTakesAFolderAfterTheJob() {
        let completion = complete("download $job ou")
        #expect(completion.replacing == "ou")
        #expect(completion.texts == ["out/"])
        #expect(completion.insertion == "out/")
        #expect(
            complete("download $hero ").texts == ["\"My Renders/", "Examples/", "Exports/", "out/"],
            "only the folder that needs quotes is quoted")
        #expect(complete("download $hero ot").candidates.isEmpty, "files only with --force")
        #expect(complete("download $hero --force ot").texts == ["other.txt"])
        #expect(complete("download $hero out/ x").candidates.isEmpty)
    }

    /// download's target folder is the last word: a folder that needs quotes
    /// closes its string, and TAB on the closed string still goes into it.
    @Test func aQuotedDownloadFolderIsClosed() {
        let folder = complete("download $hero M")
        #expect(folder.texts == ["\"My Renders/"])
        #expect(folder.insertion == "\"My Renders/\"", "the quote it opens, it closes")
        let inside = complete("download $hero \"My Renders/\"")
        #expect(inside.replacing == "\"My Renders/\"")
        #expect(inside.insertion == "\"My Renders/old/\"")
        #expect(complete("download $hero \"My Renders/o").insertion == "\"My Renders/old/\"")
        // A file to source still leaves a folder open to go on typing.
        #expect(complete("source M").insertion == "\"My Renders/")
    }

    @Test func theDiskLister() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.path
        try FileManager.default.createDirectory(atPath: root + "/renders", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/make.armox"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/renders/a b.png"))
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: root + "/renders")
        let disk = FileLister.disk(workingDirectory: root)
        let top = try #require(disk.list(""))
        #expect(Set(top.map(\.name)) == ["renders", "make.armox", "linked"])
        #expect(top.first { $0.name == "renders" }?.isDirectory == true)
        #expect(top.first { $0.name == "linked" }?.isDirectory == true, "a link to a folder is a folder")
        #expect(top.first { $0.name == "make.armox" }?.isDirectory == false)
        #expect(disk.list("renders/")?.map(\.name) == ["a b.png"])
        #expect(disk.list(root + "/renders/")?.map(\.name) == ["a b.png"])
        #expect(disk.list("missing/") == nil)
        #expect(FileLister.resolve("~/x/", workingDirectory: "/w") == (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/x/")
        #expect(FileLister.resolve("a/", workingDirectory: "/w/") == "/w/a/")
        #expect(FileLister.resolve("", workingDirectory: "/w") == "/w")

        let snapshot = CompletionSnapshot(files: disk)
        #expect(Completer.complete("source ren", cursor: 10, in: snapshot).texts == ["renders/"])
        let line = "source renders/a"
        #expect(Completer.complete(line, cursor: line.utf8.count, in: snapshot).insertion == "\"renders/a b.png\" ")
    }
}
