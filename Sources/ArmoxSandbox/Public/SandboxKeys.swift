/// The API keys the sandbox knows. Any other key is answered with 401
/// `Invalid API key`, as the real API does.
public enum SandboxKeys {
    /// The documented working key: full access on an "agency" plan.
    public static let valid = "sk_live_sandbox_demo_4242"
    /// A key whose owner has no eligible plan: every `/api/v1` endpoint answers
    /// 403 `Public API access requires Agency, Master/Business, or Enterprise plan.`
    public static let noPlan = "sk_live_sandbox_noplan_0403"
}
