/// Every command the language knows, in the order `help` lists them.
enum CommandRegistry {
    static let commands: [any ArmoxCommand.Type] = [
        ModelsCommand.self,
        ModelCommand.self,
        UseCommand.self,
        SetCommand.self,
        UnsetCommand.self,
        SettingsCommand.self,
        RunCommand.self,
        WaitCommand.self,
        JobCommand.self,
        JobsCommand.self,
        CancelCommand.self,
        ParallelCommand.self,
        ListenCommand.self,
        RunsCommand.self,
        RerunCommand.self,
        SpendCommand.self,
        AppsCommand.self,
        AppCommand.self,
        RunAppCommand.self,
        DownloadCommand.self,
        OpenCommand.self,
        PreviewCommand.self,
        GalleryCommand.self,
        AccountCommand.self,
        LoginCommand.self,
        LogoutCommand.self,
        BudgetCommand.self,
        VarsCommand.self,
        HistoryCommand.self,
        ClearCommand.self,
        RecordCommand.self,
        SleepCommand.self,
        ExitCommand.self,
        HelpCommand.self,
        EchoCommand.self,
        PrintCommand.self,
        SourceCommand.self,
        ReadCommand.self,
    ]

    /// The command named `name`, if there is one.
    static func command(named name: String) -> (any ArmoxCommand.Type)? {
        byName[name]
    }

    private static let byName: [String: any ArmoxCommand.Type] = Dictionary(
        uniqueKeysWithValues: commands.map { ($0.spec.name, $0) })
}
