namespace Rapport.Core.DocsGaps;

/// <summary>
/// Groups question vectors into topics by cosine similarity (docs/docs-gaps.md#topics), deterministically:
/// <list type="number">
/// <item><b>Leader pass</b> (Hartigan's leader algorithm): in the questions' order, a question joins the first-made
/// leader it is most similar to, if that similarity reaches the threshold; otherwise it leads a group of its own.</item>
/// <item><b>Refinement</b> (spherical k-means seeded by the leaders): each group's centroid is the mean of its
/// questions' vectors (its heaviest terms, at unit length); every question moves to the centroid it is most similar
/// to, or to none when no similarity reaches the threshold; repeated until nothing moves or the passes run out.</item>
/// <item>Groups with fewer than the minimum of questions are dissolved: their questions belong to no topic.</item>
/// </list>
/// Ties go to the group made first. Similarities are found through an inverted index (term → leaders or centroids
/// with that term), so a question is compared only with groups it shares a term with; reassignment runs in parallel,
/// each question on its own, so the result does not depend on the number of threads.
/// </summary>
public static class TopicClustering
{
    /// <summary>The group of each question (−1: none), groups numbered from 0 in order of their first question.</summary>
    public static int[] Cluster(SparseVector[] vectors, int vocabularySize, DocsGapOptions options)
    {
        var assignment = LeaderPass(vectors, vocabularySize, options.Threshold);
        for (var pass = 0; pass < options.RefinementPasses; pass++)
        {
            var centroids = Centroids(vectors, assignment, options.CentroidTerms);
            var moved = Reassign(vectors, centroids, vocabularySize, options.Threshold, assignment);
            if (!moved)
            {
                break;
            }
        }

        return Renumber(assignment, options.MinQuestions);
    }

    /// <summary>The centroid of each group: the mean of its members' vectors, its heaviest terms at unit length.</summary>
    public static SparseVector[] Centroids(SparseVector[] vectors, int[] assignment, int keep)
    {
        var groups = assignment.Length == 0 ? 0 : assignment.Max() + 1;
        var sums = new Dictionary<int, double>[groups];
        for (var g = 0; g < groups; g++)
        {
            sums[g] = [];
        }

        for (var q = 0; q < vectors.Length; q++)
        {
            if (assignment[q] < 0)
            {
                continue;
            }

            var sum = sums[assignment[q]];
            var vector = vectors[q];
            for (var i = 0; i < vector.Count; i++)
            {
                sum[vector.Terms[i]] = sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
            }
        }

        return [.. sums.Select(sum => SparseVector.Top(sum, keep))];
    }

    private static int[] LeaderPass(SparseVector[] vectors, int vocabularySize, double threshold)
    {
        var assignment = new int[vectors.Length];
        var postings = new List<(int Leader, float Weight)>?[vocabularySize];
        var scores = new float[Math.Max(16, vectors.Length)];
        var touched = new List<int>();
        var leaders = 0;
        for (var q = 0; q < vectors.Length; q++)
        {
            var vector = vectors[q];
            var best = Best(vector, postings, scores, touched, threshold);
            if (best >= 0 || vector.Count == 0)
            {
                assignment[q] = best;
                continue;
            }

            for (var i = 0; i < vector.Count; i++)
            {
                (postings[vector.Terms[i]] ??= []).Add((leaders, vector.Weights[i]));
            }

            assignment[q] = leaders++;
        }

        return assignment;
    }

    /// <summary>Moves every question to its most similar centroid; whether any moved.</summary>
    private static bool Reassign(SparseVector[] vectors, SparseVector[] centroids, int vocabularySize, double threshold, int[] assignment)
    {
        var postings = new List<(int Leader, float Weight)>?[vocabularySize];
        for (var g = 0; g < centroids.Length; g++)
        {
            var centroid = centroids[g];
            for (var i = 0; i < centroid.Count; i++)
            {
                (postings[centroid.Terms[i]] ??= []).Add((g, centroid.Weights[i]));
            }
        }

        var moved = 0;
        const int Chunk = 1024;
        Parallel.For(0, (vectors.Length + Chunk - 1) / Chunk, () => (Scores: new float[Math.Max(1, centroids.Length)], Touched: new List<int>()),
            (chunk, _, state) =>
            {
                var end = Math.Min(vectors.Length, (chunk + 1) * Chunk);
                for (var q = chunk * Chunk; q < end; q++)
                {
                    var best = Best(vectors[q], postings, state.Scores, state.Touched, threshold);
                    if (best != assignment[q])
                    {
                        assignment[q] = best;
                        Interlocked.Increment(ref moved);
                    }
                }

                return state;
            },
            _ => { });
        return moved > 0;
    }

    /// <summary>The group with the highest similarity to <paramref name="vector"/> if it reaches the threshold, else −1.</summary>
    private static int Best(SparseVector vector, List<(int Group, float Weight)>?[] postings, float[] scores, List<int> touched, double threshold)
    {
        for (var i = 0; i < vector.Count; i++)
        {
            if (postings[vector.Terms[i]] is not { } posting)
            {
                continue;
            }

            var weight = vector.Weights[i];
            foreach (var (group, groupWeight) in posting)
            {
                if (scores[group] == 0)
                {
                    touched.Add(group);
                }

                scores[group] += weight * groupWeight;
            }
        }

        var best = -1;
        var bestScore = (float)threshold;
        foreach (var group in touched)
        {
            var score = scores[group];
            scores[group] = 0;
            if (score > bestScore || (score == bestScore && (best < 0 || group < best)))
            {
                best = group;
                bestScore = score;
            }
        }

        touched.Clear();
        return best;
    }

    /// <summary>Dissolves groups below the minimum and numbers the rest from 0 in order of their first question.</summary>
    private static int[] Renumber(int[] assignment, int minQuestions)
    {
        var sizes = new Dictionary<int, int>();
        foreach (var group in assignment)
        {
            if (group >= 0)
            {
                sizes[group] = sizes.GetValueOrDefault(group) + 1;
            }
        }

        var numbers = new Dictionary<int, int>();
        var result = new int[assignment.Length];
        for (var q = 0; q < assignment.Length; q++)
        {
            var group = assignment[q];
            if (group < 0 || sizes[group] < minQuestions)
            {
                result[q] = -1;
                continue;
            }

            if (!numbers.TryGetValue(group, out var number))
            {
                number = numbers.Count;
                numbers[group] = number;
            }

            result[q] = number;
        }

        return result;
    }
}
