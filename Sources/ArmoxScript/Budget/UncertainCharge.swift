/// A run whose request failed in a way that leaves open whether the server
/// accepted (and charged) it. The budget counts it as spent.
public struct UncertainCharge: Sendable {
    public var what: String
    public var credits: Int
    public var location: SourceLocation
}
