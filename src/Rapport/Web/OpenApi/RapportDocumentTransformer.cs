using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rapport.Web.OpenApi;

/// <summary>The document's title, version, license, servers and security schemes.</summary>
internal sealed class RapportDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Rapport API",
            Version = Version,
            Summary = "Developer relations, measured: the developer journey, reach, community and outreach.",
            Description = "The HTTP API of a Rapport server (`rapport serve`). Every endpoint takes an optional `workspace` query "
                + "parameter; an API key acts on its own workspace. Errors are RFC 7807 problem details. See docs/api/README.md.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            Contact = new OpenApiContact { Name = "The Rapport authors" },
        };

        // The document is the same on every server; a relative server lets clients and the reference page call the one
        // that served it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = RapportSecuritySchemes.All();
        ApiTags.Apply(document);
        return Task.CompletedTask;
    }

    /// <summary>The API's version is Rapport's, without the build metadata that would change the document on every commit.</summary>
    private static string Version => typeof(RapportDocumentTransformer).Assembly.GetName().Version is { } version
        ? $"{version.Major}.{version.Minor}.{version.Build}"
        : "0.0.0";
}
