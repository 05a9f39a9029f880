using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Rapport.Web.Access;
using Rapport.Web.Csv;

namespace Rapport.Web.OpenApi;

/// <summary>
/// Gives every operation the security requirement its <see cref="RouteAccess"/> declares and the RFC 7807 problem
/// responses it can answer, so that neither is kept by hand beside the route table.
/// </summary>
internal sealed class RouteAccessOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemContentType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // A route without a declaration is left without security; the route-walk test fails it.
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RouteAccessMetadata>().LastOrDefault() is not { } metadata)
        {
            return;
        }

        var document = context.Document ?? throw new InvalidOperationException("An operation is transformed without its document.");
        var requirements = RapportSecuritySchemes.RequirementsFor(metadata.Access, document);
        if (requirements.Count > 0)
        {
            operation.Security = requirements;
        }

        operation.Description ??= Who(metadata.Access);

        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        operation.Responses ??= [];
        await DescribeBodyAsync(operation, context, document, cancellationToken);
        await DescribeUploadAsync(operation, context, document, cancellationToken);
        DescribeCsv(operation, context);
        AddExamples(operation, context);
        var parameters = operation.Parameters ?? [];
        if (operation.RequestBody is not null || parameters.Count > 0)
        {
            AddProblem(operation, document, StatusCodes.Status400BadRequest, "The request is malformed: a parameter or the body is missing or not valid.");
        }

        if (metadata.Access != RouteAccess.Public)
        {
            AddProblem(operation, document, StatusCodes.Status401Unauthorized, "No credentials, or an unknown or revoked key or signature.");
        }

        if (metadata.Access is RouteAccess.Viewer or RouteAccess.Editor or RouteAccess.Owner)
        {
            AddProblem(operation, document, StatusCodes.Status403Forbidden, "The caller is known but lacks the role or key scope, or the key belongs to another workspace.");
        }
        else if (metadata.Access is RouteAccess.OwnerSession)
        {
            AddProblem(operation, document, StatusCodes.Status403Forbidden, "The caller is not a signed-in owner: a user with another role, or an API key.");
        }

        if (parameters.Any(parameter => parameter.In == ParameterLocation.Path))
        {
            AddProblem(operation, document, StatusCodes.Status404NotFound, "Nothing has that identifier in the workspace.");
        }

        if (metadata.Access is RouteAccess.Ingest or RouteAccess.Signed)
        {
            AddProblem(operation, document, StatusCodes.Status503ServiceUnavailable, "The store cannot take events right now; retry after the Retry-After seconds.");
        }
    }

    private static async Task DescribeBodyAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, OpenApiDocument document, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodySchemaMetadata>().LastOrDefault() is not { } body)
        {
            return;
        }

        var name = body.Type.Name;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) } },
        };
    }

    /// <summary>An import: the file as the body in each content type it takes, or as the one file of a form; too large is 413.</summary>
    private static async Task DescribeUploadAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, OpenApiDocument document, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestUploadMetadata>().LastOrDefault() is not { } upload)
        {
            return;
        }

        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var type in upload.ContentTypes)
        {
            content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }

        content[Imports.ImportUpload.FormContentType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file, with its name" },
                },
            },
        };
        if (upload.Json is { } json)
        {
            if (document.Components?.Schemas?.ContainsKey(json.Name) != true)
            {
                document.AddComponent(json.Name, await context.GetOrCreateSchemaAsync(json, null, cancellationToken));
            }

            content["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(json.Name, document) };
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The file to import (UTF-8), as the body or as a form's one file; gzip with Content-Encoding: gzip.",
            Content = content,
        };
        AddProblem(operation, document, StatusCodes.Status413PayloadTooLarge, "The file is larger than Import:MaxUploadBytes (32 MiB by default); nothing was stored.");
        AddProblem(operation, document, StatusCodes.Status415UnsupportedMediaType, "The body's content type is not one this import reads.");
    }

    /// <summary>A list that also answers CSV: the <c>format</c> parameter, and <c>text/csv</c> beside the JSON.</summary>
    private static void DescribeCsv(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvListMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "format",
            In = ParameterLocation.Query,
            Description = "json (the default) or csv: the same list as CSV, one row per item, nested values as JSON. `Accept: text/csv` does the same.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("json"), JsonValue.Create("csv")] },
        });
        if (operation.Responses!.TryGetValue("200", out var ok) && ok.Content is { } content)
        {
            content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    /// <summary>Who may call, in words, for readers of the reference page and of generated clients' documentation.</summary>
    private static string Who(RouteAccess access) => access switch
    {
        RouteAccess.Public => "Public: no credentials needed.",
        RouteAccess.Signed => "Signed: the delivery carries GitHub's signature made with the workspace's webhook secret.",
        RouteAccess.Ingest => "Needs an API key with the scope `ingest` (or above) as the HTTP Basic user name, or as `writeKey` in the body; the key decides the workspace.",
        RouteAccess.Viewer => "Needs a signed-in viewer (or editor, owner), or an API key with the scope `read` (or `admin`).",
        RouteAccess.Editor => "Needs a signed-in editor (or owner), or an API key with the scope `admin`.",
        RouteAccess.Owner => "Needs a signed-in owner, or an API key with the scope `admin`.",
        RouteAccess.OwnerSession => "Needs a signed-in owner; API keys are refused, because users belong to the installation and a key to one workspace.",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    private static void AddExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault() is not { } name)
        {
            return;
        }

        if (OperationExamples.Request(name.EndpointName) is { } request
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = request;
        }

        var success = operation.Responses!.TryGetValue("200", out var ok) ? ok : operation.Responses.TryGetValue("201", out var created) ? created : null;
        if (OperationExamples.Response(name.EndpointName) is { } response
            && success?.Content?.TryGetValue("application/json", out var answer) == true)
        {
            answer.Example = response;
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }
}
