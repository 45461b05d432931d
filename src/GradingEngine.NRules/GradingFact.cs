using GradingEngine.Facts;
using GradingEngine.Grading;
using GradingEngine.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// The NRules fact of one subject being graded: every rule of a scheme's rule set matches it, reads the subject's
/// inputs and writes its values, item scores, flags, measures and level. Your own NRules rules can match it too:
/// read <see cref="Number"/>, <see cref="IsFlagRaised"/>, <see cref="Level"/> once <see cref="IsGraded"/>, and add a
/// flag or a measure that then appears in the result. A fact belongs to one session at a time; not thread-safe.
/// </summary>
public sealed class GradingFact
{
    private static int s_next;
    private readonly int _hash = Interlocked.Increment(ref s_next);

    internal GradingFact(CheckedScheme model, FactFrame frame)
    {
        Model = model;
        Frame = frame;
    }

    /// <summary>The rule model whose rules grade this fact (a constant in every condition of its rule set).</summary>
    internal CheckedScheme Model { get; }

    /// <summary>The subject's slots, read and written by the rules.</summary>
    internal FactFrame Frame { get; set; }

    /// <summary>Extra measures added by rules outside the scheme.</summary>
    internal List<string>? ExtraMeasures { get; set; }

    /// <summary>The stage of the scheme's evaluation the fact has reached; the rule set moves it on.</summary>
    public int Stage { get; internal set; }

    /// <summary>Whether the scheme's rules have all run: the level, total and flags are final.</summary>
    public bool IsGraded { get; internal set; }

    /// <summary>The fact of the subject this one belongs to (an organisation for its members and team), if inserted with it.</summary>
    public GradingFact? Parent { get; internal set; }

    /// <summary>The id of the scheme that grades this subject.</summary>
    public string SchemeId => Model.Id;

    /// <summary>The subject's own id, when its input had one.</summary>
    public string? SubjectId => Frame.SubjectId;

    /// <summary>The total score (once graded).</summary>
    public double Total => Frame.Numbers[Model.Total.Index];

    /// <summary>The level's Chinese label (once graded); null when the scheme withholds a level.</summary>
    public string? Level => Frame.Numbers[Model.Level.Index] is var ordinal && ordinal >= 0 ? Model.Levels[(int)ordinal].DisplayName : null;

    /// <summary>A number of the scheme (an input, value, item score or rating) by id or label.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such number.</exception>
    public double Number(string name)
    {
        var symbol = Model.Scope.Lookup(name);
        return symbol is { Slot.Kind: StorageKind.Number }
            ? Frame.Numbers[symbol.Slot.Index]
            : throw new KeyNotFoundException($"方案“{Model.Id}”没有数值“{name}” (the scheme has no number '{name}')");
    }

    /// <summary>Whether a flag of the scheme (e.g. <c>软弱涣散</c>) is raised, by id or label.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such flag.</exception>
    public bool IsFlagRaised(string flag) => Frame.Booleans[FlagSlot(flag)];

    /// <summary>Raises a flag of the scheme; it appears in the result like one a scheme rule raised.</summary>
    /// <exception cref="KeyNotFoundException">The scheme has no such flag.</exception>
    public void RaiseFlag(string flag) => Frame.Booleans[FlagSlot(flag)] = true;

    /// <summary>Adds a measure (措施) to the result, after the scheme's own.</summary>
    public void AddMeasure(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        (ExtraMeasures ??= []).Add(text);
    }

    /// <summary>The result, as the plan back end gives it (plus measures added by your rules).</summary>
    /// <exception cref="InvalidOperationException">The fact is not graded yet (fire the session first).</exception>
    public GradingResult ToResult(GradingOptions? options = null)
    {
        if (!IsGraded)
        {
            throw new InvalidOperationException($"“{SubjectId ?? SchemeId}”尚未评定：先执行 session.Fire() (not graded yet: fire the session first)");
        }

        return ResultBuilder.Build(Model, Frame, Frame.SubjectId, (options ?? GradingOptions.Default).Explain, ExtraMeasures);
    }

    /// <summary>Reference identity, as NRules keys facts by <see cref="object.Equals(object)"/>.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>A hash fixed at creation, cheaper for NRules' fact lookups than the runtime's identity hash.</summary>
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public override string ToString() => $"{SchemeId}:{SubjectId}";

    private int FlagSlot(string flag)
    {
        foreach (var f in Model.Flags)
        {
            if (f.Id == flag || f.Label == flag)
            {
                return f.Slot.Index;
            }
        }

        throw new KeyNotFoundException($"方案“{Model.Id}”没有标记“{flag}” (the scheme has no flag '{flag}')");
    }
}
