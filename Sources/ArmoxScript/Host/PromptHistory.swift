/// The interactive prompt, as the evaluator sees it: what was typed so far.
/// Its presence is what lets `history` and `record` work.
public protocol PromptHistory: AnyObject {
    /// Every entry kept, oldest first.
    var entries: [String] { get }
}
