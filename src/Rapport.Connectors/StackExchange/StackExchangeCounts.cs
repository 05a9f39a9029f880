namespace Rapport.Connectors.StackExchange;

/// <summary>What a dump held, by activity type, and what was left out and why.</summary>
public sealed record StackExchangeCounts
{
    public long QuestionsAsked { get; init; }

    public long QuestionsAnswered { get; init; }

    public long AnswersAccepted { get; init; }

    public long CommentsPosted { get; init; }

    /// <summary>Questions whose asker's account is deleted, kept (under an anonymous identity) for docs-gap analysis.</summary>
    public long QuestionsFromDeletedUsers { get; init; }

    /// <summary>Questions without an answer in the dump.</summary>
    public long QuestionsUnanswered { get; init; }

    /// <summary>Answers, accepts and comments whose author's account is deleted: no one to credit them to.</summary>
    public long SkippedDeletedUsers { get; init; }

    /// <summary>Posts that are neither questions nor answers (tag wikis, moderator nominations, …).</summary>
    public long SkippedOtherPosts { get; init; }

    public long UsersRead { get; init; }
}
