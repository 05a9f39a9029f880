using Rapport.Core.Feedback;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Feedback;

public sealed class FeedbackSignalsTests
{
    [Theory]
    [InlineData("The SDK crashes on start", null, FeedbackKind.Bug, "crashes")]
    [InlineData("Upload", "It stopped working after the update", FeedbackKind.Bug, "stopped working")]
    [InlineData("Please add a Go SDK", null, FeedbackKind.Feature, "please add")]
    [InlineData("Webhooks", "It would be great to filter events", FeedbackKind.Feature, "would be great")]
    [InlineData("Pagination is not documented", null, FeedbackKind.Docs, "not documented")]
    [InlineData("The free tier is too small to evaluate", null, FeedbackKind.Friction, "too small")]
    public void Text_that_reads_as_feedback_is_classified_by_its_first_phrase(string title, string? body, FeedbackKind kind, string phrase) =>
        Assert.Equal((kind, phrase), FeedbackSignals.Classify(title, body));

    [Theory]
    [InlineData("How do I page results?", "I am debugging my client.")]
    [InlineData("Crashing waves: naming the sea in my conlang", null)]
    public void Plain_questions_are_not_feedback(string title, string? body) => Assert.Null(FeedbackSignals.Classify(title, body));

    [Fact]
    public void A_developer_counts_once_by_stage_and_an_organization_counts_two()
    {
        var at = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        FeedbackVoter[] voters =
        [
            new(1, "Ada", "user:ada", JourneyStage.Build, true, null, at),
            new(1, "Ada", "email:ada@example.com", JourneyStage.Build, false, null, at),
            new(2, null, "user:bob", null, false, null, at),
            new(3, null, "user:cy", JourneyStage.Evaluate, false, null, at),
        ];

        // Ada (Build 3, once) + Bob (no stage 1) + Cy (Evaluate 1.5) + two organizations (2 each) = 9.5.
        Assert.Equal(9.5, FeedbackRanking.Score(voters, ["Acme", "Initech"]));
    }
}
