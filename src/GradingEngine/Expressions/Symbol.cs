using GradingEngine.Facts;

namespace GradingEngine.Expressions;

/// <summary>
/// A name an expression can use: an input, a computed value, a rating, an item score, a flag, a built-in.
/// The binder resolves identifiers to symbols; the compiler reads the symbol's slot.
/// </summary>
internal sealed class Symbol
{
    public Symbol(string name, ExprType type, Slot slot, string? label = null, object? owner = null)
    {
        Name = name;
        Type = type;
        Slot = slot;
        Label = label;
        Owner = owner;
    }

    /// <summary>A record symbol (e.g. a rating whose raters are members): it has no slot, only members.</summary>
    public Symbol(string name, ExprType recordType, string? label = null, object? owner = null)
    {
        Name = name;
        Type = recordType;
        Slot = default;
        Label = label;
        Owner = owner;
    }

    /// <summary>The identifier as written in schemes.</summary>
    public string Name { get; }

    /// <summary>Its static type.</summary>
    public ExprType Type { get; }

    /// <summary>Where its value lives in the frame of the subject that declares it.</summary>
    public Slot Slot { get; }

    /// <summary>The Chinese label shown to users, if any.</summary>
    public string? Label { get; }

    /// <summary>
    /// The declaration that produces the value (used by the rule compiler to build the dependency graph);
    /// opaque to the expression language.
    /// </summary>
    public object? Owner { get; }

    /// <summary>
    /// Parts of a value reached with member access while the value itself is also usable, e.g. a rating whose
    /// bare name is the weighted composite and whose rater scores are <c>政治素质好.自评</c>. Null for plain values.
    /// </summary>
    public IRecordShape? Members { get; init; }

    /// <summary>The label if there is one, otherwise the name.</summary>
    public string DisplayName => Label ?? Name;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Type} @ {Slot}";
}

/// <summary>Resolves names to symbols. Implementations are immutable once compilation starts.</summary>
internal interface ISymbolScope
{
    /// <summary>The symbol with this exact name, or null.</summary>
    Symbol? Lookup(string name);

    /// <summary>Every name visible in this scope (for "did you mean" suggestions).</summary>
    IEnumerable<string> Names { get; }
}

/// <summary>A problem in one expression; offsets are 0-based positions in the expression text.</summary>
/// <param name="Code">A <see cref="Diagnostics.DiagnosticCodes"/> value.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Start">0-based offset of the first offending character.</param>
/// <param name="Length">Number of offending characters (at least 1 where possible).</param>
internal sealed record ExpressionError(string Code, string Message, int Start, int Length);
