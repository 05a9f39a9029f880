using Rapport.Core.Journey;

namespace Rapport.Core.Feedback;

/// <summary>
/// A developer who raised or upvoted a piece of feedback, as they are now (after merges): their stage weighs their
/// voice (<see cref="FeedbackRanking"/>).
/// </summary>
/// <param name="Identity">The identity the vote was recorded on (<c>email:ada@example.com</c>).</param>
/// <param name="Raised"><c>true</c> when they raised it, <c>false</c> when they upvoted it.</param>
/// <param name="MessageId">The activity they raised it in, when there is one.</param>
public sealed record FeedbackVoter(long MemberId, string? Name, string Identity, JourneyStage? Stage, bool Raised, string? MessageId, DateTime AddedAt);
