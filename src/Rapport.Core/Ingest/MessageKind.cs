namespace Rapport.Core.Ingest;

/// <summary>The Segment Spec's message types.</summary>
public enum MessageKind
{
    Track,
    Page,
    Screen,
    Identify,
    Alias,
    Group,
}
