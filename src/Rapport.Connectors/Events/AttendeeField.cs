namespace Rapport.Connectors.Events;

/// <summary>What a column of an attendee CSV holds.</summary>
public enum AttendeeField
{
    Email,
    Name,
    FirstName,
    LastName,
    Company,
    RegisteredAt,
    CheckedIn,
}
