import ArmoxAPI
import ArmoxSandbox

/// The one way tests start a sandbox: on a free loopback port, at speed 0.01
/// unless `configure` says otherwise, always stopped when `body` returns or
/// throws. `withSandbox` adds a client, the sandbox's own tests raw HTTP
/// (`SandboxHarness`), the language's tests an evaluator (`withEvaluator`).
public func withSandboxServer<T>(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    _ body: (SandboxServer) async throws -> T
) async throws -> T {
    var configuration = SandboxConfiguration()
    configuration.speed = 0.01
    configure(&configuration)
    let server = try await SandboxServer.start(configuration)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A fresh sandbox (see `withSandboxServer`) and a client pointed at it,
/// both stopped when `body` returns or throws.
public func withSandbox<T>(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    key: String = SandboxKeys.valid,
    retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxRetryAfter: .seconds(3)),
    requestTimeout: Duration = .seconds(10),
    _ body: (SandboxServer, ArmoxClient) async throws -> T
) async throws -> T {
    try await withSandboxServer(configure) { server in
        var configuration = ArmoxConfiguration(baseURL: server.baseURL, apiKey: key)
        configuration.retry = retry
        configuration.requestTimeout = requestTimeout
        let client = ArmoxClient(configuration: configuration)
        do {
            let result = try await body(server, client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }
}

/// The error `operation` throws when it is an ArmoxError; nil when it succeeds or throws something else.
public func armoxError(_ operation: () async throws -> Void) async -> ArmoxError? {
    do {
        try await operation()
        return nil
    } catch let error as ArmoxError {
        return error
    } catch {
        return nil
    }
}

/// Polls until the job is terminal, a bounded number of times.
public func waitTerminal(_ client: ArmoxClient, _ id: String, attempts: Int = 200) async throws -> Job {
    var job = try await client.job(id: id)
    var left = attempts
    while !job.status.isTerminal && left > 0 {
        try await Task.sleep(for: .milliseconds(20))
        job = try await client.job(id: id)
        left -= 1
    }
    return job
}
