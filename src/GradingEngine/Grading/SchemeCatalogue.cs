using System.Diagnostics.CodeAnalysis;
using GradingEngine.Diagnostics;

namespace GradingEngine.Grading;

/// <summary>
/// A set of compiled schemes looked up by id, typically every <c>*.json</c> file of a folder.
/// Immutable and thread-safe.
/// </summary>
public sealed class SchemeCatalogue
{
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

    /// <summary>Every scheme, ordered by id.</summary>
    public IReadOnlyList<GradingScheme> All => _schemes.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>The scheme with this id.</summary>
    /// <exception cref="KeyNotFoundException">No scheme has this id; the message lists the ids there are.</exception>
    public GradingScheme this[string id] =>
        _schemes.TryGetValue(id, out var scheme)
            ? scheme
            : throw new KeyNotFoundException($"No scheme '{id}' in the catalogue; it has: {string.Join(", ", _schemes.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>Looks a scheme up by id.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out GradingScheme? scheme) => _schemes.TryGetValue(id, out scheme);

    /// <summary>
    /// Loads every <c>*.json</c> file of a folder (not its sub-folders), in file-name order.
    /// </summary>
    /// <exception cref="SchemeLoadException">Some files have problems: every problem of every file is listed.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static SchemeCatalogue LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Scheme folder not found: {Path.GetFullPath(folder)}");
        }

        var schemes = new List<GradingScheme>();
        var problems = new List<SchemeDiagnostic>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (GradingScheme.TryParse(File.ReadAllText(file), file, out var scheme, out var diagnostics))
            {
                schemes.Add(scheme);
            }
            else
            {
                problems.AddRange(diagnostics);
            }
        }

        return problems.Count > 0 ? throw new SchemeLoadException(problems) : new SchemeCatalogue(schemes);
    }
}
