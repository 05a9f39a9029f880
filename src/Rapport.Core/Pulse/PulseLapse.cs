namespace Rapport.Core.Pulse;

/// <summary>
/// A lapse of the pulse, announced once as <c>community.pulse_lapsed</c>: <c>team_quiet</c> (since the team's last
/// activity) or <c>slow_response</c> (the week whose median first response was too slow). <see cref="Since"/> names
/// the lapse: the same lapse seen again has the same one.
/// </summary>
public sealed record PulseLapse(string Kind, DateTime Since, string Detail);
