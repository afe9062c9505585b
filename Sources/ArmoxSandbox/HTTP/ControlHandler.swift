#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// The control surface, for tests that drive a sandbox in another process
/// (the `armox sandbox` binary). No authentication: the sandbox is loopback only.
///
/// - `POST /_sandbox/faults` with `{"endpoint": "modelsRun", "fault": <fault>, "times": 1}`
///   (`fault` in the JSON form documented on `SandboxFault`; `times` defaults to 1)
///   → 200 `{"ok": true, "pending": <faults now queued on that endpoint>}`
/// - `DELETE /_sandbox/faults` → 200 `{"ok": true}`
/// - `GET /_sandbox/ledger` → 200, a JSON array of `LedgerEntry`
/// - `GET /_sandbox/state` → 200, a `SandboxSnapshot`
struct ControlHandler {
    let state: SandboxState

    private struct FaultInjection: Decodable {
        let endpoint: SandboxEndpoint
        let fault: SandboxFault
        let times: Int?
    }

    func handle(_ action: SandboxRoute.ControlAction, request: Request) async -> APIResponse {
        switch action {
        case .injectFault:
            return await inject(request)
        case .clearFaults:
            await state.clearFaults()
            return APIResponse(json: ["ok": true])
        case .ledger:
            return Self.encoded(await state.ledgerEntries())
        case .state:
            return Self.encoded(await state.snapshot())
        }
    }

    private func inject(_ request: Request) async -> APIResponse {
        let body: [UInt8]
        switch await RequestBodyReader.read(request) {
        case .failure(let error): return APIResponse(error)
        case .success(let bytes): body = bytes
        }
        guard JSONValue.parse(body) != nil else { return APIResponse(.invalidJSON) }
        let injection: FaultInjection
        do {
            injection = try JSONDecoder().decode(FaultInjection.self, from: Data(body))
        } catch {
            let endpoints = SandboxEndpoint.allCases.map(\.rawValue).joined(separator: ", ")
            return APIResponse(
                APIError(
                    400,
                    "Expected {\"endpoint\": one of \(endpoints), \"fault\": {\"kind\": ...}, \"times\": N}: "
                        + Self.describe(error)))
        }
        let times = injection.times ?? 1
        guard times >= 1 else { return APIResponse(APIError(400, "times must be at least 1")) }
        await state.inject(injection.fault, on: injection.endpoint, times: times)
        let pending = await state.snapshot().pendingFaults[injection.endpoint.rawValue] ?? 0
        return APIResponse(json: ["ok": true, "pending": .int(pending)])
    }

    private static func encoded(_ value: some Encodable) -> APIResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return APIResponse(APIError(500, "Internal server error"))
        }
        return APIResponse(bytes: Array(data), contentType: "application/json")
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context): return context.debugDescription
        case DecodingError.valueNotFound(_, let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
