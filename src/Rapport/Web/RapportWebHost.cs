using Rapport.Core;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>The web server behind <c>rapport serve</c>: wiring only; endpoints live in their feature classes.</summary>
internal static class RapportWebHost
{
    public static WebApplication Build(IRapportStore store, string defaultWorkspace, string urls, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
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
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options => RapportJson.Configure(options.SerializerOptions));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapReportEndpoints();
        app.MapMemberEndpoints();
        app.MapSegmentEndpoints();
        app.MapGitHubHookEndpoints();
        return app;
    }
}
