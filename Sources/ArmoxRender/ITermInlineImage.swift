import Foundation

/// iTerm2's inline images protocol (iterm2.com/documentation-images.html),
/// which WezTerm speaks too:
/// `ESC ] 1337 ; File=inline=1;size=N;name=<base64 name> : <base64 file> BEL`.
/// The terminal decodes the file itself, so PNG, JPEG and GIF all show.
public enum ITermInlineImage {
    public static func display(_ file: [UInt8], name: String) -> String {
        let encodedName = Data(name.utf8).base64EncodedString()
        return "\u{1B}]1337;File=inline=1;size=\(file.count);name=\(encodedName):\(Data(file).base64EncodedString())\u{7}"
    }
}
