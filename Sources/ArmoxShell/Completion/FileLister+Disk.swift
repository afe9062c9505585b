import Foundation

extension FileLister {
    /// The real file system. `folder` comes as the completer has it: "" for
    /// `workingDirectory` itself, a path ending in `/` otherwise — absolute,
    /// `~/…` (from `$HOME`), or relative to `workingDirectory`. A symbolic
    /// link to a folder counts as a folder. nil when the folder cannot be read.
    public static func disk(workingDirectory: String) -> FileLister {
        FileLister { folder in
            let path = resolve(folder, workingDirectory: workingDirectory)
            let manager = FileManager.default
            guard let names = try? manager.contentsOfDirectory(atPath: path) else { return nil }
            let base = path.hasSuffix("/") ? path : path + "/"
            return names.map { name in
                var isDirectory: ObjCBool = false
                let exists = manager.fileExists(atPath: base + name, isDirectory: &isDirectory)
                return FileEntry(name, isDirectory: exists && isDirectory.boolValue)
            }
        }
    }

    /// The folder as a path the file system takes.
    static func resolve(_ folder: String, workingDirectory: String) -> String {
        if folder.hasPrefix("/") { return folder }
        if folder == "~" || folder.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            return home + folder.dropFirst()
        }
        if folder.isEmpty { return workingDirectory }
        return (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + folder
    }
}
