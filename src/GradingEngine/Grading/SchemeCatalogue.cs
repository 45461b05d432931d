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
    /// Loads every <c>*.json</c> file of a folder (not its sub-folders). Schemes that extend or link others are
    /// compiled after them, whatever the file order.
    /// </summary>
    /// <exception cref="SchemeLoadException">Some files have problems: every problem of every file is listed.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static SchemeCatalogue LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Scheme folder not found: {Path.GetFullPath(folder)}");
        }

        return Load(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => new KeyValuePair<string, string>(f, File.ReadAllText(f))));
    }

    /// <summary>
    /// Loads schemes from JSON texts, each named by its source (a file name, a resource name) for messages. Schemes
    /// that extend or link others are compiled after them, whatever the order given.
    /// </summary>
    /// <exception cref="SchemeLoadException">Some texts have problems: every problem of every one is listed.</exception>
    public static SchemeCatalogue Load(IEnumerable<KeyValuePair<string, string>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<SchemeDiagnostic>();
        var files = new List<(string File, JsonNode Root, DiagnosticBag Bag, string Id)>();
        foreach (var (file, json) in sources)
        {
            var bag = new DiagnosticBag(file);
            var root = JsonTreeReader.Read(json, bag);
            if (root is JsonObjectNode o && o.Find("id")?.Value is JsonScalarNode { Value: string id })
            {
                files.Add((file, root, bag, id));
            }
            else if (root is not null)
            {
                root = null;
                bag.Add(DiagnosticCodes.MissingProperty, "方案缺少 id (the scheme has no 'id')", new SourceLocation(file, 1, 1, string.Empty));
            }

            problems.AddRange(bag.ToSortedList());
        }

        var compiled = new Dictionary<string, GradingScheme>(StringComparer.Ordinal);
        var pending = files.ToList();
        while (pending.Count > 0)
        {
            // Compile every file whose dependencies are compiled (or do not exist here: reported when compiling).
            var known = files.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var ready = pending.Where(f => SchemeVariants.Dependencies(f.Root).All(d => compiled.ContainsKey(d) || !known.Contains(d) || !pending.Any(p => p.Id == d))).ToList();
            if (ready.Count == 0)
            {
                foreach (var (file, root, _, id) in pending)
                {
                    problems.Add(new SchemeDiagnostic(DiagnosticCodes.Cycle,
                        $"方案“{id}”与其他方案相互扩展或引用，形成循环 (scheme '{id}' extends or links schemes that depend on it)",
                        root.Location(file)));
                }

                break;
            }

            foreach (var file in ready)
            {
                pending.Remove(file);
                var bag = new DiagnosticBag(file.File);
                if (GradingScheme.Compile(file.Root, bag, id => compiled.GetValueOrDefault(id)) is { } scheme && !compiled.TryAdd(scheme.Id, scheme))
                {
                    bag.Add(DiagnosticCodes.DuplicateId, $"另一文件已声明方案 id“{scheme.Id}” (another file already declares scheme id '{scheme.Id}')", file.Root.Location(file.File));
                }

                problems.AddRange(bag.ToSortedList());
            }
        }

        return problems.Count > 0 ? throw new SchemeLoadException(problems) : new SchemeCatalogue(compiled.Values);
    }

    /// <summary>The JSON texts of the shipped schemes, named by resource, in name order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ShippedSources()
    {
        var assembly = typeof(SchemeCatalogue).Assembly;
        var sources = new List<KeyValuePair<string, string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ShippedResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            sources.Add(new(name, reader.ReadToEnd()));
        }

        return sources;
    }

    private static SchemeCatalogue LoadShipped() => Load(ShippedSources());
}
