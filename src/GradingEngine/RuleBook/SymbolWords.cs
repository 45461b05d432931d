using GradingEngine.Expressions;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;

namespace GradingEngine.RuleBook;

/// <summary>
/// How a rule book names what an expression reads: the Chinese label instead of the id, the unit of an input or a
/// value, the value of a policy constant (<c>支部委员会每年应召开次数（12 次）</c>) and whether a list holds members.
/// </summary>
internal sealed class SymbolWords
{
    private readonly CheckedScheme _scheme;
    private readonly IReadOnlyDictionary<string, string> _constants;

    /// <param name="scheme">The checked scheme whose names these are.</param>
    /// <param name="constants">The values that are a constant written in the scheme, by id, with the constant in words.</param>
    public SymbolWords(CheckedScheme scheme, IReadOnlyDictionary<string, string> constants)
    {
        _scheme = scheme;
        _constants = constants;
    }

    /// <summary>The name a reader sees: the label, else the id.</summary>
    public static string Name(Symbol symbol) => symbol.DisplayName;

    /// <summary>The name, followed by the constant's value when the symbol is a policy constant of this scheme.</summary>
    public string NameWithValue(Symbol symbol) =>
        symbol.Owner is ValueDefinition value && _constants.TryGetValue(value.Id, out var constant)
            ? $"{Name(symbol)}（{constant}）"
            : Name(symbol);

    /// <summary>The constant's value in words when the symbol is a policy constant of this scheme (<c>10 分</c>), else null.</summary>
    public string? Constant(Symbol symbol) =>
        symbol.Owner is ValueDefinition value && _constants.TryGetValue(value.Id, out var constant) ? constant : null;

    /// <summary>The unit of what the symbol holds (次, 人, 分 …), or null.</summary>
    public string? Unit(Symbol symbol) => UnitIn(_scheme, symbol, 0);

    /// <summary>Whether a list holds Party members (counted in 人).</summary>
    public bool IsMemberList(Symbol list) =>
        _scheme.Inputs.Any(i => i.Linked is { Subject: SubjectKind.Member } linked && ReferenceEquals(linked.Scope, list.Type.Shape));

    private static string? UnitIn(CheckedScheme scheme, Symbol symbol, int depth)
    {
        switch (symbol.Owner)
        {
            case InputDefinition { Type: InputType.Subject } subject when depth < 8:
                // A linked subject's value copied into this scheme: the unit the linked scheme gives it.
                var linked = scheme.Inputs.FirstOrDefault(i => i.Id == subject.Id)?.Linked;
                return linked?.Scope.Lookup(symbol.Name) is { } source && !ReferenceEquals(source, symbol) ? UnitIn(linked, source, depth + 1) : null;
            case InputDefinition input:
                return input.Unit;
            case ValueDefinition value:
                return value.Unit;
            case ItemDefinition or RatingDefinition:
                return "分";
            default:
                return symbol.Name is "total" ? "分" : null;
        }
    }
}
