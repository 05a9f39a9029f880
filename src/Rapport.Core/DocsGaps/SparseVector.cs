namespace Rapport.Core.DocsGaps;

/// <summary>Term weights of one text or topic: term ids in ascending order, with their weights.</summary>
public readonly record struct SparseVector(int[] Terms, float[] Weights)
{
    public static SparseVector Empty { get; } = new([], []);

    public int Count => Terms.Length;

    /// <summary>The dot product; the cosine similarity when both are of unit length.</summary>
    public float Dot(SparseVector other)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < Terms.Length && j < other.Terms.Length)
        {
            var (a, b) = (Terms[i], other.Terms[j]);
            if (a == b)
            {
                sum += Weights[i++] * other.Weights[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>
    /// The <paramref name="keep"/> heaviest of the weights (ties: the lower term id), scaled to unit length, in term
    /// order. Weights that are not positive are dropped.
    /// </summary>
    public static SparseVector Top(IEnumerable<KeyValuePair<int, double>> weights, int keep)
    {
        var top = weights.Where(pair => pair.Value > 0)
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key)
            .Take(keep)
            .OrderBy(pair => pair.Key)
            .ToArray();
        var norm = Math.Sqrt(top.Sum(pair => pair.Value * pair.Value));
        if (norm == 0)
        {
            return Empty;
        }

        return new SparseVector([.. top.Select(pair => pair.Key)], [.. top.Select(pair => (float)(pair.Value / norm))]);
    }
}
