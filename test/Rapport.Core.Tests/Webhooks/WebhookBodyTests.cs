using System.Text;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookBodyTests
{
    private static readonly Guid EventId = Guid.Parse("0195f0a0-1111-7222-8333-444455556666");

    [Fact]
    public void The_json_envelope_wraps_the_event_s_data_with_its_id_name_time_and_workspace()
    {
        var body = WebhookBody.Envelope(EventId, "drql.created", new DateTime(2026, 4, 1, 9, 30, 0, DateTimeKind.Utc), "acme", """{"lead":{"id":7}}""");

        Assert.Equal(
            """{"id":"0195f0a0-1111-7222-8333-444455556666","event":"drql.created","occurredAt":"2026-04-01T09:30:00Z","workspace":"acme","data":{"lead":{"id":7}}}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_slack_body_is_one_text_field_with_markup_characters_escaped()
    {
        var body = WebhookBody.Slack("acme", "drql.created", "{}", "New lead: <script> & Sons");

        Assert.Equal("""{"text":"[acme] New lead: \u0026lt;script\u0026gt; \u0026amp; Sons"}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_slack_body_without_a_sentence_names_the_event_and_its_data()
    {
        var body = WebhookBody.Slack("acme", "member.stalled", """{"member":7}""", null);

        Assert.Equal("""{"text":"[acme] member.stalled: {\u0022member\u0022:7}"}""", Encoding.UTF8.GetString(body));
    }
}
