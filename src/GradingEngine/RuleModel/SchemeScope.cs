using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.RuleModel;

/// <summary>
/// The names a scheme's expressions can use, each bound to a slot of the scheme's <see cref="FactLayout"/>.
/// Built once by the compiler; read-only afterwards.
/// </summary>
internal class SchemeScope : IRecordShape
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);

    public SchemeScope(string name, FactLayout layout)
    {
        Name = name;
        Layout = layout;
    }

    public string Name { get; }

    public FactLayout Layout { get; }

    public virtual IEnumerable<string> Names => _symbols.Keys;

    public virtual Symbol? Lookup(string name) => _symbols.GetValueOrDefault(name);

    public bool Contains(string name) => _symbols.ContainsKey(name);

    /// <summary>Declares a name with a new slot of the type's storage.</summary>
    public Symbol Declare(string name, ExprType type, string? label, object? owner)
    {
        var symbol = new Symbol(name, type, Layout.Allocate(type.Storage), label, owner);
        _symbols.TryAdd(name, symbol); // a duplicate id is reported by the compiler; the first declaration wins
        return symbol;
    }

    /// <summary>Declares a name for an existing symbol (an alias such as 总分 for total).</summary>
    public void Alias(string name, Symbol symbol) => _symbols.TryAdd(name, symbol);

    /// <summary>Declares a record symbol whose members live in this scope's frame.</summary>
    public void DeclareRecord(Symbol record) => _symbols.TryAdd(record.Name, record);
}

/// <summary>The members of a record symbol, such as the rater scores of one rating.</summary>
internal sealed class RecordMembers(string name) : IRecordShape
{
    private readonly Dictionary<string, Symbol> _members = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public IEnumerable<string> Names => _members.Keys;

    public Symbol? Lookup(string name) => _members.GetValueOrDefault(name);

    public void Add(Symbol member) => _members.Add(member.Name, member);
}
