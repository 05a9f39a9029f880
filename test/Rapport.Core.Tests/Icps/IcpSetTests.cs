using System.Text.Json;
using Rapport.Core.Icps;

namespace Rapport.Core.Tests.Icps;

public sealed class IcpSetTests
{
    private static readonly DateTime AsOf = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string File =
        """
        {
          // Who Rapport's content and events are for.
          "icps": [
            {
              "name": "platform-teams",
              "description": "Platform engineers at companies of 200 or more",
              "rule": {"all": [
                {"trait": "role", "in": ["sre", "Platform Engineer", "devops"]},
                {"organization": "employees", "atLeast": 200},
                {"activity": "api.*", "withinDays": 90}
              ]}
            },
            {
              "name": "pythonistas",
              "rule": {"any": [
                {"trait": "languages", "contains": "python"},
                {"trait": "title", "contains": "data scientist"}
              ]}
            },
            {
              "name": "not-yet-building",
              "rule": {"all": [
                {"activity": "Signed Up"},
                {"not": {"activity": "api.*"}},
                {"trait": "email", "exists": true}
              ]},
            },
          ],
        }
        """;

    private static IcpMemberFacts Member(
        string traits = "{}", string organization = "{}", params (string Type, long Count, DateTime Last)[] activities) => new(
        1,
        JsonDocument.Parse(traits).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        null,
        JsonDocument.Parse(organization).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        activities.ToDictionary(a => a.Type, a => new ActivityPresence(a.Count, a.Last)));

    [Fact]
    public void A_file_is_read_with_comments_and_trailing_commas_and_says_what_rules_need()
    {
        var set = IcpSet.Parse(File);

        Assert.Equal(["platform-teams", "pythonistas", "not-yet-building"], set.Definitions.Select(icp => icp.Name));
        Assert.Equal("Platform engineers at companies of 200 or more", set.Definitions[0].Description);
        Assert.Equal(["role", "languages", "title", "email"], set.TraitKeys);
        Assert.True(set.UsesOrganizations);
        Assert.Equal(["api.*", "Signed Up", "api.*"], set.ActivityPatterns.Select(pattern => pattern.Text));
        Assert.Equal(set.ToJson(), IcpSet.Parse(set.ToJson()).ToJson());
    }

    [Fact]
    public void A_platform_engineer_at_a_large_company_who_called_the_api_lately_is_in_platform_teams()
    {
        var set = IcpSet.Parse(File);
        var engineer = Member("""{"role": "platform engineer"}""", """{"employees": "201-500"}""", ("api.call", 12, AsOf.AddDays(-3)));

        Assert.Equal(["platform-teams"], set.Evaluate(engineer, AsOf));
        // Too small a company (a band's lower end counts), too long ago, or a role not listed: not in it.
        Assert.Empty(set.Evaluate(engineer with { OrganizationAttributes = Org("""{"employees": "51-200"}""") }, AsOf));
        Assert.Empty(set.Evaluate(engineer with { Activities = Activity("api.call", 12, AsOf.AddDays(-90)) }, AsOf));
        Assert.Equal(["platform-teams"], set.Evaluate(engineer with { Activities = Activity("api.call", 1, AsOf.AddDays(-89)) }, AsOf));
        Assert.Empty(set.Evaluate(engineer with { Traits = Traits("""{"role": "designer"}""") }, AsOf));
        Assert.Empty(set.Evaluate(engineer with { OrganizationAttributes = Org("{}") }, AsOf));
        Assert.Equal(["platform-teams"], set.Evaluate(engineer with { OrganizationAttributes = Org("""{"employees": 10000}""") }, AsOf));
    }

    [Fact]
    public void Contains_looks_inside_lists_and_texts_without_regard_to_case_and_not_and_exists_work_on_absence()
    {
        var set = IcpSet.Parse(File);

        Assert.Equal(["pythonistas"], set.Evaluate(Member("""{"languages": ["Go", "Python"]}"""), AsOf));
        Assert.Equal(["pythonistas"], set.Evaluate(Member("""{"title": "Senior Data Scientist"}"""), AsOf));
        Assert.Empty(set.Evaluate(Member("""{"languages": ["pythonic"]}"""), AsOf));
        Assert.Equal(["not-yet-building"], set.Evaluate(Member("""{"email": "ada@example.com"}""", "{}", ("Signed Up", 1, AsOf.AddDays(-400))), AsOf));
        Assert.Empty(set.Evaluate(Member("""{"email": ""}""", "{}", ("Signed Up", 1, AsOf)), AsOf));
        Assert.Empty(set.Evaluate(Member("""{"email": "a@b.io"}""", "{}", ("Signed Up", 1, AsOf), ("api.call", 1, AsOf)), AsOf));
    }

    [Theory]
    [InlineData("""{"icps": [{"name": "Platform Teams", "rule": {"trait": "role"}}]}""", 1,
        "an ICP's name is 1 to 64 lower-case letters, digits and dashes, starting with a letter (platform-teams)")]
    [InlineData("{\"icps\": [\n  {\"name\": \"a\",\n   \"rule\": {\"trait\": \"role\", \"bigger\": 3}}]}", 3,
        "unknown property \"bigger\"; a rule has \"all\", \"any\", \"not\", \"trait\", \"organization\" or \"activity\", and tests \"equals\", \"in\", \"contains\", \"atLeast\", \"atMost\", \"exists\" (and \"withinDays\" for activities)")]
    [InlineData("{\"icps\": [\n{\"name\": \"a\", \"rule\": {\"all\": []}}]}", 2, "\"all\" has no rules")]
    [InlineData("{\"icps\": [\n{\"name\": \"a\", \"rule\": {\"trait\": \"size\", \"atLeast\": \"big\"}}]}", 2, "\"atLeast\" is a number")]
    [InlineData("{\"icps\": [\n{\"name\": \"a\", \"rule\": {\"trait\": \"role\"}},\n{\"name\": \"a\", \"rule\": {\"trait\": \"role\"}}]}", 3, "two ICPs are named \"a\"")]
    [InlineData("{\"icps\": [\n{\"name\": \"a\"}]}", 2, "the ICP \"a\" has no \"rule\"")]
    [InlineData("{\"icps\": [\n{\"name\": \"a\", \"rule\": {\"activity\": \"x\", \"withinDays\": 0}}]}", 2, "\"withinDays\" is a whole number of days, at least 1")]
    [InlineData("{\"icps\": [\n\n{\"name\": \"a\" \"rule\": 1}]}", 3, "not valid JSON: '\"' is invalid after a value")]
    public void A_bad_file_is_refused_with_the_line_and_the_reason(string json, int line, string reason)
    {
        var refused = Assert.Throws<IcpException>(() => IcpSet.Parse(json));

        Assert.Equal(line, refused.Line);
        Assert.StartsWith(reason, refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_icp_is_named_with_the_ones_there_are()
    {
        Assert.Equal("there is no ICP 'sres'; the ICPs are platform-teams, pythonistas, not-yet-building",
            Assert.Throws<FormatException>(() => IcpSet.Parse(File).Require("sres")).Message);
        Assert.Equal("platform-teams", IcpSet.Parse(File).Require("Platform-Teams").Name);
    }

    private static Dictionary<string, JsonElement> Org(string json) => Traits(json);

    private static Dictionary<string, JsonElement> Traits(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    private static Dictionary<string, ActivityPresence> Activity(string type, long count, DateTime last) => new() { [type] = new(count, last) };
}
