using GradingEngine.Grading;
using NRules;
using Newtonsoft.Json.Linq;

namespace GradingEngine.NRules;

/// <summary>Inserting subjects to grade into an NRules session whose repository holds their scheme.</summary>
public static class GradingSessionExtensions
{
    /// <summary>
    /// Binds a subject's inputs (ids or Chinese labels, as <see cref="GradingScheme.Grade(IReadOnlyDictionary{string, object?}, GradingOptions?)"/>
    /// takes them) and inserts its fact; after <c>session.Fire()</c> read the result with
    /// <see cref="GradingFact.ToResult"/>. Linked subjects (members, team) are graded with the scheme's rule sets too.
    /// </summary>
    /// <exception cref="SubjectInputException">The input does not fit the scheme; all problems are listed.</exception>
    public static GradingFact InsertSubject(this ISession session, GradingScheme scheme, IReadOnlyDictionary<string, object?> subject)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scheme);
        var frame = scheme.WithBackEnd(NRulesBackEnd.Instance).Bind(subject);
        var fact = new GradingFact(scheme.Model, frame);
        session.Insert(fact);
        return fact;
    }

    /// <summary>Binds a subject given as a JSON object and inserts its fact (see the dictionary overload).</summary>
    /// <exception cref="SubjectInputException">The input does not fit the scheme; all problems are listed.</exception>
    public static GradingFact InsertSubject(this ISession session, GradingScheme scheme, JObject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return session.InsertSubject(scheme, SubjectBinder.FromJson(subject));
    }
}
