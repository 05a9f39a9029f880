namespace Rapport.Configuration;

/// <summary>How the server writes its log.</summary>
internal sealed class LogSettings
{
    /// <summary><c>auto</c> (JSON lines when standard output is not a terminal, else text), <c>json</c> or <c>text</c>.</summary>
    public string Format { get; set; } = "auto";

    /// <summary>The least severe level written: <c>Trace</c>, <c>Debug</c>, <c>Information</c>, <c>Warning</c>, …</summary>
    public string Level { get; set; } = "Information";
}
