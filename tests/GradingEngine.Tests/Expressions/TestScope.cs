using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

/// <summary>A symbol scope (and record shape) for tests, allocating slots from its own layout.</summary>
internal sealed class TestScope : IRecordShape
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public TestScope(string name, FactLayout? layout = null)
    {
        Name = name;
        Layout = layout ?? new FactLayout();
    }

    public string Name { get; }

    public FactLayout Layout { get; }

    public IEnumerable<string> Names => _names;

    public Symbol this[string name] => _symbols[name];

    public Symbol? Lookup(string name) => _symbols.GetValueOrDefault(name);

    public Symbol Add(string name, ExprType type)
    {
        var symbol = type.Kind == ValueKind.Record
            ? new Symbol(name, type)
            : new Symbol(name, type, Layout.Allocate(type.Storage));
        _symbols.Add(name, symbol);
        _names.Add(name);
        return symbol;
    }

    /// <summary>A record whose members live in this scope's layout (the same frame).</summary>
    public Symbol AddRecord(string name, params string[] numberMembers)
    {
        var members = new TestScope(name, Layout);
        foreach (var member in numberMembers)
        {
            members.Add(member, ExprType.Number);
        }

        return Add(name, ExprType.Record(members));
    }

    /// <summary>A number that is also reachable by parts, like a rating whose bare name is its composite score.</summary>
    public Symbol AddComposite(string name, params string[] numberMembers)
    {
        var members = new TestScope(name, Layout);
        foreach (var member in numberMembers)
        {
            members.Add(member, ExprType.Number);
        }

        var symbol = new Symbol(name, ExprType.Number, Layout.Allocate(StorageKind.Number)) { Members = members };
        _symbols.Add(name, symbol);
        _names.Add(name);
        return symbol;
    }

    public FactFrame NewFrame() => Layout.NewFrame();
}
