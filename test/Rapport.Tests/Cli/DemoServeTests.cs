using System.Diagnostics;
using System.Net;
using System.Text;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport demo</c> as the README starts it: it makes its store, serves it and prints a sign-in link.</summary>
public sealed class DemoServeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task The_sign_in_link_appears_once_the_server_answers_and_names_the_port_it_really_has()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // Port 0: the operating system picks one, which only the running server knows.
        using var process = Process.Start(
            RapportProcess.StartInfo(_directory.Path, ["demo", "--developers", "300", "--urls", "http://127.0.0.1:0"]))!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.BeginErrorReadLine();
        try
        {
            string? link = null;
            while (link is null && await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                link = line.Contains("/signin/link/", StringComparison.Ordinal) ? line.Trim() : null;
            }

            Assert.True(link is not null, $"rapport demo printed no sign-in link; its errors: {errors}");
            var address = new Uri(link);
            Assert.Equal("127.0.0.1", address.Host);
            Assert.NotEqual(0, address.Port);

            // At once, with no retry: whoever follows the link as soon as it appears finds the page.
            using var http = new HttpClient();
            using var page = await http.GetAsync(address, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("This one-time link signs you in.", await page.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _directory.Dispose();
}
