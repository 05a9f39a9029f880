using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;

namespace Rapport.Core.Tests.Outreach;

public sealed class MessageTemplateTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_default_stalled_message_names_the_developer_the_product_and_where_they_stopped()
    {
        var rules = new OutreachRules { Product = "Acme API" };

        var message = rules.Message(OutreachReason.Stalled, new OutreachMessageFacts("Ada", "Ada Lovelace", JourneyStage.Learn, Now.AddDays(-15), null), Now);

        Assert.Equal(
            "Hey Ada, I saw you were using Acme API and then stopped at the getting-started guide — are you stuck on something I can help with?",
            message);
    }

    [Fact]
    public void A_developer_without_a_first_name_is_greeted_as_there()
    {
        var message = new OutreachRules().Message(OutreachReason.HeroCandidate, new OutreachMessageFacts(null, null, null, null, null), Now);

        Assert.Equal("Hey there, thank you for everything you share about our product! Would you like to join our hero program?", message);
    }

    [Fact]
    public void Every_placeholder_is_replaced_and_double_braces_are_literal()
    {
        var template = new MessageTemplate("{{{name}}} {stage}/{stageAction} {question} {lastActivity} {daysQuiet} days }}");
        var rules = new OutreachRules { Templates = new Dictionary<OutreachReason, MessageTemplate> { [OutreachReason.UnansweredQuestion] = template } };

        var message = rules.Message(
            OutreachReason.UnansweredQuestion, new OutreachMessageFacts("Ada", "Ada Lovelace", JourneyStage.Build, Now.AddDays(-61.5), "How do I page results?"), Now);

        Assert.Equal("{Ada Lovelace} build/your first integration your question \"How do I page results?\" 2026-01-29 61 days }", message);
    }

    [Theory]
    [InlineData("Hi {firstName", "has a '{' without a '}'")]
    [InlineData("Hi firstName}", "has a '}' without a '{'")]
    [InlineData("Hi {FirstName}", "has the unknown placeholder {FirstName}")]
    public void A_template_with_a_mistake_is_refused_when_it_is_set(string text, string reason)
    {
        var refused = Assert.Throws<CommunityConfigException>(() => new MessageTemplate(text));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }
}
