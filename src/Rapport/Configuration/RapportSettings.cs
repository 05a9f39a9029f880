namespace Rapport.Configuration;

/// <summary>
/// Rapport's settings, from (lowest precedence first) built-in defaults, <c>appsettings.json</c>, environment
/// variables (<c>RAPPORT__STORE__DB</c>, …) and command-line options. See docs/operations.md#configuration.
/// </summary>
internal sealed class RapportSettings
{
    /// <summary>The workspace commands work on (<c>--workspace</c>) and the server's default workspace.</summary>
    public string Workspace { get; set; } = Core.Workspaces.Workspace.DefaultSlug;

    public StoreSettings Store { get; set; } = new();

    public ServerSettings Server { get; set; } = new();

    public LogSettings Logging { get; set; } = new();

    public CommunitySettings Community { get; set; } = new();

    public SecuritySettings Security { get; set; } = new();

    public PrivacySettings Privacy { get; set; } = new();

    public ImportSettings Import { get; set; } = new();
}
