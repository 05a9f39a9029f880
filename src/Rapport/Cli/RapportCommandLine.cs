using System.CommandLine;

namespace Rapport.Cli;

/// <summary>The <c>rapport</c> command: every subcommand, with the global options.</summary>
internal static class RapportCommandLine
{
    public static RootCommand Create(TimeProvider clock)
    {
        var runner = new CommandRunner(clock);
        var root = new RootCommand("Rapport: developer relations, measured. Help first, sell last.")
        {
            GlobalOptions.Db,
            GlobalOptions.Workspace,
            GlobalOptions.Config,
            ImportCommands.Create(runner),
            MembersCsvCommands.Export(runner),
            JourneyCommands.Create(runner),
            ReportCommands.Create(runner),
            MemberCommands.Create(runner),
            OrganizationCommands.Create(runner),
            CommunityCommands.Create(runner),
            OutreachCommands.Create(runner),
            FeedbackCommands.Create(runner),
            ContentCommands.Create(runner),
            LinkCommands.Create(runner),
            EventCommands.Create(runner),
            IcpCommands.Create(runner),
            CoverageCommands.Create(runner),
            StatsCommand.Create(runner),
            KeyCommands.Create(runner),
            UserCommands.Create(runner),
            AuditCommand.Create(runner),
            RetentionCommands.Create(runner),
            HookCommands.Create(runner),
            WebhookCommands.Create(runner),
            LeadCommands.Create(runner),
            ServeCommand.Create(runner),
            DemoCommand.Create(runner),
            MigrateCommand.Create(runner),
            CopyCommand.Create(runner),
            ConfigCommands.Create(runner),
        };
        foreach (var command in BackupCommands.Create(runner))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
