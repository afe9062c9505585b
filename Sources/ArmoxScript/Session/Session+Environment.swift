import ArmoxAPI

extension Session {
    /// The environment as `$env` shows it: the key redacted, so a script
    /// cannot print it or send it as a prompt.
    public static func shown(_ environment: [String: String]) -> [String: String] {
        var shown = environment
        if let key = shown["ARMOX_API_KEY"], !key.isEmpty { shown["ARMOX_API_KEY"] = APIKeyRedaction.redacted(key) }
        return shown
    }
}
