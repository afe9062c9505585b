#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the sandbox remembers: jobs, credits, the ledger, request
/// counts, pending faults, the rate-limit log, and webhook deliveries under way.
///
/// One actor, so that a run is validated, charged, recorded and scheduled as
/// one step, and every answer sees a consistent account. Each method that
/// reads jobs first settles the ones whose time has come (recording their
/// end, refunding failures), so state never depends on a background ticker.
actor SandboxState {
    let configuration: SandboxConfiguration
    /// What "now" is for every job and window.
    nonisolated let clock = SandboxClock()
    /// `http://host:port`, the prefix of output URLs; set once listening.
    private(set) var origin: String
    private var ledger: CreditLedger
    private var jobs: [Job] = []
    private var jobIndex: [String: Int] = [:]
    /// Indices of jobs that have not ended yet.
    private var running: [Int] = []
    private var requestCounts: [SandboxEndpoint: Int] = [:]
    private var admittedRequests = 0
    /// Requests the rate limiter answered with 429 (forced 429 faults aside).
    private var rateLimitedRequests = 0
    private var faults = FaultQueue()
    private var rateLimiter: RateLimiter
    private let webhookSender: WebhookSender
    private var webhookTasks: [String: Task<Void, Never>] = [:]
    private var isShutDown = false
    private var encodedModelList: [UInt8]?

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.origin = "http://127.0.0.1:\(configuration.port)"
        self.ledger = CreditLedger(balance: configuration.startingCredits)
        self.rateLimiter = RateLimiter(
            limit: configuration.rateLimitPerMinute, window: configuration.rateLimitWindow,
            resetRoundsDown: configuration.rateLimitResetRoundsDown)
        self.webhookSender = WebhookSender(secret: configuration.webhookSecret)
    }

    func setOrigin(_ origin: String) {
        self.origin = origin
    }

    // MARK: Requests

    /// Counts a request that reached an endpoint and hands it the next fault, if any.
    func begin(_ endpoint: SandboxEndpoint) -> SandboxFault? {
        requestCounts[endpoint, default: 0] += 1
        return faults.take(for: endpoint)
    }

    /// Authenticates an `Authorization` header and applies the key's rate limit.
    func authorize(_ authorization: String?, at now: Date) -> Result<RateLimiter.Admission, APIError> {
        guard let key = Self.bearerToken(authorization) else { return .failure(.missingToken) }
        switch key {
        case SandboxKeys.valid: break
        case SandboxKeys.noPlan: return .failure(.noPlan)
        default: return .failure(.invalidKey)
        }
        let admission = rateLimiter.admit(key: key, at: now)
        switch admission {
        case .success: admittedRequests += 1
        case .failure: rateLimitedRequests += 1
        }
        return admission
    }

    /// The token of `Bearer <token>` (scheme in any case); nil when absent or empty.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingSpaces
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(trimmed.dropFirst(7)).trimmingSpaces
        return token.isEmpty ? nil : token
    }

    // MARK: Catalogue

    /// `modelList()` as bytes, written on the first request and kept: the
    /// list never changes, and 100,000 synthetic models take a while to write.
    func modelListBytes() -> [UInt8] {
        if let encodedModelList { return encodedModelList }
        let bytes = JSONWriter.bytes(modelList())
        encodedModelList = bytes
        return bytes
    }

    func modelList() -> JSONValue {
        let count = min(max(0, configuration.syntheticModels), SandboxConfiguration.maxSyntheticModels)
        return ["object": "list", "data": .array(ModelCatalogue.all.map(\.json) + (0..<count).map { Self.syntheticModel($0 + 1) })]
    }

    /// A made-up model in the API reference's shape (see `syntheticModels`).
    static func syntheticModel(_ number: Int) -> JSONValue {
        let id = "synthetic/model-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
        return [
            "id": .string(id), "name": .string("Synthetic Model \(number)"),
            "modality": .string(["image", "video", "audio", "3d"][number % 4]), "cost": .int(10 + number % 500),
            "inputTypes": ["text", "image"], "promptRequired": .bool(true), "outputType": .string("image"),
            "description": .string("A synthetic model number \(number), listed for a large catalogue"),
            "settings": [["key": "aspect_ratio", "label": "Aspect Ratio", "inputType": "select", "defaultValue": "1:1"]],
        ]
    }

    func appList() -> JSONValue {
        let origin = self.origin
        return ["object": "list", "data": .array(AppCatalogue.all.map { $0.json(origin: origin) })]
    }

    // MARK: Runs

    /// Charges and records a validated model run. Returns the job, which a
    /// synchronous model finishes at `finishesAt` (the caller waits for it).
    func acceptModelRun(_ request: ModelRunRequest, at now: Date) -> Result<Job, APIError> {
        let id = Self.newJobId()
        let model = request.model
        let failure = FailureMarker.isPresent(in: request.prompt.map { [$0] } ?? []) ? FailureMarker.message : nil
        let job = Job(
            id: id, subject: .model(model), inputData: ["input": .object(request.input)], cost: model.cost,
            createdAt: now, timeline: JobTimeline.forModality(model.modality).scaled(by: configuration.effectiveSpeed),
            plannedFailure: failure, webhookURL: request.webhookURL,
            files: OutputPlan.files(for: model, input: request.input, jobId: id),
            text: model.modality == .text ? OutputPlan.text(prompt: request.prompt ?? "") : nil)
        return accept(job)
    }

    /// Charges and records a validated app run (always asynchronous).
    func acceptAppRun(_ request: AppRunRequest, at now: Date) -> Result<Job, APIError> {
        let id = Self.newJobId()
        let app = request.app
        let job = Job(
            id: id, subject: .app(app), inputData: ["inputs": .object(request.inputs)], cost: app.cost,
            createdAt: now, timeline: JobTimeline.app.scaled(by: configuration.effectiveSpeed),
            plannedFailure: FailureMarker.isPresent(in: request.textInputs) ? FailureMarker.message : nil,
            webhookURL: request.webhookURL, files: OutputPlan.files(for: app, jobId: id), text: nil)
        return accept(job)
    }

    private func accept(_ job: Job) -> Result<Job, APIError> {
        if let error = ledger.charge(jobId: job.id, subject: job.subject.id, credits: job.cost) {
            return .failure(error)
        }
        jobIndex[job.id] = jobs.count
        running.append(jobs.count)
        jobs.append(job)
        scheduleWebhook(for: job)
        return .success(job)
    }

    /// The 200 answer of a synchronous run, once its time has come.
    func runResponse(jobId: String, at now: Date) -> JSONValue? {
        settle(at: now)
        return jobIndex[jobId].map { jobs[$0].runResponse(origin: origin, at: now) }
    }

    /// The 202 answer of an asynchronous run.
    func acceptedResponse(jobId: String) -> JSONValue? {
        jobIndex[jobId].map { jobs[$0].acceptedResponse() }
    }

    // MARK: Jobs

    /// Newest first.
    func jobList(limit: Int, at now: Date) -> JSONValue {
        settle(at: now)
        let origin = self.origin
        let records = jobs.reversed().prefix(limit).map { $0.record(origin: origin, at: now, detailed: false) }
        return ["object": "list", "data": .array(Array(records))]
    }

    func jobRecord(id: String, at now: Date) -> Result<JSONValue, APIError> {
        settle(at: now)
        guard let index = jobIndex[id] else { return .failure(.jobNotFound) }
        return .success(jobs[index].record(origin: origin, at: now, detailed: true))
    }

    func cancelJob(id: String, at now: Date) -> Result<JSONValue, APIError> {
        settle(at: now)
        guard let index = jobIndex[id] else { return .failure(.jobNotFound) }
        guard jobs[index].cancel(at: now) else {
            let status = jobs[index].status(at: now).rawValue
            return .failure(APIError(409, "Job \(id) is already \(status) and can no longer be cancelled"))
        }
        running.removeAll { $0 == index }
        ledger.refund(jobId: id)
        webhookTasks.removeValue(forKey: id)?.cancel()
        return .success(jobs[index].cancelResponse())
    }

    /// Records the end of every job whose time has come; refunds failures.
    private func settle(at now: Date) {
        running.removeAll { index in
            guard let ending = jobs[index].settle(at: now) else { return false }
            if case .failed = ending { ledger.refund(jobId: jobs[index].id) }
            return true
        }
    }

    // MARK: Account

    func account(at now: Date) -> JSONValue {
        settle(at: now)
        return [
            "object": "account",
            "user_id": "user_sandbox",
            "credits": .int(ledger.balance),
            "subscription": "agency",
            "usage": [
                "credits_used_last_30d": .int(ledger.creditsUsed),
                "total_requests_last_30d": .int(admittedRequests),
                "total_jobs": .int(jobs.count),
            ],
            "api_keys": ["active": 1],
        ]
    }

    // MARK: Files

    /// An output file of a completed job, or an app thumbnail
    /// (`/files/thumbnails/{appId}.png`); nil for anything else.
    func file(jobId: String, name: String, at now: Date) -> OutputFile? {
        if jobId == "thumbnails", name.hasSuffix(".png"), let app = AppCatalogue.app(String(name.dropLast(4))) {
            let side = OutputPlan.imageSide
            return OutputFile(name: name, media: .png(width: side, height: side, seed: OutputPlan.seed(app.id, 0)))
        }
        settle(at: now)
        guard let index = jobIndex[jobId], jobs[index].status(at: now) == .completed else { return nil }
        return jobs[index].files.first { $0.name == name }
    }

    // MARK: Control

    func inject(_ fault: SandboxFault, on endpoint: SandboxEndpoint, times: Int) {
        faults.add(fault, on: endpoint, times: times)
    }

    func clearFaults() {
        faults.clear()
    }

    func ledgerEntries() -> [LedgerEntry] {
        settle(at: clock.now)
        return ledger.entries
    }

    func credits() -> Int {
        settle(at: clock.now)
        return ledger.balance
    }

    func requestCount(_ endpoint: SandboxEndpoint) -> Int {
        requestCounts[endpoint] ?? 0
    }

    func snapshot() -> SandboxSnapshot {
        settle(at: clock.now)
        var counts: [String: Int] = [:]
        var pending: [String: Int] = [:]
        for endpoint in SandboxEndpoint.allCases {
            counts[endpoint.rawValue] = requestCounts[endpoint] ?? 0
            pending[endpoint.rawValue] = faults.pendingCount(for: endpoint)
        }
        return SandboxSnapshot(
            credits: ledger.balance, requestCounts: counts, jobs: jobs.count, pendingFaults: pending, rateLimited: rateLimitedRequests,
            unfinished: running.count)
    }

    // MARK: Webhooks

    /// Delivers the job's webhook when it ends (a synchronous job included).
    private func scheduleWebhook(for job: Job) {
        guard let url = job.webhookURL, !isShutDown else { return }
        let id = job.id
        let finishesAt = job.finishesAt
        webhookTasks[id] = Task {
            // Task.sleep uses another clock than the sandbox's: loop until
            // the sandbox's clock agrees the job has ended.
            while !Task.isCancelled {
                let wait = finishesAt.timeIntervalSince(clock.now)
                if wait <= 0 { break }
                // A short nap at a time: a test may move the clock on meanwhile.
                try? await Task.sleep(for: .seconds(min(wait + 0.002, 0.25)))
            }
            await self.deliverWebhook(jobId: id, url: url)
        }
    }

    private func deliverWebhook(jobId: String, url: String) async {
        defer { webhookTasks[jobId] = nil }
        guard !Task.isCancelled, !isShutDown, let index = jobIndex[jobId] else { return }
        settle(at: clock.now)
        guard let event = jobs[index].webhookEvent(origin: origin) else { return }
        if await webhookSender.deliver(body: JSONWriter.bytes(event), to: url) {
            jobs[index].webhookDelivered = true
        }
    }

    /// Stops webhook deliveries for good (the server is stopping).
    func shutDown() {
        isShutDown = true
        for task in webhookTasks.values { task.cancel() }
        webhookTasks = [:]
    }

    // MARK: Ids

    /// `job_` and 20 hex digits: unique enough, and unlike the catalogue's UUIDs.
    static func newJobId() -> String {
        func hex<T: FixedWidthInteger>(_ value: T) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: T.bitWidth / 4 - digits.count) + digits
        }
        return "job_" + hex(UInt64.random(in: 0...UInt64.max)) + hex(UInt16.random(in: 0...UInt16.max))
    }
}
