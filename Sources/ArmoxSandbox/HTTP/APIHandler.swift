#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// The API endpoints themselves, after faults: authentication, the rate
/// limit, then each endpoint as docs/api.md describes it.
struct APIHandler {
    let state: SandboxState

    func handle(_ endpoint: SandboxEndpoint, jobId: String, fileName: String, request: Request) async -> APIResponse {
        if endpoint == .files {
            // Output URLs are fetched by browsers, `download` and `open`: no key.
            return await file(jobId: jobId, name: fileName)
        }
        let admission: RateLimiter.Admission
        switch await state.authorize(request.headers[.authorization], at: state.clock.now) {
        case .failure(let error): return APIResponse(error)
        case .success(let admitted): admission = admitted
        }
        var response = await authenticated(endpoint, jobId: jobId, request: request)
        // Every request admitted by the limiter counts against the window, so
        // every answer to one reports the window, errors included.
        response.headers += admission.headers
        return response
    }

    private func authenticated(_ endpoint: SandboxEndpoint, jobId: String, request: Request) async -> APIResponse {
        switch endpoint {
        case .models:
            return APIResponse(bytes: await state.modelListBytes(), contentType: "application/json")
        case .modelsRun:
            return await runModel(request)
        case .jobsList:
            switch Self.limit(request.uri.queryParameters.get("limit")) {
            case .failure(let error): return APIResponse(error)
            case .success(let limit): return APIResponse(json: await state.jobList(limit: limit, at: state.clock.now))
            }
        case .jobGet:
            return Self.answer(await state.jobRecord(id: jobId, at: state.clock.now))
        case .jobCancel:
            return Self.answer(await state.cancelJob(id: jobId, at: state.clock.now))
        case .apps:
            return APIResponse(json: await state.appList())
        case .appsRun:
            return await runApp(request)
        case .account:
            return APIResponse(json: await state.account(at: state.clock.now))
        case .files:
            return APIResponse(.notFound)
        }
    }

    /// 200 with the finished job for image and text models (after their short
    /// simulated generation), 202 with the accepted job for the others.
    private func runModel(_ request: Request) async -> APIResponse {
        let body: [UInt8]
        switch await RequestBodyReader.read(request) {
        case .failure(let error): return APIResponse(error)
        case .success(let bytes): body = bytes
        }
        let run: ModelRunRequest
        switch ModelRunRequest.parse(body) {
        case .failure(let error): return APIResponse(error)
        case .success(let parsed): run = parsed
        }
        let job: Job
        switch await state.acceptModelRun(run, at: state.clock.now) {
        case .failure(let error): return APIResponse(error)
        case .success(let accepted): job = accepted
        }
        guard job.isSynchronous else {
            return APIResponse(status: 202, json: await state.acceptedResponse(jobId: job.id) ?? .null)
        }
        let wait = job.finishesAt.timeIntervalSince(state.clock.now)
        if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
        // Never earlier than the job's end, whatever the clocks say.
        let now = max(state.clock.now, job.finishesAt)
        return APIResponse(json: await state.runResponse(jobId: job.id, at: now) ?? .null)
    }

    /// Always 202: apps run in the background.
    private func runApp(_ request: Request) async -> APIResponse {
        let body: [UInt8]
        switch await RequestBodyReader.read(request) {
        case .failure(let error): return APIResponse(error)
        case .success(let bytes): body = bytes
        }
        let run: AppRunRequest
        switch AppRunRequest.parse(body) {
        case .failure(let error): return APIResponse(error)
        case .success(let parsed): run = parsed
        }
        switch await state.acceptAppRun(run, at: state.clock.now) {
        case .failure(let error): return APIResponse(error)
        case .success(let job):
            return APIResponse(status: 202, json: await state.acceptedResponse(jobId: job.id) ?? .null)
        }
    }

    private func file(jobId: String, name: String) async -> APIResponse {
        guard let file = await state.file(jobId: jobId, name: name, at: state.clock.now) else {
            return APIResponse(.notFound)
        }
        return APIResponse(bytes: file.media.bytes(), contentType: file.media.contentType)
    }

    /// `limit` of `GET /jobs`: 1 to 100, 20 when absent.
    static func limit(_ raw: String?) -> Result<Int, APIError> {
        guard let raw else { return .success(20) }
        guard let value = Int(raw), (1...100).contains(value) else {
            return .failure(APIError(400, "Invalid limit: \(raw). limit must be an integer between 1 and 100"))
        }
        return .success(value)
    }

    private static func answer(_ result: Result<JSONValue, APIError>) -> APIResponse {
        switch result {
        case .success(let json): return APIResponse(json: json)
        case .failure(let error): return APIResponse(error)
        }
    }
}
