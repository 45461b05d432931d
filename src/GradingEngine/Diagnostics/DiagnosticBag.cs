namespace GradingEngine.Diagnostics;

/// <summary>Collects the problems of one scheme file so that loading can report all of them at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<SchemeDiagnostic> _items = [];

    public DiagnosticBag(string file) => File = file;

    /// <summary>The file the problems are in.</summary>
    public string File { get; }

    public bool HasErrors => _items.Count > 0;

    public int Count => _items.Count;

    public void Add(string code, string message, SourceLocation location, string? excerpt = null) =>
        _items.Add(new SchemeDiagnostic(code, message, location, excerpt));

    /// <summary>The problems sorted by position in the file (stable for problems at the same place).</summary>
    public IReadOnlyList<SchemeDiagnostic> ToSortedList() =>
        _items.Select((d, i) => (d, i))
            .OrderBy(p => p.d.Location.Line == 0 ? int.MaxValue : p.d.Location.Line)
            .ThenBy(p => p.d.Location.Column)
            .ThenBy(p => p.i)
            .Select(p => p.d)
            .ToList();
}
