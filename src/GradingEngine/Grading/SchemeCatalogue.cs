using System.Diagnostics.CodeAnalysis;
using GradingEngine.Diagnostics;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Grading;

/// <summary>
/// A set of compiled schemes looked up by id, typically every <c>*.json</c> file of a folder.
/// Immutable and thread-safe.
/// </summary>
public sealed class SchemeCatalogue
{
    /// <summary>The prefix of the shipped schemes' resource names in this assembly: <c>schemes/&lt;file&gt;.json</c>.</summary>
    internal const string ShippedResourcePrefix = "schemes/";

    /// <summary>The resource name of the scheme format's JSON Schema (<c>schemes/scheme.schema.json</c>) in this assembly.</summary>
    internal const string SchemaResourceName = ShippedResourcePrefix + "scheme.schema.json";

    /// <summary>How JSON Schema files end; they sit beside schemes (<c>scheme.schema.json</c>) and are never loaded as one.</summary>
    internal const string SchemaFileSuffix = ".schema.json";

    private static readonly Lazy<SchemeCatalogue> s_shipped = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, GradingScheme> _schemes;

    /// <summary>Creates a catalogue of the given schemes.</summary>
    /// <exception cref="ArgumentException">Two schemes share an id.</exception>
    public SchemeCatalogue(IEnumerable<GradingScheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        _schemes = new Dictionary<string, GradingScheme>(StringComparer.Ordinal);
        foreach (var scheme in schemes)
        {
            if (!_schemes.TryAdd(scheme.Id, scheme))
            {
                throw new ArgumentException($"Two schemes have the id '{scheme.Id}'.", nameof(schemes));
            }
        }
    }

    /// <summary>
    /// The schemes shipped with the library, embedded in it and needing no folder: <c>member-wudai</c> (五带五争),
    /// <c>team-sihao</c> and <c>team-sihao-soe</c> (四好五强), <c>org-sanfenlei</c> (三分类三升级) and
    /// <c>org-fenlei-dingji</c> (分类定级). Loaded and compiled once, on first use, from any thread; e.g.
    /// <c>SchemeCatalogue.Shipped["org-sanfenlei"]</c>.
    /// </summary>
    public static SchemeCatalogue Shipped => s_shipped.Value;

    /// <summary>Every scheme, ordered by id.</summary>
    public IReadOnlyList<GradingScheme> All => _schemes.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>The scheme with this id.</summary>
    /// <exception cref="KeyNotFoundException">No scheme has this id; the message lists the ids there are.</exception>
    public GradingScheme this[string id] =>
        _schemes.TryGetValue(id, out var scheme)
            ? scheme
            : throw new KeyNotFoundException($"No scheme '{id}' in the catalogue; it has: {string.Join(", ", _schemes.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The same schemes graded by another back end (see <see cref="GradingScheme.WithBackEnd"/>).</summary>
    public SchemeCatalogue WithBackEnd(BackEnds.GradingBackEnd backEnd)
    {
        ArgumentNullException.ThrowIfNull(backEnd);
        return new SchemeCatalogue(_schemes.Values.Select(s => s.WithBackEnd(backEnd)));
    }

    /// <summary>Looks a scheme up by id.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out GradingScheme? scheme) => _schemes.TryGetValue(id, out scheme);

    /// <summary>
    /// Loads every <c>*.json</c> file of a folder (not its sub-folders; the extension in any case, <c>.JSON</c>
    /// too) except JSON Schema files (<c>*.schema.json</c>, such as the format's <c>scheme.schema.json</c>). Schemes that extend or link others are compiled after them, whatever the file order. Files are UTF-8:
    /// bytes that are not are reported with their position.
    /// </summary>
    /// <exception cref="SchemeLoadException">Some files have problems: every problem of every file is listed.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static SchemeCatalogue LoadFolder(string folder) => Load(SchemeFiles(folder).Select(SchemeSource.FromFile).ToList());

    /// <summary>
    /// Loads schemes from JSON texts, each named by its source (a file name, a resource name) for messages. Schemes
    /// that extend or link others are compiled after them, whatever the order given.
    /// </summary>
    /// <exception cref="SchemeLoadException">Some texts have problems: every problem of every one is listed.</exception>
    public static SchemeCatalogue Load(IEnumerable<KeyValuePair<string, string>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Load(sources.Select(p => SchemeSource.FromText(p.Key, p.Value)).ToList());
    }

    /// <summary>The scheme files of a folder: <c>*.json</c> in any case but not <c>*.schema.json</c>, in ordinal order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    internal static IReadOnlyList<string> SchemeFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Scheme folder not found: {Path.GetFullPath(folder)}");
        }

        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, MatchType = MatchType.Simple };
        return Directory.GetFiles(folder, "*.json", options)
            .Where(f => !IsSchemaFile(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether a file or resource name is a JSON Schema (<c>*.schema.json</c>, in any case) rather than a scheme.</summary>
    internal static bool IsSchemaFile(string name) => name.EndsWith(SchemaFileSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The JSON Schema of the scheme format, embedded in this assembly (the text of <c>schemes/scheme.schema.json</c>).</summary>
    internal static string SchemaText()
    {
        using var stream = typeof(SchemeCatalogue).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The resource {SchemaResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SchemeCatalogue Load(IReadOnlyList<SchemeSource> sources)
    {
        var outcomes = Compile(sources);
        var problems = outcomes.SelectMany(o => o.Problems).ToList();
        return problems.Count > 0 ? throw new SchemeLoadException(problems) : new SchemeCatalogue(outcomes.Select(o => o.Scheme!));
    }

    /// <summary>
    /// Reads and compiles every source, each after the schemes it extends or links (a cycle between schemes is
    /// reported where each scheme names the next). Never throws for anything a source says.
    /// </summary>
    /// <param name="sources">The sources, in the order their problems are listed.</param>
    /// <param name="preferred">
    /// A source that wins over the others that declare the same scheme id (they are left out, unreported): a file
    /// being validated on its own beside a folder that holds another version of it.
    /// </param>
    /// <returns>One outcome per source, in the order given.</returns>
    internal static IReadOnlyList<SchemeOutcome> Compile(IReadOnlyList<SchemeSource> sources, SchemeSource? preferred = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var outcomes = sources.Select(s => new SchemeOutcome(s)).ToList();
        foreach (var outcome in outcomes)
        {
            var bag = new DiagnosticBag(outcome.Source.Name);
            outcome.Root = outcome.Source.Read(bag);
            if (outcome.Root is JsonObjectNode o)
            {
                outcome.Id = o.Find("id")?.Value is JsonScalarNode { Value: string id } ? id : null;
                if (o.Find("id") is null && SchemeVariants.BaseOf(o) is not null)
                {
                    // A variant without an id would take its base's: say so rather than report a clash of ids.
                    bag.Add(DiagnosticCodes.MissingProperty, "方案缺少 id (the scheme has no 'id')", o.Location(bag.File));
                    outcome.Root = null;
                }
            }

            outcome.Problems.AddRange(bag.ToSortedList());
        }

        if (preferred is not null && outcomes.FirstOrDefault(o => ReferenceEquals(o.Source, preferred)) is { Id: { } preferredId } chosen)
        {
            foreach (var other in outcomes.Where(o => o != chosen && o.Id == preferredId))
            {
                other.Root = null;
                other.Problems.Clear();
            }
        }

        var compiled = new Dictionary<string, GradingScheme>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = outcomes.Where(o => o.Root is not null).ToList();
        var known = pending.Where(o => o.Id is not null).Select(o => o.Id!).ToHashSet(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            // Compile every source whose dependencies are compiled (or do not exist here: reported when compiling).
            var waiting = pending.Where(p => p.Id is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
            var ready = pending.Where(f => SchemeVariants.Dependencies(f.Root!).All(d => compiled.ContainsKey(d) || !known.Contains(d) || !waiting.Contains(d))).ToList();
            if (ready.Count == 0)
            {
                ReportCycles(pending);
                break;
            }

            foreach (var outcome in ready)
            {
                pending.Remove(outcome);
                var bag = new DiagnosticBag(outcome.Source.Name);
                var scheme = GradingScheme.Compile(outcome.Root!, bag, id => compiled.GetValueOrDefault(id), id => failed.GetValueOrDefault(id));
                if (scheme is not null && !compiled.TryAdd(scheme.Id, scheme))
                {
                    var where = (outcome.Root as JsonObjectNode)?.Find("id")?.Value ?? outcome.Root!;
                    bag.Add(DiagnosticCodes.DuplicateId, $"另一文件已声明方案 id“{scheme.Id}” (another file already declares scheme id '{scheme.Id}')", where.Location(bag.File));
                    scheme = null;
                }

                if (scheme is null && outcome.Id is not null)
                {
                    failed.TryAdd(outcome.Id, outcome.Source.Name);
                }

                outcome.Scheme = scheme;
                outcome.Problems.AddRange(bag.ToSortedList());
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Reports each scheme left waiting: where it names the first scheme it waits for, with the cycle it is on (or
    /// the scheme on a cycle it waits for).
    /// </summary>
    private static void ReportCycles(List<SchemeOutcome> pending)
    {
        var waiting = pending.Where(p => p.Id is not null).GroupBy(p => p.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<string> WaitsFor(SchemeOutcome o) => SchemeVariants.Dependencies(o.Root!).Where(waiting.ContainsKey).Distinct(StringComparer.Ordinal).ToList();

        foreach (var outcome in pending)
        {
            var (dependency, node) = SchemeVariants.DependencyNodes(outcome.Root!).First(d => waiting.ContainsKey(d.Id));
            var file = outcome.Source.Name;
            var cycle = outcome.Id is null ? null : CycleFrom(outcome.Id, id => WaitsFor(waiting[id]));
            var text = cycle is null ? null : string.Join(" → ", cycle.Select(id => $"“{id}”"));
            var message = text is not null
                ? $"方案之间相互扩展或引用，形成循环：{text} (schemes extend or link each other in a cycle: {text})"
                : $"方案“{dependency}”处于扩展或引用的循环中，本方案无法编译 (scheme '{dependency}' is on a cycle of schemes that extend or link each other, so this one cannot be compiled)";
            outcome.Problems.Add(new SchemeDiagnostic(DiagnosticCodes.Cycle, message, node.Location(file)));
        }
    }

    /// <summary>The ids of a cycle from <paramref name="start"/> back to it (both ends included), or null when it is on none.</summary>
    private static List<string>? CycleFrom(string start, Func<string, List<string>> next)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var to in next(id))
            {
                if (to == start)
                {
                    var path = new List<string> { start };
                    for (var at = id; at != start; at = parent[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if (to != start && parent.TryAdd(to, id))
                {
                    queue.Enqueue(to);
                }
            }
        }

        return null;
    }

    /// <summary>The JSON texts of the shipped schemes, named by resource, in name order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ShippedSources()
    {
        var assembly = typeof(SchemeCatalogue).Assembly;
        var sources = new List<KeyValuePair<string, string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ShippedResourcePrefix, StringComparison.Ordinal) && !IsSchemaFile(n)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            sources.Add(new(name, reader.ReadToEnd()));
        }

        return sources;
    }

    private static SchemeCatalogue LoadShipped() => Load(ShippedSources());
}

/// <summary>What compiling one source of a catalogue gave: its scheme, or its problems.</summary>
internal sealed class SchemeOutcome(SchemeSource source)
{
    public SchemeSource Source { get; } = source;

    /// <summary>The source's JSON tree; null when it could not be read (or was left out).</summary>
    public JsonNode? Root { get; set; }

    /// <summary>The scheme id the source declares, when it declares one.</summary>
    public string? Id { get; set; }

    /// <summary>The compiled scheme; null when the source has problems.</summary>
    public GradingScheme? Scheme { get; set; }

    /// <summary>The source's problems, in file order.</summary>
    public List<SchemeDiagnostic> Problems { get; } = [];
}
