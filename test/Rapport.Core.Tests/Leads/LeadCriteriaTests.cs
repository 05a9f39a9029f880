using Rapport.Core.Journey;
using Rapport.Core.Leads;

namespace Rapport.Core.Tests.Leads;

public sealed class LeadCriteriaTests
{
    [Fact]
    public void The_default_is_three_at_build_or_one_at_scale_and_reads_back_from_its_json()
    {
        var json = LeadCriteria.Default.ToJson();

        Assert.Equal([new LeadRule(3, JourneyStage.Build), new LeadRule(1, JourneyStage.Scale)], LeadCriteria.Default.Rules);
        Assert.Equal(LeadCriteria.Default, LeadCriteria.Parse(json));
        Assert.Contains("\"stage\": \"build\"", json, StringComparison.Ordinal);
        Assert.Contains("\"activeWithinDays\": null", json, StringComparison.Ordinal);
        Assert.Equal(JourneyStage.Build, LeadCriteria.Default.LowestStage);
    }

    [Fact]
    public void Criteria_with_every_option_are_read()
    {
        var criteria = LeadCriteria.Parse(
            """
            {
              // Teams of five who are learning, or two in production.
              "rules": [{"developers": 5, "stage": "Learn"}, {"stage": "scale", "developers": 2},],
              "activeWithinDays": 90,
              "developersWithoutOrganization": false
            }
            """);

        Assert.Equal([new LeadRule(5, JourneyStage.Learn), new LeadRule(2, JourneyStage.Scale)], criteria.Rules);
        Assert.Equal((90, false), (criteria.ActiveWithinDays, criteria.DevelopersWithoutOrganization));
        Assert.Equal(JourneyStage.Learn, criteria.LowestStage);
    }

    [Theory]
    [InlineData("{\n  \"rules\": [\n    {\"developers\": 0, \"stage\": \"build\"}\n  ]\n}", 3, "\"developers\" must be a whole number of at least 1")]
    [InlineData("{\n  \"rules\": [\n    {\"developers\": 3, \"stage\": \"production\"}\n  ]\n}", 3, "\"stage\" must be one of")]
    [InlineData("{\n  \"rules\": []\n}", 2, "\"rules\" is empty")]
    [InlineData("{\n  \"rules\": [{\"developers\": 3, \"stage\": \"build\"}],\n  \"revenue\": 1000\n}", 3, "unknown property \"revenue\"")]
    [InlineData("{\n  \"rules\": [{\"stage\": \"build\"}]\n}", 2, "a rule has no \"developers\"")]
    [InlineData("{\n  \"activeWithinDays\": -3\n}", 2, "activeWithinDays must be a positive")]
    [InlineData("{\n}", 1, "the criteria have no \"rules\"")]
    [InlineData("[1, 2]", 1, "must be a JSON object")]
    [InlineData("{\n  \"rules\": [\n    {\"developers\": 3, \"stage\": \"build\"\n  ]\n}", 4, "not valid JSON")]
    public void A_bad_file_is_refused_with_the_reason_and_its_line(string json, int line, string reason)
    {
        var error = Assert.Throws<LeadCriteriaException>(() => LeadCriteria.Parse(json));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
    }
}
