// Calls a running Rapport through the generated client: RAPPORT_URL, RAPPORT_KEY (a read key), and the identity of
// a developer. Prints what it got, one fact a line, for KiotaClientTests to compare.
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Rapport.Client;
using Rapport.Client.Models;

// Kiota's API-key provider insists on https; a local server speaks http, so the key goes on the HttpClient.
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("RAPPORT_KEY"));
var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
{
    BaseUrl = Environment.GetEnvironmentVariable("RAPPORT_URL")!.TrimEnd('/'),
};
var client = new RapportClient(adapter);

var funnel = await client.Api.V1.Reports.Funnel.GetAsync(request =>
{
    request.QueryParameters.From = "2026-02-01";
    request.QueryParameters.To = "2026-02-28";
});
foreach (var stage in funnel!.Stages!)
{
    Console.WriteLine($"stage {stage.Stage} {stage.Developers}");
}

var developer = await client.Api.V1.Members[args[0]].GetAsync();
Console.WriteLine($"developer {developer!.Name} {developer.Stage} {developer.ActivityCount} {string.Join(",", developer.Identities!)}");

try
{
    await client.Api.V1.Leads[999].GetAsync();
    Console.WriteLine("lead 999 found");
}
catch (ProblemDetails problem)
{
    Console.WriteLine($"problem {problem.Status} {problem.Title}");
}
