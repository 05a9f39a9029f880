namespace Rapport.Core.Events;

/// <summary>Where the audience was: in the room, online, or both.</summary>
public enum EventFormat
{
    InPerson,
    Online,
    Hybrid,
}
