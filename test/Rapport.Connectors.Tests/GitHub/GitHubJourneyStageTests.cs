using Rapport.Core.Journey;

namespace Rapport.Connectors.Tests.GitHub;

/// <summary>Where the default journey map places each activity type the GitHub webhook produces (docs/connectors/github.md).</summary>
public sealed class GitHubJourneyStageTests
{
    [Theory]
    [InlineData("github.star", JourneyStage.Discover)]
    [InlineData("github.watch", JourneyStage.Discover)]
    [InlineData("github.fork", JourneyStage.Evaluate)]
    [InlineData("github.issue_comment.created", JourneyStage.Learn)]
    [InlineData("github.discussion.created", JourneyStage.Learn)]
    [InlineData("github.discussion.answered", JourneyStage.Learn)]
    [InlineData("github.discussion_comment.created", JourneyStage.Learn)]
    [InlineData("github.issues.opened", JourneyStage.Build)]
    [InlineData("github.issues.closed", JourneyStage.Build)]
    [InlineData("github.pull_request.opened", JourneyStage.Build)]
    [InlineData("github.pull_request.merged", JourneyStage.Build)]
    [InlineData("github.pull_request_review.submitted", JourneyStage.Build)]
    [InlineData("github.pull_request_review_comment.created", JourneyStage.Build)]
    [InlineData("github.commit_comment.created", JourneyStage.Build)]
    [InlineData("github.push.commit", JourneyStage.Build)]
    [InlineData("github.release.published", null)]
    [InlineData("github.sponsorship.created", null)]
    [InlineData("github.member.added", null)]
    [InlineData("github.public", null)]
    public void The_default_map_places_GitHub_activities(string activityType, JourneyStage? expected) =>
        Assert.Equal(expected, JourneyMap.Default.StageOf(activityType));
}
