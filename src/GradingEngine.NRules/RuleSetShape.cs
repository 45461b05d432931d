namespace GradingEngine.NRules;

/// <summary>
/// How a scheme's rule set is shaped for where it runs. Every shape holds the scheme's own rules, gates and vetoes
/// with the same names, descriptions, tags and priorities; shapes differ in what the stage rules do.
/// </summary>
internal sealed record RuleSetShape
{
    /// <summary>
    /// A developer's repository: everything happens in NRules (stage 0 is a rule, which waits until the subject's
    /// linked subjects in the same session are graded), and the subject's fact is updated once graded, so that rules
    /// outside the scheme react.
    /// </summary>
    public static RuleSetShape Repository { get; } = new() { SharedSession = true };

    /// <summary>The back end's explaining sessions: every step in NRules, so that the trace shows each stage rule.</summary>
    public static RuleSetShape Traced { get; } = new();

    /// <summary>
    /// The back end's own sessions (one scheme, nothing linked in the session, nothing outside the scheme): what depends
    /// only on the inputs (the prologue, the fused aggregations, the values, items and ratings of stage 0) is computed
    /// by <see cref="SchemeRules.Prepare"/> when the fact is made, so the first layer of scheme rules matches the
    /// subject's fact itself; a last stage rule with nothing left to compute is left out.
    /// </summary>
    public static RuleSetShape BackEnd { get; } = new() { Prepared = true };

    /// <summary>As <see cref="BackEnd"/>, without measure texts (a batch's ranking pass).</summary>
    public static RuleSetShape BackEndWithoutMessages { get; } = new() { Prepared = true, WithoutMessages = true };

    /// <summary>Whether stage 0 is a prepare step run when the fact is made instead of a rule.</summary>
    public bool Prepared { get; init; }

    /// <summary>
    /// Whether the session may hold other schemes' subjects and rules: a subject waits for its linked subjects' facts,
    /// and its own fact is updated once graded.
    /// </summary>
    public bool SharedSession { get; init; }

    /// <summary>Whether measure texts are left empty.</summary>
    public bool WithoutMessages { get; init; }
}
