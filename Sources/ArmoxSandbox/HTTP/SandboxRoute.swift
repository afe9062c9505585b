import Hummingbird

/// Where a request goes, decided from its method and path alone.
///
/// The sandbox routes by hand rather than with Hummingbird's `Router` so that
/// every outcome — including unknown paths and wrong methods — is answered in
/// the API's own error shape, and so the routing table reads in one place.
enum SandboxRoute: Equatable {
    /// An API endpoint (or the output files), with the path's job id or file
    /// parts where it has them.
    case endpoint(SandboxEndpoint, jobId: String? = nil, fileName: String? = nil)
    case control(ControlAction)
    /// The path exists but not with this method; `allowed` goes in `Allow`.
    case methodNotAllowed(allowed: [String])
    case notFound

    enum ControlAction: Equatable {
        case injectFault, clearFaults, ledger, state
    }

    static func resolve(method: HTTPRequest.Method, path rawPath: String) -> SandboxRoute {
        var path = rawPath
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let candidates = routes(for: parts)
        if candidates.isEmpty { return .notFound }
        if let match = candidates.first(where: { $0.method == method.rawValue }) { return match.route }
        return .methodNotAllowed(allowed: candidates.map(\.method))
    }

    /// The routes a path names, one per method.
    private static func routes(for parts: [String]) -> [(method: String, route: SandboxRoute)] {
        switch parts.count {
        case 3... where parts[0] == "api" && parts[1] == "v1":
            return apiRoutes(for: Array(parts.dropFirst(2)))
        case 3 where parts[0] == "files":
            return [("GET", .endpoint(.files, jobId: parts[1], fileName: parts[2]))]
        case 2 where parts[0] == "_sandbox":
            switch parts[1] {
            case "faults": return [("POST", .control(.injectFault)), ("DELETE", .control(.clearFaults))]
            case "ledger": return [("GET", .control(.ledger))]
            case "state": return [("GET", .control(.state))]
            default: return []
            }
        default:
            return []
        }
    }

    private static func apiRoutes(for parts: [String]) -> [(method: String, route: SandboxRoute)] {
        switch parts {
        case ["models"]: return [("GET", .endpoint(.models))]
        case ["models", "run"]: return [("POST", .endpoint(.modelsRun))]
        case ["jobs"]: return [("GET", .endpoint(.jobsList))]
        case ["apps"]: return [("GET", .endpoint(.apps))]
        case ["apps", "run"]: return [("POST", .endpoint(.appsRun))]
        case ["account"]: return [("GET", .endpoint(.account))]
        default:
            if parts.count == 2, parts[0] == "jobs" { return [("GET", .endpoint(.jobGet, jobId: parts[1]))] }
            if parts.count == 3, parts[0] == "jobs", parts[2] == "cancel" {
                return [("POST", .endpoint(.jobCancel, jobId: parts[1]))]
            }
            return []
        }
    }
}
