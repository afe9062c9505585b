import ArmoxAPI
import ArmoxShell

/// `GET /apps`'s body as the client reads it.
///
/// Properties: decodes or is reported malformed; the apps re-encode and read
/// back equal; every input is found by its own id (what `run-app` relies
/// on); the apps survive the catalogue cache's line format whole.
enum AppsTarget {
    static func check(_ bytes: [UInt8]) throws {
        guard let apps = try ResponseChecks.list(App.self, bytes) else { return }
        try ResponseChecks.roundTripList(apps, "apps")
        for app in apps {
            for input in app.inputs {
                try require(app.input(named: input.id) != nil, "app \(app.id.debugDescription) does not find its input \(input.id.debugDescription)")
            }
        }
        let index = CatalogueIndex(apps: apps)
        try require(index.apps == apps, "the catalogue changed the apps: \(apps) became \(index.apps)")
        for app in apps {
            try require(index.app(named: app.id) != nil, "the catalogue does not find app \(app.id.debugDescription)")
        }
    }
}
