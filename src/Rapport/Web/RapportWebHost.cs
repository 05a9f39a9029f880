using System.Reflection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Rapport.Configuration;
using Rapport.Core;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Beacons;
using Rapport.Web.Community;
using Rapport.Web.Dashboard;
using Rapport.Web.Feedback;
using Rapport.Web.Imports;
using Rapport.Web.OpenApi;
using Rapport.Web.Privacy;
using Rapport.Webhooks;

namespace Rapport.Web;

/// <summary>The web server behind <c>rapport serve</c>: wiring only; endpoints live in their feature classes.</summary>
internal static class RapportWebHost
{
    /// <param name="settings">The checked settings (logging, metrics); built-in defaults when <c>null</c>.</param>
    /// <param name="configuration">Every configuration source, for features that bind their own options.</param>
    /// <param name="communityRefresh">How often to refresh levels and the outreach queue in the background; none when <c>null</c>.</param>
    public static WebApplication Build(
        IRapportStore store, string defaultWorkspace, string urls, TimeProvider clock,
        RapportSettings? settings = null, IConfiguration? configuration = null, TimeSpan? communityRefresh = null)
    {
        settings ??= new RapportSettings();
        // The application is this assembly, also when another process hosts it (tests, benchmarks): Razor Pages are
        // found in the application's assembly.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(RapportWebHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        ConfigureLogging(builder.Logging, settings.Logging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(clock);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(services => new WorkspaceResolver(store, defaultWorkspace, services.GetRequiredService<IHttpContextAccessor>()));
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<IngestQueue>();
            return new IngestQueue(store, onCommitFailed: (exception, messages) => logger.IngestCommitFailed(exception, messages));
        });
        builder.Services.AddHostedService<IngestQueueDrain>();
        if (communityRefresh is { } interval)
        {
            builder.Services.AddHostedService(services => new CommunityRefreshService(
                store, services.GetRequiredService<WorkspaceResolver>(), clock, interval, services.GetRequiredService<ILogger<CommunityRefreshService>>()));
        }

        if (settings.Privacy.PageViewRetentionDays > 0)
        {
            builder.Services.AddHostedService(services => new PageViewRetentionService(
                store, services.GetRequiredService<WorkspaceResolver>(), clock, settings.Privacy.PageViewRetentionDays,
                services.GetRequiredService<ILogger<PageViewRetentionService>>()));
        }

        builder.Services.AddSingleton<WriteKeyAuthenticator>();
        builder.Services.AddSingleton<SegmentIngest>();
        builder.Services.AddSingleton<EditorAuthorization>();
        builder.Services.AddSingleton<ApiAccess>();
        builder.Services.AddSingleton(settings.Security);
        builder.Services.AddSingleton(settings.Import);
        builder.Services.AddRapportRateLimits(settings.Security);
        builder.Services.AddSingleton(new SignInLockout(store, clock, settings.Security.LockoutFailures, TimeSpan.FromMinutes(settings.Security.LockoutMinutes)));
        builder.Services.AddWebhookDelivery(store, clock, settings.Security.AllowPrivateNetworkUrls);
        builder.Services.AddSingleton<LinkTraffic>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            RapportJson.Configure(options.SerializerOptions);
            options.SerializerOptions.MaxDepth = JsonRequestLimits.MaxDepth;
        });
        builder.Services.AddDashboard(store);
        builder.Services.AddRapportOpenApi();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<RapportMetrics>();
        builder.Services.AddHostedService<StoreSizeProbe>();
        AddOpenTelemetry(builder.Services, settings.Server);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseJsonRequestLimits();
        app.UseDashboard();
        app.MapRapportOpenApi();
        app.MapHealthEndpoints();
        app.MapReportEndpoints();
        app.MapStatsEndpoints();
        app.MapMemberEndpoints();
        app.MapJourneyEndpoints();
        app.MapUserEndpoints();
        app.MapApiKeyEndpoints();
        app.MapMergeEndpoints();
        app.MapOrganizationEndpoints();
        app.MapCommunityEndpoints();
        app.MapContentEndpoints();
        app.MapDocsGapEndpoints();
        app.MapFeedbackEndpoints();
        app.MapEventEndpoints();
        app.MapImportEndpoints();
        app.MapIcpEndpoints();
        app.MapCoverageEndpoints();
        app.MapLinkEndpoints();
        app.MapBeaconEndpoints();
        app.MapSegmentEndpoints();
        app.MapGitHubHookEndpoints();
        app.MapLeadEndpoints();
        app.MapWebhookEndpoints();
        app.MapBackupEndpoints();
        app.MapPrivacyEndpoints();
        if (settings.Server.PrometheusMetrics)
        {
            // Open like the health probes: a scraper on the operator's network reads counters, never personal data. Not part of
            // the API the OpenAPI document describes.
            app.MapPrometheusScrapingEndpoint("/metrics")
                .WithName("Metrics")
                .RequiresAccess(RouteAccess.Public)
                .ExcludeFromDescription();
        }

        app.Lifetime.ApplicationStarted.Register(() => app.Logger.Serving(
            typeof(RapportWebHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
            store.Description, string.Join(";", app.Urls)));
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LogSettings settings)
    {
        logging.ClearProviders();
        var json = settings.Format == "json" || (settings.Format == "auto" && Console.IsOutputRedirected);
        if (json)
        {
            // One JSON object per line, for journald, Docker or a log shipper.
            logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        }

        var level = Enum.Parse<LogLevel>(settings.Level, ignoreCase: true);
        logging.SetMinimumLevel(level);

        // The framework's information (every request, every start-up step) would drown Rapport's own; it speaks from
        // warnings up unless Debug or Trace is asked for.
        if (level > LogLevel.Debug)
        {
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("System", LogLevel.Warning);
        }

        // The cookie key ring is kept in the store, as protected as the store itself (docs/operations.md); data
        // protection would warn about that on every start.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }

    private static void AddOpenTelemetry(IServiceCollection services, ServerSettings settings)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (!settings.PrometheusMetrics && !otlp)
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("rapport"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RapportMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (settings.PrometheusMetrics)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
    }
}
