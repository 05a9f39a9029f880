namespace Rapport.Configuration;

/// <summary>How <c>rapport serve</c> listens and what it exposes besides the API and dashboard.</summary>
internal sealed class ServerSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Where to listen, several separated by <c>;</c> (<c>--urls</c>).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Serve OpenTelemetry metrics in the Prometheus text format at <c>/metrics</c>.</summary>
    public bool PrometheusMetrics { get; set; }
}
