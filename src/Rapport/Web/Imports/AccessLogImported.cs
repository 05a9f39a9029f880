namespace Rapport.Web.Imports;

/// <summary>What an access-log import counted, as <c>rapport import access-log</c> prints it, and the lines rejected.</summary>
internal sealed record AccessLogImported(
    long LinesRead,
    long PageViews,
    long Human,
    long Organic,
    long Validated,
    long PaidEngaged,
    long PagesByDays,
    long LinesRejected,
    IReadOnlyList<ImportRejection> Rejected);
