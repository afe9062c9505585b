import ArmoxAPI

extension Evaluator {
    func appList() async throws -> [App] {
        if let cached = session.apps { return cached }
        let apps = try await client.apps()
        session.apps = apps
        host.catalogueObserver?(.apps(apps))
        return apps
    }

    /// An app by id or by name (case-insensitive).
    func app(named name: String, at location: SourceLocation) async throws -> App {
        let apps = try await appList()
        if let app = apps.first(where: { $0.id == name }) ?? apps.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return app
        }
        throw ScriptError(
            "unknown app \"\(name)\"",
            hint: Nearest.hint(for: name, among: apps.map(\.name) + apps.map(\.id), limit: 2, shown: { "\"\($0)\"" }, otherwise: "apps lists them"),
            at: location)
    }


}
