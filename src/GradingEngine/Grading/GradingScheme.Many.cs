using Newtonsoft.Json.Linq;

namespace GradingEngine.Grading;

/// <summary>Grading many subjects: lazily on the calling thread, or on several threads with results in input order.</summary>
public sealed partial class GradingScheme
{
    /// <summary>
    /// Grades subjects, in input order: one after another on the calling thread, lazily, or, with
    /// <see cref="GradingOptions.MaxDegreeOfParallelism"/> above 1, on that many threads (results still in input order;
    /// subjects are read ahead of the caller).
    /// </summary>
    /// <exception cref="SubjectInputException">A subject does not fit the scheme (thrown when its result is reached).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IEnumerable<GradingResult> GradeMany(IEnumerable<JObject> subjects, GradingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        return GradeMany(subjects.Select(SubjectBinder.FromJson), options, cancellationToken);
    }

    /// <inheritdoc cref="GradeMany(IEnumerable{JObject}, GradingOptions?, CancellationToken)"/>
    public IEnumerable<GradingResult> GradeMany(IEnumerable<IReadOnlyDictionary<string, object?>> subjects, GradingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if ((options?.MaxDegreeOfParallelism ?? 1) == 1 && _engine.CreateEvaluator() is { PreferredBatch: > 1 } evaluator)
        {
            return InBatches(subjects, evaluator, options, cancellationToken);
        }

        var binding = RowBindingFor(typeof(IReadOnlyDictionary<string, object?>));
        return Many(subjects, subject => GradeDictionary(binding, subject, options), options, cancellationToken);
    }

    /// <summary>
    /// What <see cref="Grade(IReadOnlyDictionary{string, object?}, GradingOptions?)"/> gives (the same result, the same
    /// exception with the same problems), bound by the scheme's dictionary binding into the thread's frame and scope.
    /// </summary>
    private GradingResult GradeDictionary(Typed.RowBinding binding, IReadOnlyDictionary<string, object?> subject, GradingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var frame = RentFrame();
        var scope = t_scope ??= new Typed.BindScope();
        scope.Reset();
        if (!binding.Bind(subject, frame, scope))
        {
            throw new SubjectInputException(subject.TryGetValue(SubjectBinder.IdField, out var id) ? id?.ToString() : null, [.. scope.Problems]);
        }

        EvaluatorOfThread().Evaluate(frame);
        return ResultBuilder.Build(_plan, frame, frame.SubjectId, (options ?? GradingOptions.Default).Explain);
    }

    /// <summary>
    /// On one thread with a back end that grades a batch at a cost shared by the batch (NRules): subjects are read
    /// and bound up to a batch ahead of the caller, graded together, and handed over in input order; a subject that
    /// does not fit throws when its result is reached, as one at a time.
    /// </summary>
    private IEnumerable<GradingResult> InBatches(IEnumerable<IReadOnlyDictionary<string, object?>> subjects, BackEnds.FrameEvaluator evaluator, GradingOptions? options, CancellationToken cancellationToken)
    {
        var explain = (options ?? GradingOptions.Default).Explain;
        var size = evaluator.PreferredBatch;
        var frames = new Facts.FactFrame[size];
        var bound = new Facts.FactFrame[size];
        var outcomes = new (int Frame, string? Id, SubjectInputException? Problem)[size];
        using var source = subjects.GetEnumerator();
        var more = true;
        while (more)
        {
            var count = 0;
            var n = 0;
            while (count < size && (more = source.MoveNext()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = frames[count] ??= _plan.Layout.NewFrame();
                var found = new List<InputProblem>();
                if (_binder.TryBind(source.Current, frame, found, out var subjectId))
                {
                    bound[n] = frame;
                    outcomes[count++] = (n++, subjectId, null);
                }
                else
                {
                    outcomes[count++] = (-1, subjectId, new SubjectInputException(source.Current.TryGetValue(SubjectBinder.IdField, out var id) ? id?.ToString() : null, found));
                }
            }

            evaluator.EvaluateMany(bound.AsSpan(0, n));
            for (var i = 0; i < count; i++)
            {
                var (f, subjectId, problem) = outcomes[i];
                yield return problem is null ? ResultBuilder.Build(_plan, bound[f], subjectId, explain) : throw problem;
            }
        }
    }

    /// <summary>
    /// Grades typed rows on <see cref="GradingOptions.MaxDegreeOfParallelism"/> threads (default: every core) into
    /// full results, in input order. See <see cref="GradeRow{TRow}"/> for how properties are matched; for one thread
    /// without a result per row, <see cref="GradeRows{TRow}(IEnumerable{TRow}, CancellationToken)"/> is faster.
    /// </summary>
    /// <exception cref="SchemeBindingException">The row type cannot give the scheme's inputs.</exception>
    /// <exception cref="SubjectInputException">A row's values do not fit the scheme (thrown when its result is reached).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IEnumerable<GradingResult> GradeRowsInParallel<TRow>(IEnumerable<TRow> rows, GradingOptions? options = null, CancellationToken cancellationToken = default)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        _ = RowBindingFor(typeof(TRow)); // a row type that cannot bind fails here, not on a worker
        options ??= GradingOptions.Default with { MaxDegreeOfParallelism = Environment.ProcessorCount };
        return Many(rows, row => GradeRow(row, options), options, cancellationToken);
    }

    private static IEnumerable<GradingResult> Many<T>(IEnumerable<T> subjects, Func<T, GradingResult> grade, GradingOptions? options, CancellationToken cancellationToken)
    {
        var threads = options?.MaxDegreeOfParallelism ?? 1;
        if (threads == 1)
        {
            return Sequential();
        }

        return Parallel();

        IEnumerable<GradingResult> Sequential()
        {
            foreach (var subject in subjects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return grade(subject);
            }
        }

        // PLINQ keeps the input order (AsOrdered) and streams: results are handed over as the ones before them are
        // done. A subject that does not fit surfaces as its own exception, not wrapped in an AggregateException.
        IEnumerable<GradingResult> Parallel()
        {
            using var results = subjects.AsParallel().AsOrdered()
                .WithDegreeOfParallelism(threads)
                .WithCancellation(cancellationToken)
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(grade)
                .GetEnumerator();
            while (true)
            {
                try
                {
                    if (!results.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                    throw; // not reached
                }

                yield return results.Current;
            }
        }
    }
}
