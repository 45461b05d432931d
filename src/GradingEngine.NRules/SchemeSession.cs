using GradingEngine.Facts;
using GradingEngine.RuleModel;
using NRules;

namespace GradingEngine.NRules;

/// <summary>
/// Sessions of one rule set on one thread: each subject's fact is inserted and fired; nothing is retracted. A session
/// is dropped after <see cref="SessionSize"/> subjects (a session that grows with the batch would slow every insert,
/// and dropping costs less than retracting). Not thread-safe.
/// </summary>
internal sealed class SchemeSession(CheckedScheme model, CompiledRules rules, Action<ISession>? subscribe = null)
{
    /// <summary>Subjects per session.</summary>
    public const int SessionSize = 100;

    private ISession? _session;
    private int _subjects;
    private GradingFact[] _batch = [];

    /// <summary>Grades one bound frame and returns its fact.</summary>
    public GradingFact Grade(FactFrame frame)
    {
        if (_session is null || _subjects == SessionSize)
        {
            _session = rules.Factory.CreateSession();
            subscribe?.Invoke(_session);
            _subjects = 0;
        }

        _subjects++;
        var shape = rules.Rules;
        shape.Prepare?.Invoke(frame);
        var fact = new GradingFact(model, frame) { Stage = shape.FirstStage };
        _session.Insert(fact);
        _session.Fire();
        if (!shape.MarksGraded)
        {
            fact.IsGraded = true;
        }

        return fact;
    }

    /// <summary>
    /// Grades several bound frames: as many facts as the session has room for are inserted together and fired once,
    /// so NRules' cost per call is shared. Each subject's rules fire in the same order as alone (priorities order them
    /// within a subject; no rule reads another subject).
    /// </summary>
    public void GradeMany(ReadOnlySpan<FactFrame> frames)
    {
        var shape = rules.Rules;
        var i = 0;
        while (i < frames.Length)
        {
            if (_session is null || _subjects == SessionSize)
            {
                _session = rules.Factory.CreateSession();
                subscribe?.Invoke(_session);
                _subjects = 0;
            }

            var count = Math.Min(SessionSize - _subjects, frames.Length - i);
            var facts = _batch.Length == count ? _batch : _batch = new GradingFact[count];
            for (var k = 0; k < count; k++)
            {
                var frame = frames[i + k];
                shape.Prepare?.Invoke(frame);
                facts[k] = new GradingFact(model, frame) { Stage = shape.FirstStage, IsGraded = !shape.MarksGraded };
            }

            _session.InsertAll(facts);
            _session.Fire();
            _subjects += count;
            i += count;
        }
    }
}
