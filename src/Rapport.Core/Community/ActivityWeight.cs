using Rapport.Core.Journey;

namespace Rapport.Core.Community;

/// <summary>
/// What one kind of activity is worth to a developer's community score. Advocacy (talks, posts, videos, user groups
/// about the product) also counts towards becoming a hero candidate.
/// </summary>
public sealed record ActivityWeight(ActivityTypePattern Pattern, double Weight, bool Advocacy = false)
{
    public ActivityWeight(string pattern, double weight, bool advocacy = false)
        : this(new ActivityTypePattern(pattern), weight, advocacy)
    {
    }
}
