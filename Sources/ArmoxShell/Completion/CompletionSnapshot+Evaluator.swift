import ArmoxScript

extension CompletionSnapshot {
    /// What the session holds now: its variables (with `$model` and `$args`),
    /// current model, environment and folder. The catalogue is filled in at
    /// TAB time from the store.
    init(evaluator: Evaluator) {
        let session = evaluator.session
        var variables = session.variables
        variables["model"] = session.currentModel.map(Value.string) ?? .null
        variables["args"] = .list(session.arguments.map(Value.string))
        self.init(
            variables: variables, currentModel: session.currentModel, environment: session.environment,
            workingDirectory: evaluator.workingDirectory, files: .disk(workingDirectory: evaluator.workingDirectory))
    }
}
