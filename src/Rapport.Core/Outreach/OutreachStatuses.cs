using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Outreach;

/// <summary>The statuses' names, as they appear in JSON, files and URLs.</summary>
public static class OutreachStatuses
{
    public static IReadOnlyList<OutreachStatus> All { get; } =
        [OutreachStatus.Open, OutreachStatus.Snoozed, OutreachStatus.Done, OutreachStatus.Dismissed];

    public static string Name(OutreachStatus status) => status switch
    {
        OutreachStatus.Open => "open",
        OutreachStatus.Snoozed => "snoozed",
        OutreachStatus.Done => "done",
        OutreachStatus.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out OutreachStatus? status)
    {
        status = All.Select(s => (OutreachStatus?)s).FirstOrDefault(s => Name(s!.Value) == name?.Trim().ToLowerInvariant());
        return status is not null;
    }
}
