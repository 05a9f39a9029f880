namespace Rapport.Connectors.StackExchange;

/// <summary>
/// The little a later row needs to know about a question (kept for every question of a dump, so kept small):
/// when it was asked, its accepted answer and when its first answer came.
/// </summary>
internal struct QuestionFacts
{
    public DateTime AskedAt;
    public int AcceptedAnswerId;
    public DateTime? FirstAnswerAt;
}
