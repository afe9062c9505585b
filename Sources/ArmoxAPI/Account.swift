import Foundation

/// The key owner's account (`GET /account`).
public struct Account: Sendable, Hashable, Codable {
    public var userID: String?
    public var credits: Int
    public var subscription: String?
    public var creditsUsedLast30Days: Int?
    public var requestsLast30Days: Int?
    public var totalJobs: Int?
    public var activeKeys: Int?

    public init(userID: String? = nil, credits: Int, subscription: String? = nil, creditsUsedLast30Days: Int? = nil, requestsLast30Days: Int? = nil, totalJobs: Int? = nil, activeKeys: Int? = nil) {
        self.userID = userID
        self.credits = credits
        self.subscription = subscription
        self.creditsUsedLast30Days = creditsUsedLast30Days
        self.requestsLast30Days = requestsLast30Days
        self.totalJobs = totalJobs
        self.activeKeys = activeKeys
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", credits, subscription, usage
        case apiKeys = "api_keys"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let credits = c.lenientInt(.credits) else {
            if c.contains(.credits) {
                throw DecodingError.dataCorruptedError(forKey: .credits, in: c, debugDescription: "an account's credits are a whole number")
            }
            throw DecodingError.keyNotFound(CodingKeys.credits, .init(codingPath: c.codingPath, debugDescription: "an account needs its credits"))
        }
        self.credits = credits
        userID = c.lenientString(.userID)
        subscription = c.lenientString(.subscription)
        let usage = c.lenient(JSONValue.self, .usage)
        creditsUsedLast30Days = usage?["credits_used_last_30d"]?.intValue
        requestsLast30Days = usage?["total_requests_last_30d"]?.intValue
        totalJobs = usage?["total_jobs"]?.intValue
        activeKeys = c.lenient(JSONValue.self, .apiKeys)?["active"]?.intValue
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(userID, forKey: .userID)
        try c.encode(credits, forKey: .credits)
        try c.encodeIfPresent(subscription, forKey: .subscription)
        var usage: [String: JSONValue] = [:]
        if let v = creditsUsedLast30Days { usage["credits_used_last_30d"] = .number(Double(v)) }
        if let v = requestsLast30Days { usage["total_requests_last_30d"] = .number(Double(v)) }
        if let v = totalJobs { usage["total_jobs"] = .number(Double(v)) }
        try c.encode(JSONValue.object(usage), forKey: .usage)
        if let v = activeKeys { try c.encode(JSONValue.object(["active": .number(Double(v))]), forKey: .apiKeys) }
    }
}
