namespace GradingEngine.Diagnostics;

/// <summary>"Did you mean" by edit distance (Levenshtein with adjacent transpositions).</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="name"/>, if it is close enough: at most one edit per three
    /// characters (at least one), and fewer edits than the longer of the two names. Ties go to the ordinally
    /// smallest candidate so the suggestion is stable.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates, bool ignoreCase = false)
    {
        var limit = Math.Max(1, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal) || Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            var distance = Distance(name, candidate, ignoreCase);
            if (distance > limit || distance >= Math.Max(name.Length, candidate.Length))
            {
                continue;
            }

            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The optimal-string-alignment distance between two strings.</summary>
    public static int Distance(string a, string b, bool ignoreCase = false)
    {
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }

        var previous2 = rows[0];
        var previous = rows[1];
        var current = rows[2];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1], ignoreCase) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2], ignoreCase) && Same(a[i - 2], b[j - 1], ignoreCase))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static bool Same(char x, char y, bool ignoreCase) =>
        x == y || (ignoreCase && char.ToUpperInvariant(x) == char.ToUpperInvariant(y));
}
