using System.Net;
using System.Text;
using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>Merging developers in the dashboard: the same server as the other browser tests, started once.</summary>
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task An_editor_merges_two_developers_by_identity_and_splits_them_again_and_a_viewer_sees_no_merge_controls()
    {
        var profile = await ProfilePathAsync("github:dknuth");
        using (var editor = BrowserSession.Start(server.Address))
        {
            editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
            editor.Open(profile);
            editor.Find("#merge input[name=other]").SendKeys("email:knuth@stanford.example");
            editor.Find("#merge input[name=reason]").SendKeys("one person, two browsers");
            editor.Submit(editor.Find("#merge button[type=submit]"));

            Assert.Equal(profile, editor.Path);
            Assert.Equal(["anonymous:taocp-1", "email:knuth@stanford.example", "github:dknuth", "user:knuth"], Identities(editor));
            Assert.StartsWith("Merged developer #", editor.Find(".alert.success").Text, StringComparison.Ordinal);
            Assert.Contains("one person, two browsers", editor.Find("#merges").Text, StringComparison.Ordinal);
            Assert.Contains("editor@example.com", editor.Find("#merges").Text, StringComparison.Ordinal);
            Assert.Equal(2, editor.FindAll("#timeline li").Count);

            editor.Submit(editor.Find("li[data-identity='email:knuth@stanford.example'] form.unmerge button"));

            Assert.Equal(["anonymous:taocp-1", "github:dknuth", "user:knuth"], Identities(editor));
            Assert.StartsWith("email:knuth@stanford.example is developer #", editor.Find(".alert.success").Text, StringComparison.Ordinal);
        }

        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open(profile);
        Assert.Equal(["anonymous:taocp-1", "github:dknuth", "user:knuth"], Identities(viewer));
        Assert.Empty(viewer.FindAll("#merge"));
        Assert.Empty(viewer.FindAll("form.unmerge"));
        Assert.Empty(viewer.FindAll("#merges form"));

        // Nor may a viewer merge over the API with their session.
        using var http = server.Http(viewer.SessionCookie);
        using var response = await http.PostAsync("/api/v1/members/merge",
            new StringContent("""{"identity":"github:dknuth","other":"email:knuth@stanford.example"}""", Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["email:knuth@stanford.example"], await IdentitiesAsync("email:knuth@stanford.example"));
    }

    [Fact]
    public async Task An_editor_merges_one_suggestion_and_dismisses_another_and_a_viewer_only_sees_them()
    {
        using (var viewer = BrowserSession.Start(server.Address))
        {
            viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
            viewer.Open("/developers");
            viewer.Submit(viewer.Find("#merge-suggestions"));
            Assert.Equal("/developers/suggestions", viewer.Path);
            Assert.NotNull(Row(viewer, "Edsger Dijkstra"));
            Assert.Empty(viewer.FindAll("#refresh"));
            Assert.Empty(viewer.FindAll("button[data-accept], button[data-dismiss]"));
        }

        using var editor = BrowserSession.Start(server.Address);
        editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
        editor.Open("/developers/suggestions");
        editor.Submit(editor.Find("#refresh"));
        Assert.StartsWith("Looked for new suggestions:", editor.Find(".alert.success").Text, StringComparison.Ordinal);
        var edsger = Row(editor, "Edsger Dijkstra") ?? throw new Xunit.Sdk.XunitException("no suggestion for Edsger");
        Assert.Contains("same-email", edsger.Text, StringComparison.Ordinal);
        Assert.Contains("0.95", edsger.Text, StringComparison.Ordinal);

        editor.Submit(edsger.FindElement(By.CssSelector("button[data-accept]")));
        Assert.StartsWith("Merged developer #", editor.Find(".alert.success").Text, StringComparison.Ordinal);
        Assert.Null(Row(editor, "Edsger Dijkstra"));
        editor.Submit(Row(editor, "Niklaus Wirth")!.FindElement(By.CssSelector("button[data-dismiss]")));
        Assert.StartsWith("Dismissed: developers #", editor.Find(".alert.success").Text, StringComparison.Ordinal);
        Assert.Null(Row(editor, "Niklaus Wirth"));

        Assert.Equal(["email:edsger@tue.example", "user:edsger", "user:edsger-dijkstra"], await IdentitiesAsync("user:edsger-dijkstra"));
        Assert.Equal(["user:niklaus-wirth"], await IdentitiesAsync("user:niklaus-wirth"));
    }

    private static List<string?> Identities(BrowserSession browser) =>
        [.. browser.FindAll("#identities li").Select(item => item.GetAttribute("data-identity"))];

    private static IWebElement? Row(BrowserSession browser, string name) =>
        browser.FindAll("#suggestions tbody tr").FirstOrDefault(row => row.Text.Contains(name, StringComparison.Ordinal));

    private async Task<List<string?>> IdentitiesAsync(string identity)
    {
        using var http = server.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/members/{identity}", Cancellation));
        return [.. document.RootElement.GetProperty("identities").EnumerateArray().Select(item => item.GetString())];
    }

}
