using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Leads;

/// <summary>Status names as the command line, the API and the store write them: <c>new</c>, <c>handed_off</c>, <c>accepted</c>, <c>rejected</c>.</summary>
public static class LeadStatuses
{
    public static IReadOnlyList<LeadStatus> All { get; } = [LeadStatus.New, LeadStatus.HandedOff, LeadStatus.Accepted, LeadStatus.Rejected];

    public static string Name(LeadStatus status) => status switch
    {
        LeadStatus.New => "new",
        LeadStatus.HandedOff => "handed_off",
        LeadStatus.Accepted => "accepted",
        LeadStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Reads a status; <c>handed-off</c> and <c>handed off</c> are read as <c>handed_off</c>.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out LeadStatus? status)
    {
        status = name?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "new" => LeadStatus.New,
            "handed_off" => LeadStatus.HandedOff,
            "accepted" => LeadStatus.Accepted,
            "rejected" => LeadStatus.Rejected,
            _ => null,
        };
        return status is not null;
    }

    public static LeadStatus Parse(string? name) =>
        TryParse(name, out var status)
            ? status.Value
            : throw new FormatException($"'{name}' is not a lead status: use new, handed_off, accepted or rejected");
}
