using GradingEngine.Facts;
using GradingEngine.Grading.Typed;

namespace GradingEngine.Grading;

/// <summary>
/// One typed row just graded by <see cref="GradingScheme.GradeRows{TRow}(IEnumerable{TRow}, System.Threading.CancellationToken)"/>
/// (or one dictionary by <see cref="GradingScheme.GradeRows(IEnumerable{IReadOnlyDictionary{string, object}}, System.Threading.CancellationToken)"/>):
/// a view of the engine's own record of the subject, read without building a result. Valid until the next row is
/// read (the record is reused); call <see cref="ToResult"/> to keep a full <see cref="GradingResult"/>. Measure texts
/// are only written when <see cref="ToResult"/> asks for them, so grading a row costs no allocation of its own.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public readonly struct GradedRow<TRow>
{
    private readonly GradingScheme _scheme;
    private readonly FactFrame _frame;
    private readonly IReadOnlyList<InputProblem>? _problems;
    private readonly BindScope? _scope;

    internal GradedRow(GradingScheme scheme, TRow row, FactFrame frame, IReadOnlyList<InputProblem>? problems, BindScope? scope = null)
    {
        _scheme = scheme;
        Row = row;
        _frame = frame;
        _problems = problems;
        _scope = scope;
    }

    /// <summary>The row that was graded.</summary>
    public TRow Row { get; }

    /// <summary>Whether the row's values fit the scheme; if not, <see cref="Problems"/> says why and nothing else is set.</summary>
    public bool IsGraded => _problems is null;

    /// <summary>The row's problems (field path and message), empty when it was graded.</summary>
    public IReadOnlyList<InputProblem> Problems => _problems ?? [];

    /// <summary>The level, or null when the scheme withholds one (or the row was not graded).</summary>
    public GradeLevel? Level => IsGraded && _frame.Numbers[_scheme.Model.Level.Index] is var ordinal && ordinal >= 0 ? _scheme.Levels[(int)ordinal] : null;

    /// <summary>The total score.</summary>
    public double Total => IsGraded ? _frame.Numbers[_scheme.Model.Total.Index] : 0;

    /// <summary>The score of an item, by id.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such item.</exception>
    public double Score(string itemId)
    {
        foreach (var item in _scheme.Model.Items)
        {
            if (item.Id == itemId)
            {
                return IsGraded ? _frame.Numbers[item.Score.Index] : 0;
            }
        }

        throw new KeyNotFoundException($"方案“{_scheme.Id}”没有评分项“{itemId}” (no such item)");
    }

    /// <summary>Whether a flag (e.g. <c>软弱涣散</c>) is raised, by id or label.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such flag.</exception>
    public bool HasFlag(string flag)
    {
        foreach (var f in _scheme.Model.Flags)
        {
            if (f.Id == flag || f.Label == flag)
            {
                return IsGraded && _frame.Booleans[f.Slot.Index];
            }
        }

        throw new KeyNotFoundException($"方案“{_scheme.Id}”没有标记“{flag}” (no such flag)");
    }

    /// <summary>The full result (items, flags, measures, linked results and, if asked, the explanation).</summary>
    /// <exception cref="SubjectInputException">The row was not graded; its problems are listed.</exception>
    public GradingResult ToResult(GradingOptions? options = null)
    {
        if (!IsGraded)
        {
            throw new SubjectInputException(_frame.SubjectId, Problems);
        }

        _scope?.WriteMessages();
        return ResultBuilder.Build(_scheme.Model, _frame, _frame.SubjectId, (options ?? GradingOptions.Default).Explain);
    }
}

/// <summary>A row type cannot give a scheme's inputs (reported once, when the type is first used with the scheme).</summary>
public sealed class SchemeBindingException : Exception
{
    internal SchemeBindingException(Type rowType, string schemeId, IReadOnlyList<string> problems)
        : base($"类型 {rowType.Name} 不能按方案“{schemeId}”评定 (type {rowType.Name} does not fit scheme '{schemeId}'):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems))
    {
        RowType = rowType;
        Problems = problems;
    }

    /// <summary>The row type.</summary>
    public Type RowType { get; }

    /// <summary>Each mismatch: the property, its type and the input it cannot give.</summary>
    public IReadOnlyList<string> Problems { get; }
}
