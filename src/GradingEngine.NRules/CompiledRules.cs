using NRules;

namespace GradingEngine.NRules;

/// <summary>A scheme's rules in one shape and the session factory compiled from them. Immutable and thread-safe.</summary>
internal sealed class CompiledRules(SchemeRules rules)
{
    public SchemeRules Rules { get; } = rules;

    public ISessionFactory Factory { get; } = new RuleCompiler().Compile([rules.RuleSet]);
}
