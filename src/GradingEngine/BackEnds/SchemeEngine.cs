using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.BackEnds;

/// <summary>A checked scheme made runnable by one back end. Immutable and thread-safe; evaluators are not.</summary>
internal abstract class SchemeEngine(CheckedScheme model, GradingBackEnd backEnd)
{
    public CheckedScheme Model { get; } = model;

    public GradingBackEnd BackEnd { get; } = backEnd;

    /// <summary>
    /// An evaluator for one thread. A back end whose evaluators hold no state may return the same one every time
    /// (<see cref="IsShared"/>).
    /// </summary>
    public abstract FrameEvaluator CreateEvaluator();

    /// <summary>
    /// An evaluator that also records, per evaluation, the back end's own rules that fired (for an explanation);
    /// by default one that records nothing.
    /// </summary>
    public virtual FrameEvaluator CreateTracingEvaluator() => CreateEvaluator();

    /// <summary>Whether <see cref="CreateEvaluator"/> returns one evaluator that every thread may use at once.</summary>
    public virtual bool IsShared => false;

    /// <summary>
    /// Says that frames will be evaluated with or without messages soon: a back end that compiles each way on first use
    /// may start now, in the background (a batch says so before its first stages). Completes when that way is ready;
    /// by default at once.
    /// </summary>
    public virtual Task Prepare(bool withMessages) => Task.CompletedTask;
}

/// <summary>
/// Evaluates frames bound with a subject's inputs: after <see cref="Evaluate"/> the frame holds every value, item
/// score, flag, measure text, the level and which rules fired. Belongs to one thread unless its engine says otherwise.
/// </summary>
internal abstract class FrameEvaluator
{
    /// <summary>Evaluates one frame; without messages, measure texts are left empty (a batch's ranking pass).</summary>
    public abstract void Evaluate(FactFrame frame, bool withMessages = true);

    /// <summary>The back end's rules that fired in the last evaluation, when this evaluator traces; else empty.</summary>
    public virtual IReadOnlyList<string> LastTrace => [];

    /// <summary>
    /// How many frames a caller should hand <see cref="EvaluateMany"/> at once: 1 when evaluating one frame at a time
    /// costs no more (the plan), more for a back end whose per-call cost is shared by a batch (NRules).
    /// </summary>
    public virtual int PreferredBatch => 1;

    /// <summary>Evaluates several frames; a back end with a per-call cost overrides this to share it.</summary>
    public virtual void EvaluateMany(ReadOnlySpan<FactFrame> frames, bool withMessages = true)
    {
        foreach (var frame in frames)
        {
            Evaluate(frame, withMessages);
        }
    }
}
