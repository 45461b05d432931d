using GradingEngine.Grading;
using NRules.Fluent;

namespace GradingEngine.NRules;

/// <summary>Puts grading schemes into an NRules <see cref="RuleRepository"/> beside your own rules.</summary>
public static class RuleRepositoryExtensions
{
    /// <summary>
    /// Adds the rule set of <paramref name="scheme"/> and of every scheme it links (members, team) to the
    /// repository, one rule set per scheme, named by the scheme's id. Insert subjects with
    /// <see cref="GradingSessionExtensions.InsertSubject(global::NRules.ISession, GradingScheme, IReadOnlyDictionary{string, object?})"/>.
    /// </summary>
    public static RuleRepository LoadScheme(this RuleRepository repository, GradingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(scheme);
        var present = repository.GetRuleSets().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var model in NRulesBackEnd.WithLinked(scheme.Model))
        {
            if (present.Add(model.Id))
            {
                repository.Add(SchemeRuleSet.Build(model, RuleSetShape.Repository).RuleSet);
            }
        }

        return repository;
    }
}
