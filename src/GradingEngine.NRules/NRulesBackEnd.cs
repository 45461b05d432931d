using System.Runtime.CompilerServices;
using GradingEngine.BackEnds;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using NRules;
using NRules.RuleModel;

namespace GradingEngine.NRules;

/// <summary>
/// The NRules back end: each scheme (and the schemes it links) becomes an NRules rule set built from the checked
/// rule model (see <see cref="RuleRepositoryExtensions.LoadScheme"/>), compiled once into a session factory.
/// Grading inserts the subject's <see cref="GradingFact"/> into a session of the calling thread and fires it. Results are identical to <see cref="GradingBackEnd.Plan"/>'s; the plan is faster.
/// </summary>
public sealed class NRulesBackEnd : GradingBackEnd
{
    private readonly ConditionalWeakTable<CheckedScheme, NRulesEngine> _engines = [];

    private NRulesBackEnd()
    {
    }

    /// <summary>The NRules back end.</summary>
    public static NRulesBackEnd Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "nrules";

    internal override SchemeEngine Build(CheckedScheme model) => _engines.GetValue(model, m => new NRulesEngine(m, this));

    /// <summary>A scheme's rule set with those of every scheme it links, each once, linked schemes first.</summary>
    internal static IEnumerable<CheckedScheme> WithLinked(CheckedScheme model)
    {
        var seen = new List<CheckedScheme>();
        void Visit(CheckedScheme m)
        {
            if (seen.Contains(m))
            {
                return;
            }

            foreach (var input in m.Inputs)
            {
                if (input.Linked is { } linked)
                {
                    Visit(linked);
                }
            }

            seen.Add(m);
        }

        Visit(model);
        return seen;
    }
}
