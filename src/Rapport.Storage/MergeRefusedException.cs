namespace Rapport.Storage;

/// <summary>
/// A merge, unmerge or decision that cannot be made as asked: the developers are already one, the identity is its
/// developer's only one, the merge was already undone. Nothing was changed.
/// </summary>
public sealed class MergeRefusedException(string message) : Exception(message);
