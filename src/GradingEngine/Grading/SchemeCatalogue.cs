using System.Diagnostics.CodeAnalysis;
using GradingEngine.Diagnostics;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Grading;

/// <summary>
/// A set of compiled schemes looked up by id, typically every <c>*.json</c> file of a folder. A folder may hold
/// several versions of one scheme id, each in force on its own days (<c>"effective"</c>): <see cref="InForce"/> gives
/// the schemes in force on a grading date, each linking the versions of its member and team schemes in force on that
/// same date. Immutable and thread-safe.
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

    /// <summary>Every scheme with the days it is in force in this catalogue (one id at most once on any day).</summary>
    private readonly IReadOnlyList<CatalogueEntry> _entries;

    /// <summary>The ids that have one scheme for every day they have any, with that scheme.</summary>
    private readonly Dictionary<string, GradingScheme> _schemes = new(StringComparer.Ordinal);

    /// <summary>The ids whose scheme depends on the date (several versions, or links to versions that change).</summary>
    private readonly HashSet<string> _dated = new(StringComparer.Ordinal);

    /// <summary>Schemes that cannot grade on some days because a scheme they extend or link has no version in force then.</summary>
    private readonly IReadOnlyList<UnavailableScheme> _unavailable;

    /// <summary>
    /// Creates a catalogue of the given schemes. Schemes may share an id when they are versions in force on different
    /// days (<see cref="GradingScheme.EffectiveFrom"/>, <see cref="GradingScheme.EffectiveTo"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Two schemes share an id and are in force on the same day.</exception>
    public SchemeCatalogue(IEnumerable<GradingScheme> schemes)
        : this(Entries(schemes), [])
    {
    }

    private SchemeCatalogue(IReadOnlyList<CatalogueEntry> entries, IReadOnlyList<UnavailableScheme> unavailable)
    {
        _entries = entries;
        _unavailable = unavailable;
        foreach (var group in entries.GroupBy(e => e.Scheme.Id, StringComparer.Ordinal))
        {
            var distinct = group.Select(e => e.Scheme).Distinct().ToList();
            if (distinct.Count == 1)
            {
                _schemes[group.Key] = distinct[0];
            }
            else
            {
                _dated.Add(group.Key);
            }
        }
    }

    private static List<CatalogueEntry> Entries(IEnumerable<GradingScheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        var entries = new List<CatalogueEntry>();
        foreach (var scheme in schemes)
        {
            var days = new EffectivePeriod(scheme.EffectiveFrom, scheme.EffectiveTo);
            foreach (var other in entries.Where(e => e.Scheme.Id == scheme.Id))
            {
                if (other.Days.Overlap(days) is { } overlap)
                {
                    throw new ArgumentException(
                        other.Days.IsDated || days.IsDated
                            ? $"Two schemes have the id '{scheme.Id}' and are both in force on {overlap}."
                            : $"Two schemes have the id '{scheme.Id}'.",
                        nameof(schemes));
                }
            }

            entries.Add(new CatalogueEntry(scheme, days));
        }

        return entries;
    }

    /// <summary>
    /// The schemes shipped with the library, embedded in it and needing no folder: <c>member-wudai</c> (五带五争),
    /// <c>team-sihao</c> and <c>team-sihao-soe</c> (四好五强), <c>org-sanfenlei</c> (三分类三升级) and
    /// <c>org-fenlei-dingji</c> (分类定级). Loaded and compiled once, on first use, from any thread; e.g.
    /// <c>SchemeCatalogue.Shipped["org-sanfenlei"]</c>.
    /// </summary>
    public static SchemeCatalogue Shipped => s_shipped.Value;

    /// <summary>
    /// Every scheme, ordered by id, then by the first day in force. A scheme in force on days when the versions it
    /// links differ is listed once for each of them.
    /// </summary>
    public IReadOnlyList<GradingScheme> All => _entries
        .Select(e => e.Scheme).Distinct()
        .OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.EffectiveFrom ?? DateOnly.MinValue)
        .ToList();

    /// <summary>
    /// The scheme with this id, when it does not depend on the date (one version, linking one version of each scheme
    /// it links); otherwise pick the date with <see cref="InForce"/> or <see cref="Get"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No scheme has this id; the message lists the ids there are.</exception>
    /// <exception cref="InvalidOperationException">The id has several versions: which one depends on the date.</exception>
    public GradingScheme this[string id]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(id);
            if (_schemes.TryGetValue(id, out var scheme))
            {
                return scheme;
            }

            if (_dated.Contains(id))
            {
                throw new InvalidOperationException(
                    $"方案“{id}”有多个版本，按评定日期选取：{Versions(id)} (scheme '{id}' has several versions; pick one by date with InForce(date) or Get(id, date))");
            }

            var note = _unavailable.FirstOrDefault(u => u.Id == id);
            throw new KeyNotFoundException(note is not null
                ? note.Message
                : $"No scheme '{id}' in the catalogue; it has: {string.Join(", ", Ids())}.");
        }
    }

    /// <summary>
    /// The schemes in force on <paramref name="date"/>: for each id, the version whose <c>effective</c> days include
    /// the date (a scheme without dates is in force every day), linking the versions of the schemes it links in force
    /// on the same date. An id with no version in force on the date is not in the view; asking the view for it says so.
    /// </summary>
    public SchemeCatalogue InForce(DateOnly date) =>
        new(_entries.Where(e => e.Days.Contains(date)).ToList(),
            _unavailable.Where(u => u.Days.Contains(date)).Select(u => u with { Date = date }).Concat(NotInForce(date)).ToList());

    /// <summary>The version of scheme <paramref name="id"/> in force on <paramref name="date"/>.</summary>
    /// <exception cref="KeyNotFoundException">
    /// No scheme has this id, or none of its versions is in force on the date (or a scheme it links has none): the
    /// message says which versions there are and the days each is in force.
    /// </exception>
    public GradingScheme Get(string id, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(id);
        return InForce(date)[id];
    }

    /// <summary>The same schemes graded by another back end (see <see cref="GradingScheme.WithBackEnd"/>).</summary>
    public SchemeCatalogue WithBackEnd(BackEnds.GradingBackEnd backEnd)
    {
        ArgumentNullException.ThrowIfNull(backEnd);
        var converted = new Dictionary<GradingScheme, GradingScheme>();
        return new SchemeCatalogue(
            _entries.Select(e => e with { Scheme = converted.TryGetValue(e.Scheme, out var s) ? s : converted[e.Scheme] = e.Scheme.WithBackEnd(backEnd) }).ToList(),
            _unavailable);
    }

    /// <summary>Looks a scheme up by id; false when there is none, or when it has several versions (see <see cref="InForce"/>).</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out GradingScheme? scheme) => _schemes.TryGetValue(id, out scheme);

    /// <summary>Why this catalogue (a view of one date) has no scheme <paramref name="id"/> that some date has; null when that is not the case.</summary>
    internal string? WhyNotInForce(string id) => _unavailable.FirstOrDefault(u => u.Id == id)?.Message;

    private IEnumerable<string> Ids() => _schemes.Keys.Concat(_dated).Order(StringComparer.Ordinal);

    /// <summary>Each version of <paramref name="id"/> with its days and file.</summary>
    private string Versions(string id) => string.Join("；", _entries.Where(e => e.Scheme.Id == id)
        .Select(e => $"版本 {e.Scheme.Version}（{e.Days}，{e.Scheme.SourceName}）"));

    /// <summary>Why each id of this catalogue that has no version in force on <paramref name="date"/> cannot grade then.</summary>
    private IEnumerable<UnavailableScheme> NotInForce(DateOnly date) =>
        _entries.GroupBy(e => e.Scheme.Id, StringComparer.Ordinal)
            .Where(g => !g.Any(e => e.Days.Contains(date)) && !_unavailable.Any(u => u.Id == g.Key && u.Days.Contains(date)))
            .Select(g => new UnavailableScheme(g.Key, EffectivePeriod.Always,
                $"没有在该日生效的版本，已有：{Versions(g.Key)} (no version is in force on that day)") { Date = date });

    /// <summary>
    /// Loads every <c>*.json</c> file of a folder (not its sub-folders; the extension in any case, <c>.JSON</c>
    /// too) except JSON Schema files (<c>*.schema.json</c>, such as the format's <c>scheme.schema.json</c>). Schemes
    /// that extend or link others are compiled after them, whatever the file order. Files are UTF-8: bytes that are not
    /// are reported with their position. Several versions of one id may be in the folder, each in force on other days
    /// (two versions in force on one day are a problem, <c>GE2008</c>).
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
        var build = Build(sources);
        var problems = build.Outcomes.SelectMany(o => o.Problems).ToList();
        return problems.Count > 0 ? throw new SchemeLoadException(problems) : new SchemeCatalogue(build.Entries, build.Unavailable);
    }

    /// <summary>
    /// The schemes of several catalogues together, each with the days it has in its own (a folder's versions keep
    /// linking the versions of their own folder).
    /// </summary>
    /// <exception cref="ArgumentException">Two of them have a scheme of one id in force on the same day.</exception>
    internal static SchemeCatalogue Combine(IReadOnlyList<SchemeCatalogue> catalogues)
    {
        var entries = new List<CatalogueEntry>();
        foreach (var entry in catalogues.SelectMany(c => c._entries))
        {
            if (entries.FirstOrDefault(e => e.Scheme.Id == entry.Scheme.Id && e.Days.Overlap(entry.Days) is not null) is { Scheme: not null } clash)
            {
                throw new ArgumentException(clash.Days.IsDated || entry.Days.IsDated
                    ? $"Two schemes have the id '{entry.Scheme.Id}' and are both in force on {clash.Days.Overlap(entry.Days)}."
                    : $"Two schemes have the id '{entry.Scheme.Id}'.", nameof(catalogues));
            }

            entries.Add(entry);
        }

        return new SchemeCatalogue(entries, catalogues.SelectMany(c => c._unavailable).ToList());
    }

    /// <summary>The catalogue of what a build compiled (its sources' problems aside).</summary>
    internal static SchemeCatalogue FromBuild(CatalogueBuild build) => new(build.Entries, build.Unavailable);

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
    internal static IReadOnlyList<SchemeOutcome> Compile(IReadOnlyList<SchemeSource> sources, SchemeSource? preferred = null) =>
        Build(sources, preferred).Outcomes;

    /// <summary>
    /// Reads every source, checks that no two versions of one id are in force on the same day, and compiles the
    /// sources once for each run of days on which the same versions are in force (a source is compiled again only
    /// when a scheme it extends or links is another version), so that each links the versions in force with it.
    /// </summary>
    internal static CatalogueBuild Build(IReadOnlyList<SchemeSource> sources, SchemeSource? preferred = null)
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
                outcome.Days = EffectivePeriod.Peek(o);
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

        var live = outcomes.Where(o => o.Root is not null).ToList();
        ReportOverlappingVersions(live);
        var build = new CatalogueBuild(outcomes);
        var known = live.Where(o => o.Id is not null).Select(o => o.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var days in Periods(live))
        {
            CompileInForce(live.Where(o => o.Days.Overlap(days) is not null).ToList(), days, known, build);
        }

        return build;
    }

    /// <summary>Reports, at the later source, each two versions of one id in force on a common day.</summary>
    private static void ReportOverlappingVersions(List<SchemeOutcome> live)
    {
        foreach (var group in live.Where(o => o.Id is not null).GroupBy(o => o.Id!, StringComparer.Ordinal))
        {
            var versions = group.ToList();
            for (var j = 1; j < versions.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    var (first, second) = (versions[i], versions[j]);
                    if ((first.Days.IsDated || second.Days.IsDated) && first.Days.Overlap(second.Days) is { } overlap)
                    {
                        var root = (JsonObjectNode)second.Root!;
                        var where = root.Find(EffectivePeriod.Property)?.Value ?? root.Find("id")?.Value ?? root;
                        second.Report(new SchemeDiagnostic(DiagnosticCodes.VersionsOverlap,
                            $"方案“{group.Key}”的两个版本在 {overlap} 同时生效：{first.Source.Name}（{first.Days}）与 {second.Source.Name}（{second.Days}） " +
                            $"(two versions of scheme '{group.Key}' are both in force on {overlap}: {first.Source.Name} and {second.Source.Name})",
                            where.Location(second.Source.Name)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The runs of days on which the same sources are in force, in date order: every day when no source names
    /// dates, else cut at each source's first day and the day after its last.
    /// </summary>
    private static List<EffectivePeriod> Periods(List<SchemeOutcome> live)
    {
        var cuts = new SortedSet<DateOnly>();
        foreach (var days in live.Select(o => o.Days))
        {
            if (days.From is { } from)
            {
                cuts.Add(from);
            }

            if (days.To is { } to && to < DateOnly.MaxValue)
            {
                cuts.Add(to.AddDays(1));
            }
        }

        var periods = new List<EffectivePeriod>();
        DateOnly? start = null;
        foreach (var cut in cuts)
        {
            if (cut > DateOnly.MinValue && (start is null || cut > start))
            {
                periods.Add(new EffectivePeriod(start, cut.AddDays(-1)));
            }

            start = cut;
        }

        periods.Add(new EffectivePeriod(start, null));
        return periods;
    }

    /// <summary>
    /// Compiles the sources in force on <paramref name="days"/> in dependency order, each linking the schemes
    /// compiled for these days; a source compiled before against the same schemes is not compiled again.
    /// </summary>
    private static void CompileInForce(List<SchemeOutcome> inForce, EffectivePeriod days, HashSet<string> known, CatalogueBuild build)
    {
        var compiled = new Dictionary<string, GradingScheme>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = inForce.ToList();
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
                var dependencies = SchemeVariants.Dependencies(outcome.Root!).Distinct(StringComparer.Ordinal).ToList();
                if (dependencies.FirstOrDefault(d => known.Contains(d) && !compiled.ContainsKey(d) && !failed.ContainsKey(d)) is { } missing)
                {
                    // Declared in the folder, but no version of it is in force on these days.
                    build.Unavailable.Add(new UnavailableScheme(outcome.Id ?? outcome.Source.Name, days,
                        $"它扩展或引用的方案“{missing}”在这些日子没有生效的版本（{outcome.Source.Name}） (the scheme it extends or links, '{missing}', has no version in force then)"));
                    continue;
                }

                var linked = dependencies.Select(d => compiled.GetValueOrDefault(d)).ToArray();
                var scheme = outcome.CompiledAgainst(linked, () =>
                {
                    var bag = new DiagnosticBag(outcome.Source.Name);
                    var result = GradingScheme.Compile(outcome.Root!, bag, id => compiled.GetValueOrDefault(id), id => failed.GetValueOrDefault(id));
                    foreach (var problem in bag.ToSortedList())
                    {
                        outcome.Report(problem);
                    }

                    return result;
                });

                if (scheme is not null && !compiled.TryAdd(scheme.Id, scheme))
                {
                    if (!outcome.Days.IsDated && compiled[scheme.Id] is { EffectiveFrom: null, EffectiveTo: null })
                    {
                        var where = (outcome.Root as JsonObjectNode)?.Find("id")?.Value ?? outcome.Root!;
                        outcome.Report(new SchemeDiagnostic(DiagnosticCodes.DuplicateId,
                            $"另一文件已声明方案 id“{scheme.Id}” (another file already declares scheme id '{scheme.Id}')", where.Location(outcome.Source.Name)));
                    }

                    scheme = null;
                }
                else if (scheme is not null)
                {
                    build.Add(scheme, days);
                }

                if (scheme is null && outcome.Id is not null)
                {
                    failed.TryAdd(outcome.Id, outcome.Source.Name);
                }

                outcome.Scheme ??= scheme;
            }
        }
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
            outcome.Report(new SchemeDiagnostic(DiagnosticCodes.Cycle, message, node.Location(file)));
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

    /// <summary>The days the source says it is in force.</summary>
    public EffectivePeriod Days { get; set; }

    /// <summary>The scheme compiled against each set of linked schemes so far (one set unless they change with the date).</summary>
    private List<(GradingScheme?[] Linked, GradingScheme? Scheme)> Compilations { get; } = [];

    /// <summary>The scheme compiled against <paramref name="linked"/> (by reference), compiling it the first time.</summary>
    public GradingScheme? CompiledAgainst(GradingScheme?[] linked, Func<GradingScheme?> compile)
    {
        foreach (var (previous, scheme) in Compilations)
        {
            if (previous.Length == linked.Length && previous.Zip(linked).All(p => ReferenceEquals(p.First, p.Second)))
            {
                return scheme;
            }
        }

        var compiled = compile();
        Compilations.Add((linked, compiled));
        return compiled;
    }

    /// <summary>Adds a problem unless the same one is already listed (a source compiled for several periods).</summary>
    public void Report(SchemeDiagnostic problem)
    {
        if (!Problems.Contains(problem))
        {
            Problems.Add(problem);
        }
    }
}

/// <summary>A scheme with the days it is in force in a catalogue.</summary>
/// <param name="Scheme">The compiled scheme.</param>
/// <param name="Days">The days, within those its file names, on which it is this scheme (linking these versions).</param>
internal readonly record struct CatalogueEntry(GradingScheme Scheme, EffectivePeriod Days);

/// <summary>Why a scheme of a catalogue cannot grade on some days.</summary>
/// <param name="Id">The scheme's id.</param>
/// <param name="Days">The days.</param>
/// <param name="Reason">Why, in Chinese with an English gloss.</param>
internal sealed record UnavailableScheme(string Id, EffectivePeriod Days, string Reason)
{
    /// <summary>The grading date asked for, when known.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The whole message.</summary>
    public string Message => Date is { } date
        ? $"方案“{Id}”在 {EffectivePeriod.Text(date)} 不能评定：{Reason} (scheme '{Id}' cannot grade on {EffectivePeriod.Text(date)})"
        : $"方案“{Id}”在 {Days} 不能评定：{Reason} (scheme '{Id}' cannot grade on these days)";
}

/// <summary>What building a catalogue from sources gave: each source's outcome, the schemes and their days.</summary>
internal sealed class CatalogueBuild(IReadOnlyList<SchemeOutcome> outcomes)
{
    private readonly Dictionary<GradingScheme, int> _last = [];

    public IReadOnlyList<SchemeOutcome> Outcomes { get; } = outcomes;

    /// <summary>The schemes with their days; a scheme in force on consecutive periods has one entry.</summary>
    public List<CatalogueEntry> Entries { get; } = [];

    public List<UnavailableScheme> Unavailable { get; } = [];

    /// <summary>Adds a scheme for a period, joining it to the scheme's entry for the period just before.</summary>
    public void Add(GradingScheme scheme, EffectivePeriod days)
    {
        if (_last.TryGetValue(scheme, out var at) && Entries[at].Days.To is { } to && days.From is { } from && to.AddDays(1) == from)
        {
            Entries[at] = Entries[at] with { Days = Entries[at].Days with { To = days.To } };
            return;
        }

        _last[scheme] = Entries.Count;
        Entries.Add(new CatalogueEntry(scheme, days));
    }
}
