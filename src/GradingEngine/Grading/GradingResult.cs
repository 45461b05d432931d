namespace GradingEngine.Grading;

/// <summary>
/// The grade of one subject: item scores, total, level, flags raised, measures recommended and, when asked for,
/// an explanation. Immutable.
/// </summary>
public sealed class GradingResult
{
    internal GradingResult(
        string schemeId,
        string schemeVersion,
        string? subjectId,
        ItemScore[] items,
        double total,
        GradeLevel? level,
        RaisedFlag[] flags,
        Measure[] measures,
        GradingExplanation? explanation,
        IReadOnlyDictionary<string, IReadOnlyList<GradingResult>>? linked = null)
    {
        Linked = linked ?? EmptyLinked;
        SchemeId = schemeId;
        SchemeVersion = schemeVersion;
        SubjectId = subjectId;
        Items = items;
        Total = total;
        Level = level;
        Flags = flags;
        Measures = measures;
        Explanation = explanation;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<GradingResult>> EmptyLinked = new Dictionary<string, IReadOnlyList<GradingResult>>();

    /// <summary>
    /// The results of linked subjects graded together with this one, by the id of the input that links them:
    /// e.g. an organisation's <c>党员</c> (its members' results) and <c>班子</c> (its team's result). Empty when the
    /// scheme links none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<GradingResult>> Linked { get; }

    /// <summary>The id of the scheme that produced this result.</summary>
    public string SchemeId { get; }

    /// <summary>
    /// The version of the scheme that produced this result, as its file writes it (<c>"version"</c>): which of several
    /// versions of one scheme id graded the subject (see <see cref="SchemeCatalogue.InForce"/>).
    /// </summary>
    public string SchemeVersion { get; }

    /// <summary>The subject's id, when the input carried one (the <c>id</c> field).</summary>
    public string? SubjectId { get; }

    /// <summary>Every scoring item in declaration order (parents before their sub-items).</summary>
    public IReadOnlyList<ItemScore> Items { get; }

    /// <summary>The total score: the sum of the top-level items.</summary>
    public double Total { get; }

    /// <summary>The level reached, or null when the scheme withheld it (e.g. 预备党员 take part but get no grade).</summary>
    public GradeLevel? Level { get; }

    /// <summary>Flags raised, such as 软弱涣散, in declaration order.</summary>
    public IReadOnlyList<RaisedFlag> Flags { get; }

    /// <summary>Measures recommended, in the order their rules ran.</summary>
    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>Why the result is what it is; null when grading ran with the explanation off.</summary>
    public GradingExplanation? Explanation { get; }

    /// <summary>The score of one item by id.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such item.</exception>
    public ItemScore Item(string id)
    {
        foreach (var item in Items)
        {
            if (string.Equals(item.Id, id, StringComparison.Ordinal))
            {
                return item;
            }
        }

        throw new KeyNotFoundException($"The scheme '{SchemeId}' has no item '{id}'.");
    }

    /// <summary>Whether a flag was raised.</summary>
    public bool HasFlag(string id)
    {
        foreach (var flag in Flags)
        {
            if (string.Equals(flag.Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{SubjectId ?? SchemeId}: {Level?.Label ?? "不定等级"} {Total.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>The score of one scoring item.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Label">The item's Chinese label (the id when it has none).</param>
/// <param name="Score">Points scored, within [0, <paramref name="FullPoints"/>].</param>
/// <param name="FullPoints">The item's full points.</param>
/// <param name="Depth">0 for a top-level item, 1 for its sub-items, and so on.</param>
public readonly record struct ItemScore(string Id, string Label, double Score, double FullPoints, int Depth)
{
    /// <summary>Points lost against full points.</summary>
    public double Lost => FullPoints - Score;
}

/// <summary>A level of the scheme, such as 一类 or 优秀.</summary>
/// <param name="Id">The level's id.</param>
/// <param name="Label">The Chinese label.</param>
/// <param name="Rank">0 for the best level, counting down the scheme's list.</param>
public sealed record GradeLevel(string Id, string Label, int Rank);

/// <summary>A flag raised for the subject, such as 软弱涣散 or 自行脱党.</summary>
/// <param name="Id">The flag's id.</param>
/// <param name="Label">The Chinese label.</param>
public sealed record RaisedFlag(string Id, string Label);

/// <summary>A recommended measure (措施), with the rule that recommended it.</summary>
/// <param name="Text">The measure, with the values it quotes filled in.</param>
/// <param name="RuleId">The rule that recommended it.</param>
public sealed record Measure(string Text, string RuleId);
