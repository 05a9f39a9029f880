namespace Rapport.Connectors.Questions;

/// <summary>What a column of a questions CSV can mean.</summary>
public enum QuestionField
{
    Id,
    Title,
    Body,
    Email,
    Name,
    Created,
    Tags,
    Status,
    AnsweredAt,
    Url,
    Channel,

    /// <summary>The product's own user id: a <c>user</c> identity.</summary>
    UserId,
}
