using GradingEngine.BackEnds.Plan;
using GradingEngine.RuleModel;

namespace GradingEngine.BackEnds;

/// <summary>
/// What turns a checked scheme into something that grades. Every back end grades from the same checked rule model
/// and gives the same results: <see cref="Plan"/> compiles the whole scheme into one delegate (the fastest);
/// <c>GradingEngine.NRules</c> builds an NRules rule set. Pick one with
/// <see cref="Grading.GradingScheme.WithBackEnd(GradingBackEnd)"/> or
/// <see cref="Grading.SchemeCatalogue.WithBackEnd(GradingBackEnd)"/>. Instances are immutable and thread-safe.
/// </summary>
public abstract class GradingBackEnd
{
    private protected GradingBackEnd()
    {
    }

    /// <summary>The compiled plan: every step of a scheme inlined into one delegate. The default.</summary>
    public static GradingBackEnd Plan => PlanBackEnd.Instance;

    /// <summary>The back end's name as the command line takes it, e.g. <c>plan</c> or <c>nrules</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Builds an engine for one checked scheme (the schemes it links get engines of their own).</summary>
    internal abstract SchemeEngine Build(CheckedScheme model);

    /// <inheritdoc />
    public override string ToString() => Name;
}
