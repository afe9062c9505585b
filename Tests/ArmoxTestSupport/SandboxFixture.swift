import ArmoxAPI
import ArmoxSandbox

/// A fresh sandbox on a free loopback port and a client pointed at it, both
/// stopped when `body` returns or throws.
public func withSandbox<T>(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    key: String = SandboxKeys.valid,
    retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxRetryAfter: .seconds(3)),
    requestTimeout: Duration = .seconds(10),
    _ body: (SandboxServer, ArmoxClient) async throws -> T
) async throws -> T {
    var sandboxConfiguration = SandboxConfiguration()
    sandboxConfiguration.speed = 0.01
    configure(&sandboxConfiguration)
    let server = try await SandboxServer.start(sandboxConfiguration)
    var configuration = ArmoxConfiguration(baseURL: server.baseURL, apiKey: key)
    configuration.retry = retry
    configuration.requestTimeout = requestTimeout
    let client = ArmoxClient(configuration: configuration)
    do {
        let result = try await body(server, client)
        await client.shutdown()
        await server.stop()
        return result
    } catch {
        await client.shutdown()
        await server.stop()
        throw error
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
