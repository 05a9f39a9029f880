using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Tests.Web;

/// <summary>
/// A dashboard user signed in with their password against an <see cref="ApiServer"/>: the session cookie, and the
/// anti-forgery token every change over the API must carry when it comes from a session.
/// </summary>
internal sealed partial class ApiSession : IDisposable
{
    public const string Password = "correct horse battery";

    private readonly HttpClient _client;
    private readonly string _csrf;

    private ApiSession(HttpClient client, string csrf) => (_client, _csrf) = (client, csrf);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Signs <paramref name="email"/> in with <see cref="Password"/>; null when the sign-in page refuses them.</summary>
    public static async Task<ApiSession?> SignInAsync(Uri server, string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server };
        var form = await client.GetStringAsync("/signin", Token);
        using var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = Password,
            ["__csrf"] = CsrfToken(form),
        }), Token);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            return null;
        }

        // The token for requests made while signed in is bound to the user: take it from a page they see.
        return new ApiSession(client, CsrfToken(await client.GetStringAsync("/", Token)));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("RequestVerificationToken", _csrf);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _client.SendAsync(request, Token);
    }

    public void Dispose() => _client.Dispose();

    private static string CsrfToken(string html) =>
        WebUtility.HtmlDecode(CsrfInput().Match(html) is { Success: true } input
            ? input.Groups["value"].Value
            : throw new InvalidOperationException("the page has no anti-forgery field"));

    [GeneratedRegex(""""<input[^>]*name="__csrf"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__csrf"""")]
    private static partial Regex CsrfInput();
}
