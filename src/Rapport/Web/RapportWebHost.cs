using Rapport.Core;
using Rapport.Storage;
using Rapport.Web.Dashboard;

namespace Rapport.Web;

/// <summary>The web server behind <c>rapport serve</c>: wiring only; endpoints live in their feature classes.</summary>
internal static class RapportWebHost
{
    public static WebApplication Build(IRapportStore store, string defaultWorkspace, string urls, TimeProvider clock)
    {
        // The application is this assembly, also when another process hosts it (tests, benchmarks): Razor Pages are
        // found in the application's assembly.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(RapportWebHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The cookie key ring is kept in the store, as protected as the store itself (docs/operations.md); data
        // protection would warn about that on every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(new WorkspaceResolver(store, defaultWorkspace));
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<IngestQueue>();
            return new IngestQueue(store, onCommitFailed: (exception, messages) => logger.IngestCommitFailed(exception, messages));
        });
        builder.Services.AddHostedService<IngestQueueDrain>();
        builder.Services.AddSingleton<WriteKeyAuthenticator>();
        builder.Services.AddSingleton<SegmentIngest>();
        builder.Services.AddSingleton<LinkTraffic>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options => RapportJson.Configure(options.SerializerOptions));
        builder.Services.AddDashboard(store);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.MapHealthEndpoints();
        app.MapReportEndpoints();
        app.MapMemberEndpoints();
        app.MapContentEndpoints();
        app.MapLinkEndpoints();
        app.MapSegmentEndpoints();
        app.MapGitHubHookEndpoints();
        return app;
    }
}
