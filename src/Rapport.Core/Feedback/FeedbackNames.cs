using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Feedback;

/// <summary>The kinds' and statuses' names, as they appear in JSON, files, URLs and the command line.</summary>
public static class FeedbackNames
{
    public static IReadOnlyList<FeedbackKind> Kinds { get; } = [FeedbackKind.Bug, FeedbackKind.Feature, FeedbackKind.Docs, FeedbackKind.Friction];

    public static IReadOnlyList<FeedbackStatus> Statuses { get; } =
        [FeedbackStatus.New, FeedbackStatus.Shared, FeedbackStatus.Planned, FeedbackStatus.Shipped, FeedbackStatus.Declined];

    public static string Name(FeedbackKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(FeedbackStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? name, [NotNullWhen(true)] out FeedbackKind? kind)
    {
        kind = Kinds.Select(k => (FeedbackKind?)k).FirstOrDefault(k => Name(k!.Value) == name?.Trim().ToLowerInvariant());
        return kind is not null;
    }

    public static bool TryParseStatus(string? name, [NotNullWhen(true)] out FeedbackStatus? status)
    {
        status = Statuses.Select(s => (FeedbackStatus?)s).FirstOrDefault(s => Name(s!.Value) == name?.Trim().ToLowerInvariant());
        return status is not null;
    }

    public static FeedbackKind ParseKind(string name) => TryParseKind(name, out var kind)
        ? kind.Value
        : throw new FormatException($"unknown feedback kind \"{name}\"; the kinds are {string.Join(", ", Kinds.Select(Name))}");

    public static FeedbackStatus ParseStatus(string name) => TryParseStatus(name, out var status)
        ? status.Value
        : throw new FormatException($"unknown feedback status \"{name}\"; the statuses are {string.Join(", ", Statuses.Select(Name))}");
}
