namespace Rapport.Core.Reach;

/// <summary>A message of a developer (member) that carried a click id: the developer followed that click.</summary>
public readonly record struct ClickTie(long MemberId, string ClickId, DateTime At);
