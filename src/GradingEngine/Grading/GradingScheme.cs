using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using GradingEngine.BackEnds;
using GradingEngine.Grading.Typed;
using GradingEngine.RuleModel;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Grading;

/// <summary>
/// A scheme loaded, checked and compiled: ready to grade subjects. Load one with <see cref="Load(string)"/>,
/// <see cref="Load(Stream, string)"/> or <see cref="Parse(string, string)"/>; loading reports every problem of the
/// file at once. A <see cref="GradingScheme"/> is immutable and safe to use from many threads at the same time.
/// </summary>
public sealed partial class GradingScheme
{
    [ThreadStatic]
    private static (GradingScheme Scheme, FactFrame Frame, FrameEvaluator Evaluator)? t_frame;

    private readonly CheckedScheme _plan;
    private readonly SchemeEngine _engine;
    private readonly ThreadLocal<FrameEvaluator>? _evaluators;
    private readonly SubjectBinder _binder;
    private readonly IReadOnlyDictionary<CheckedScheme, GradingScheme> _linked;
    [ThreadStatic]
    private static BindScope? t_scope;

    private readonly ConcurrentDictionary<(GradingScheme, Type), RowBinding> _rowBindings = new();

    private DictionaryBinding? _dictionaries;

    private readonly JsonObjectNode _source;

    private GradingScheme(CheckedScheme model, GradingBackEnd backEnd, JsonObjectNode source, IReadOnlyDictionary<CheckedScheme, GradingScheme> linked)
    {
        _source = source;
        _plan = model;
        _linked = linked;
        _engine = backEnd.Build(model);
        _evaluators = _engine.IsShared ? null : new ThreadLocal<FrameEvaluator>(_engine.CreateEvaluator);
        _binder = new SubjectBinder(model, LinkedScheme);
        Id = model.Id;
        Name = model.Name;
        Version = model.Version;
        Subject = model.Subject;
        Description = model.Description;
        Inputs = model.Inputs.Select(i => new SchemeInput(i.Id, i.DisplayName, i.ExprType.Name, i.Unit, i.Min, i.Max, i.Required)).ToList();
        Levels = model.Levels.Select((l, i) => new GradeLevel(l.Id, l.DisplayName, i)).ToList();
    }

    /// <summary>The scheme's id, e.g. <c>org-sanfenlei</c>.</summary>
    public string Id { get; }

    /// <summary>The scheme's Chinese name.</summary>
    public string Name { get; }

    /// <summary>The scheme's version as written in the file.</summary>
    public string Version { get; }

    /// <summary>
    /// The first day this version is in force (<c>"effective": { "from": … }</c>); null when the file names no
    /// start. See <see cref="SchemeCatalogue.InForce"/>.
    /// </summary>
    public DateOnly? EffectiveFrom => _plan.Effective.From;

    /// <summary>The last day this version is in force, inclusive (<c>"effective": { "to": … }</c>); null when the file names no end.</summary>
    public DateOnly? EffectiveTo => _plan.Effective.To;

    /// <summary>Whether this version is in force on <paramref name="date"/> (always, when the file names no dates).</summary>
    public bool IsInForce(DateOnly date) => _plan.Effective.Contains(date);

    /// <summary>The file (or resource) the scheme was loaded from, for messages.</summary>
    internal string SourceName => _source.File ?? Id;

    /// <summary>The kind of subject it grades.</summary>
    public SubjectKind Subject { get; }

    /// <summary>What the scheme is for, if the file says.</summary>
    public string? Description { get; }

    /// <summary>The inputs a subject must or may give, in declaration order (rater scores as <c>评价项.评价主体</c>).</summary>
    public IReadOnlyList<SchemeInput> Inputs { get; }

    /// <summary>The levels, best first.</summary>
    public IReadOnlyList<GradeLevel> Levels { get; }

    /// <summary>The back end that grades with this scheme (<see cref="GradingBackEnd.Plan"/> unless chosen).</summary>
    public GradingBackEnd BackEnd => _engine.BackEnd;

    /// <summary>The checked rule model every back end compiles from.</summary>
    internal CheckedScheme Model => _plan;

    /// <summary>The scheme compiled by its back end.</summary>
    internal SchemeEngine Engine => _engine;

    /// <summary>The schemes this one links (members, team), by their rule model.</summary>
    internal IEnumerable<GradingScheme> LinkedSchemes => _linked.Values;

    /// <summary>The scheme's JSON as compiled (for a variant, merged onto its base's).</summary>
    internal JsonObjectNode Source => _source;

    /// <summary>For a variant (<c>extends</c>): the base scheme and the variant's own JSON before merging; null otherwise.</summary>
    internal (GradingScheme Base, JsonObjectNode Own)? Variant { get; private init; }

    /// <summary>The evaluator of the calling thread.</summary>
    internal FrameEvaluator Evaluator => _evaluators?.Value ?? _engine.CreateEvaluator();

    /// <summary>
    /// The same scheme graded by another back end (the schemes it links too). Results are identical whichever back
    /// end grades; the plan is the fastest.
    /// </summary>
    public GradingScheme WithBackEnd(GradingBackEnd backEnd)
    {
        ArgumentNullException.ThrowIfNull(backEnd);
        return ReferenceEquals(backEnd, BackEnd)
            ? this
            : new GradingScheme(_plan, backEnd, _source, _linked.ToDictionary(p => p.Key, p => p.Value.WithBackEnd(backEnd))) { Variant = Variant };
    }

    /// <summary>The binding of subjects given as dictionaries to this scheme's inputs, made on first use.</summary>
    internal DictionaryBinding Dictionaries => _dictionaries ??= new DictionaryBinding(this);

    /// <summary>The linked scheme whose rule model is <paramref name="model"/>.</summary>
    internal GradingScheme LinkedScheme(CheckedScheme model) => _linked[model];

    /// <summary>Loads a scheme from a UTF-8 file (bytes that are not UTF-8 are reported with their position).</summary>
    /// <exception cref="SchemeLoadException">The file has problems; all of them are listed.</exception>
    public static GradingScheme Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(SchemeSource.FromFile(path));
    }

    /// <summary>Loads a scheme from a stream of UTF-8 JSON (bytes that are not UTF-8 are reported with their position).</summary>
    /// <param name="stream">The scheme's JSON.</param>
    /// <param name="sourceName">A name used in messages, such as the file name.</param>
    /// <exception cref="SchemeLoadException">The scheme has problems; all of them are listed.</exception>
    public static GradingScheme Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(new SchemeSource(sourceName, null, buffer.ToArray()));
    }

    private static GradingScheme Load(SchemeSource source) =>
        TryLoad(source, [], out var scheme, out var diagnostics) ? scheme : throw new SchemeLoadException(diagnostics);

    /// <summary>Loads a scheme from JSON text.</summary>
    /// <exception cref="SchemeLoadException">The scheme has problems; all of them are listed.</exception>
    public static GradingScheme Parse(string json, string sourceName = "<string>") => Parse(json, sourceName, []);

    /// <summary>
    /// Loads a scheme from JSON text, resolving the schemes it extends or links (<c>"extends"</c>, inputs with
    /// <c>"scheme"</c>) among <paramref name="references"/>.
    /// </summary>
    /// <exception cref="SchemeLoadException">The scheme has problems; all of them are listed.</exception>
    public static GradingScheme Parse(string json, string sourceName, IEnumerable<GradingScheme> references) =>
        TryParse(json, sourceName, references, out var scheme, out var diagnostics) ? scheme : throw new SchemeLoadException(diagnostics);

    /// <summary>Loads a scheme from JSON text, returning its problems instead of throwing.</summary>
    /// <returns>True when the scheme loaded; otherwise <paramref name="diagnostics"/> lists every problem.</returns>
    public static bool TryParse(string json, string sourceName, [NotNullWhen(true)] out GradingScheme? scheme, out IReadOnlyList<SchemeDiagnostic> diagnostics) =>
        TryParse(json, sourceName, [], out scheme, out diagnostics);

    /// <summary>
    /// Loads a scheme from JSON text, resolving the schemes it extends or links among <paramref name="references"/>,
    /// and returning its problems instead of throwing.
    /// </summary>
    /// <returns>True when the scheme loaded; otherwise <paramref name="diagnostics"/> lists every problem.</returns>
    public static bool TryParse(
        string json,
        string sourceName,
        IEnumerable<GradingScheme> references,
        [NotNullWhen(true)] out GradingScheme? scheme,
        out IReadOnlyList<SchemeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryLoad(SchemeSource.FromText(sourceName, json), references, out scheme, out diagnostics);
    }

    /// <summary>Reads and compiles one source; never throws for anything the source says.</summary>
    internal static bool TryLoad(
        SchemeSource source,
        IEnumerable<GradingScheme> references,
        [NotNullWhen(true)] out GradingScheme? scheme,
        out IReadOnlyList<SchemeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(references);
        var byId = new Dictionary<string, GradingScheme>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            byId.TryAdd(reference.Id, reference);
        }

        var bag = new DiagnosticBag(source.Name);
        var root = source.Read(bag);
        scheme = root is null ? null : Compile(root, bag, id => byId.GetValueOrDefault(id));
        diagnostics = bag.ToSortedList();
        return scheme is not null;
    }

    /// <summary>Reads, merges (for a variant) and compiles a scheme's JSON tree; null when it has problems.</summary>
    /// <param name="root">The scheme's JSON.</param>
    /// <param name="bag">Receives every problem.</param>
    /// <param name="resolve">Finds a compiled scheme the scheme extends or links, by id.</param>
    /// <param name="failedFile">The file of a scheme with that id that was loaded but has problems, if any (for messages).</param>
    internal static GradingScheme? Compile(JsonNode root, DiagnosticBag bag, Func<string, GradingScheme?> resolve, Func<string, string?>? failedFile = null)
    {
        failedFile ??= static _ => null;
        (GradingScheme Base, JsonObjectNode Own)? variantOf = null;
        if (SchemeVariants.BaseOf(root) is { } baseId && root is JsonObjectNode variant)
        {
            if (resolve(baseId) is { } baseScheme)
            {
                variantOf = (baseScheme, variant);
                root = SchemeVariants.Merge(variant, baseScheme._source, bag);
            }
            else
            {
                var where = variant.Find(SchemeVariants.ExtendsProperty)!.Value;
                bag.Add(DiagnosticCodes.UnknownReference,
                    failedFile(baseId) is { } file
                        ? $"要扩展的方案“{baseId}”（{file}）有问题，未能加载 (base scheme '{baseId}' in {file} has problems and did not load)"
                        : $"要扩展的方案“{baseId}”未找到：应与本方案一同加载 (base scheme '{baseId}' was not found; load it together with this one)",
                    where.Location(bag.File));
                return null;
            }
        }

        var definition = SchemeReader.Read(root, bag);
        if (definition is null)
        {
            return null;
        }

        // Checked even when the structure had problems, so that name and type errors are reported together.
        var linked = new Dictionary<CheckedScheme, GradingScheme>();
        var model = SchemeChecker.Check(definition, bag, ExpressionLimits.Default, id =>
        {
            if (resolve(id) is not { } scheme)
            {
                return null;
            }

            linked[scheme.Model] = scheme;
            return scheme.Model;
        }, failedFile);
        if (model is null || bag.HasErrors)
        {
            return null;
        }

        var backEnd = linked.Values.FirstOrDefault()?.BackEnd ?? GradingBackEnd.Plan;
        return new GradingScheme(model, backEnd, (JsonObjectNode)root, linked.ToDictionary(p => p.Key, p => p.Value.WithBackEnd(backEnd))) { Variant = variantOf };
    }

    /// <summary>Grades one subject given as a JSON object whose properties are the scheme's input ids or labels.</summary>
    /// <exception cref="SubjectInputException">The input does not fit the scheme; all problems are listed.</exception>
    public GradingResult Grade(JObject subject, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Grade(SubjectBinder.FromJson(subject), options);
    }

    /// <summary>Grades one subject given as a dictionary of input ids or labels to values.</summary>
    /// <exception cref="SubjectInputException">The input does not fit the scheme; all problems are listed.</exception>
    public GradingResult Grade(IReadOnlyDictionary<string, object?> subject, GradingOptions? options = null) =>
        TryGrade(subject, out var result, out var problems, options)
            ? result
            : throw new SubjectInputException(subject.TryGetValue(SubjectBinder.IdField, out var id) ? id?.ToString() : null, problems);

    /// <summary>
    /// Grades one subject given as a typed row. Properties are matched to inputs by their
    /// <see cref="SchemeFieldAttribute"/> name, else their own name, against an input's id or Chinese label; a rating
    /// is a property whose type has a property per rater (or flat <c>评价项.评价主体</c> names); a linked list (members)
    /// is an <see cref="IEnumerable{T}"/> of rows of the linked scheme and a linked subject (the team) a property of
    /// such a row type; a property named <c>id</c> is the subject's id. The binding is compiled once per row type.
    /// </summary>
    /// <exception cref="SchemeBindingException">The row type cannot give the scheme's inputs (thrown on first use).</exception>
    /// <exception cref="SubjectInputException">The row's values do not fit the scheme; all problems are listed.</exception>
    public GradingResult GradeRow<TRow>(TRow row, GradingOptions? options = null)
        where TRow : notnull
    {
        var binding = RowBindingFor(typeof(TRow));
        var frame = RentFrame();
        var scope = t_scope ??= new BindScope();
        scope.Reset();
        if (!binding.Bind(row, frame, scope))
        {
            throw new SubjectInputException(frame.SubjectId, [.. scope.Problems]);
        }

        EvaluatorOfThread().Evaluate(frame);
        return ResultBuilder.Build(_plan, frame, frame.SubjectId, (options ?? GradingOptions.Default).Explain);
    }

    /// <summary>
    /// Grades typed rows one after another, lazily, in order, without building a result per row: each
    /// <see cref="GradedRow{TRow}"/> is a view valid until the next row is read (call its <c>ToResult</c> to keep one).
    /// A row whose values do not fit is yielded with its problems, not thrown. See <see cref="GradeRow{TRow}"/> for
    /// how properties are matched.
    /// </summary>
    /// <exception cref="SchemeBindingException">The row type cannot give the scheme's inputs.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IEnumerable<GradedRow<TRow>> GradeRows<TRow>(IEnumerable<TRow> rows, CancellationToken cancellationToken = default)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        var binding = RowBindingFor(typeof(TRow));
        return Iterate();

        IEnumerable<GradedRow<TRow>> Iterate()
        {
            var (frame, scope, evaluator) = (_plan.Layout.NewFrame(), new BindScope { WithMessages = false }, _engine.CreateEvaluator());
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return GradeRowInto(binding, row, frame, scope, evaluator);
            }
        }
    }

    /// <summary>
    /// Grades subjects given as dictionaries (input ids or Chinese labels to values, <c>id</c> for the subject's id,
    /// linked members and team as nested dictionaries) one after another, lazily, in order, without building a result
    /// per subject: each <see cref="GradedRow{TRow}"/> is a view valid until the next subject is read (its <c>ToResult</c>
    /// gives what <see cref="Grade(IReadOnlyDictionary{string, object?}, GradingOptions?)"/> gives). A subject that does
    /// not fit is yielded with the problems <see cref="TryGrade"/> reports, not thrown. The keys the scheme accepts are
    /// resolved once per scheme; a subject costs no allocation beyond the caller's own dictionaries.
    /// <see cref="GradeRows{TRow}(IEnumerable{TRow}, CancellationToken)"/> over <see cref="Dictionary{TKey, TValue}"/>
    /// rows binds the same way.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IEnumerable<GradedRow<IReadOnlyDictionary<string, object?>>> GradeRows(IEnumerable<IReadOnlyDictionary<string, object?>> subjects, CancellationToken cancellationToken = default) =>
        GradeRows<IReadOnlyDictionary<string, object?>>(subjects, cancellationToken);

    /// <summary>Grades typed rows from an asynchronous stream, in order (see <see cref="GradeRows{TRow}(IEnumerable{TRow}, CancellationToken)"/>).</summary>
    /// <exception cref="SchemeBindingException">The row type cannot give the scheme's inputs.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async IAsyncEnumerable<GradedRow<TRow>> GradeRowsAsync<TRow>(IAsyncEnumerable<TRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        var binding = RowBindingFor(typeof(TRow));
        var (frame, scope, evaluator) = (_plan.Layout.NewFrame(), new BindScope { WithMessages = false }, _engine.CreateEvaluator());
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return GradeRowInto(binding, row, frame, scope, evaluator);
        }
    }

    private GradedRow<TRow> GradeRowInto<TRow>(RowBinding binding, TRow row, FactFrame frame, BindScope scope, FrameEvaluator evaluator)
        where TRow : notnull
    {
        scope.Reset();
        if (!binding.Bind(row, frame, scope))
        {
            return new GradedRow<TRow>(this, row, frame, [.. scope.Problems], scope);
        }

        scope.Evaluate(evaluator, frame);
        return new GradedRow<TRow>(this, row, frame, null, scope);
    }

    private RowBinding RowBindingFor(Type rowType) =>
        _rowBindings.TryGetValue((this, rowType), out var binding) ? binding : _rowBindings.GetOrAdd((this, rowType), RowBinding.Create(this, rowType, _rowBindings));

    /// <summary>Grades one subject, returning the input's problems instead of throwing.</summary>
    public bool TryGrade(
        IReadOnlyDictionary<string, object?> subject,
        [NotNullWhen(true)] out GradingResult? result,
        out IReadOnlyList<InputProblem> problems,
        GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var frame = RentFrame();
        var found = new List<InputProblem>();
        if (!_binder.TryBind(subject, frame, found, out var subjectId))
        {
            result = null;
            problems = found;
            return false;
        }

        EvaluatorOfThread().Evaluate(frame);
        result = ResultBuilder.Build(_plan, frame, subjectId, (options ?? GradingOptions.Default).Explain);
        problems = [];
        return true;
    }

    /// <summary>
    /// Binds and evaluates a linked child (a member of an organisation, its team) into a frame of its own,
    /// reporting its problems under <paramref name="path"/>; null when the child's input has problems.
    /// </summary>
    internal FactFrame? TryEvaluate(IReadOnlyDictionary<string, object?> input, string path, List<InputProblem> problems)
    {
        var frame = _plan.Layout.NewFrame();
        var found = new List<InputProblem>();
        if (!_binder.TryBind(input, frame, found, out _))
        {
            problems.AddRange(found.Select(p => p with { Field = path + p.Field }));
            return null;
        }

        Evaluator.Evaluate(frame);
        return frame;
    }

    /// <summary>
    /// Applies a member scheme's quotas (per organisation) to the members of one organisation, graded in list order:
    /// those beyond a quota are graded again with the next level down as their best.
    /// </summary>
    internal void ApplyQuotas(List<FactFrame> members)
    {
        if (_plan.Quotas.Count == 0 || members.Count == 0)
        {
            return;
        }

        var levels = new int[members.Count];
        var graded = 0;
        for (var m = 0; m < members.Count; m++)
        {
            levels[m] = (int)members[m].Numbers[_plan.Level.Index];
            graded += levels[m] >= 0 ? 1 : 0;
        }

        var moves = MemberQuotas.Apply(_plan, levels, graded, (m, key) => members[m].Numbers[key.Slot.Index]);
        foreach (var move in moves ?? [])
        {
            var frame = members[move.Member];
            frame.Numbers[_plan.ImposedCap.Index] = move.Level;
            Evaluator.Evaluate(frame);
        }
    }

    /// <summary>
    /// Grades one subject of a batch with the explanation: <paramref name="imposedCap"/> is the best level a quota
    /// left it (0 for none).
    /// </summary>
    internal GradingResult GradeInBatch(IReadOnlyDictionary<string, object?> subject, int imposedCap)
    {
        var frame = Bind(subject);
        frame.Numbers[_plan.ImposedCap.Index] = imposedCap;
        var evaluator = _engine.CreateTracingEvaluator();
        evaluator.Evaluate(frame);
        var result = ResultBuilder.Build(_plan, frame, frame.SubjectId, explain: true);
        result.Explanation!.EngineRules = evaluator.LastTrace;
        return result;
    }

    /// <summary>Binds a subject's inputs into a new frame (its linked children graded), ready to be evaluated.</summary>
    /// <exception cref="SubjectInputException">The input does not fit the scheme; all problems are listed.</exception>
    internal FactFrame Bind(IReadOnlyDictionary<string, object?> subject)
    {
        var frame = _plan.Layout.NewFrame();
        var found = new List<InputProblem>();
        return _binder.TryBind(subject, frame, found, out var subjectId) ? frame : throw new SubjectInputException(subjectId, found);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Id} {Version})";

    /// <summary>One frame per thread for the last scheme used on it: grading allocates no frame in a loop.</summary>
    private FactFrame RentFrame()
    {
        if (t_frame is { } cached && ReferenceEquals(cached.Scheme, this))
        {
            return cached.Frame;
        }

        var frame = _plan.Layout.NewFrame();
        t_frame = (this, frame, Evaluator);
        return frame;
    }

    /// <summary>The evaluator rented with the thread's frame (call after <see cref="RentFrame"/>).</summary>
    private static FrameEvaluator EvaluatorOfThread() => t_frame!.Value.Evaluator;
}

/// <summary>Options for grading.</summary>
public sealed record GradingOptions
{
    /// <summary>Grading with the explanation (the default).</summary>
    public static GradingOptions Default { get; } = new();

    /// <summary>Grading without the explanation, for speed in batches.</summary>
    public static GradingOptions WithoutExplanation { get; } = new() { Explain = false };

    /// <summary>Whether results carry an explanation. Default true.</summary>
    public bool Explain { get; init; } = true;

    /// <summary>
    /// Threads <c>GradeMany</c> and <c>GradeRowsInParallel</c> grade on; results come back in input order whatever the
    /// number. Default 1 (the calling thread, lazily); <see cref="Environment.ProcessorCount"/> for every core.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _parallelism;
        init => _parallelism = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "至少一个线程 (at least 1)");
    }

    private readonly int _parallelism = 1;
}

/// <summary>One input a scheme declares.</summary>
/// <param name="Id">The id used in data files and expressions.</param>
/// <param name="Label">The Chinese label (also accepted as a column or property name).</param>
/// <param name="Type">The type: number, integer, boolean, text, date, enumeration …, list of ….</param>
/// <param name="Unit">The unit, if any.</param>
/// <param name="Min">The smallest allowed value, if any.</param>
/// <param name="Max">The largest allowed value, if any.</param>
/// <param name="Required">Whether a subject must give it (an input with a default need not).</param>
public sealed record SchemeInput(string Id, string Label, string Type, string? Unit, double? Min, double? Max, bool Required);

/// <summary>Names the scheme input a property of a typed row supplies, when it differs from the property name.</summary>
/// <param name="name">The input's id or label.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemeFieldAttribute(string name) : Attribute
{
    /// <summary>The input's id or label.</summary>
    public string Name { get; } = name;
}
