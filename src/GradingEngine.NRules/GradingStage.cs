using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// The fact that moves a subject through its scheme's evaluation: a scheme's rules of stage <see cref="Number"/>
/// match it, and the stage rule inserts the next one. Stages are new facts, never updates of the subject's fact, so
/// NRules evaluates each rule's condition once per subject. Immutable.
/// </summary>
public sealed class GradingStage
{
    private static int s_next;
    private readonly int _hash = Interlocked.Increment(ref s_next);

    internal GradingStage(GradingFact subject, int number)
    {
        Subject = subject;
        Number = number;
        Model = subject.Model;
        Frame = subject.Frame;
    }

    /// <summary>The subject being graded.</summary>
    public GradingFact Subject { get; }

    /// <summary>The stage, from 1; the scheme's rules of this stage match it.</summary>
    public int Number { get; }

    internal CheckedScheme Model { get; }

    internal FactFrame Frame { get; }

    /// <summary>Reference identity, as NRules keys facts by <see cref="object.Equals(object)"/>.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>A hash fixed at creation, cheaper for NRules' fact lookups than the runtime's identity hash.</summary>
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public override string ToString() => $"{Subject}#{Number}";
}
