namespace GradingEngine.Expressions;

/// <summary>The kinds of value the expression language knows.</summary>
public enum ValueKind
{
    /// <summary>A real number (double precision).</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>Text.</summary>
    Text,
    /// <summary>A calendar date.</summary>
    Date,
    /// <summary>One of a declared, closed set of text values.</summary>
    Enumeration,
    /// <summary>A list of child subjects.</summary>
    List,
    /// <summary>A group of named values reached with member access, e.g. a rating's rater scores.</summary>
    Record,
}

/// <summary>The static type of an expression or a declared value. Instances are immutable.</summary>
internal sealed class ExprType
{
    private ExprType(ValueKind kind, string name, IReadOnlyList<string>? enumValues, IRecordShape? shape)
    {
        Kind = kind;
        Name = name;
        EnumValues = enumValues ?? [];
        Shape = shape;
    }

    public ValueKind Kind { get; }

    /// <summary>A name for messages: <c>number</c>, <c>enumeration 等级</c>, <c>list of 党员</c> …</summary>
    public string Name { get; }

    /// <summary>For enumerations: the allowed values in declaration order; the ordinal is the stored number.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>For lists: the shape of each child; for records: the members.</summary>
    public IRecordShape? Shape { get; }

    public static readonly ExprType Number = new(ValueKind.Number, "number", null, null);
    public static readonly ExprType Integer = new(ValueKind.Integer, "integer", null, null);
    public static readonly ExprType Boolean = new(ValueKind.Boolean, "boolean", null, null);
    public static readonly ExprType Text = new(ValueKind.Text, "text", null, null);
    public static readonly ExprType Date = new(ValueKind.Date, "date", null, null);

    /// <summary>An enumeration type; two enumeration types are the same type only if they are the same instance.</summary>
    public static ExprType Enumeration(string name, IReadOnlyList<string> values) =>
        new(ValueKind.Enumeration, $"enumeration {name}", values, null);

    /// <summary>A list whose children have the given shape.</summary>
    public static ExprType ListOf(IRecordShape child) => new(ValueKind.List, $"list of {child.Name}", null, child);

    /// <summary>A record whose members are reached with <c>.</c>.</summary>
    public static ExprType Record(IRecordShape members) => new(ValueKind.Record, members.Name, null, members);

    /// <summary>True for number and integer.</summary>
    public bool IsNumeric => Kind is ValueKind.Number or ValueKind.Integer;

    /// <summary>The storage a value of this type uses in a <see cref="Facts.FactFrame"/>.</summary>
    public Facts.StorageKind Storage => Kind switch
    {
        ValueKind.Boolean => Facts.StorageKind.Boolean,
        ValueKind.Text => Facts.StorageKind.Text,
        ValueKind.List => Facts.StorageKind.List,
        ValueKind.Record => throw new InvalidOperationException("A record has no storage of its own; its members do."),
        _ => Facts.StorageKind.Number,
    };

    /// <summary>Ordinal of an enumeration value, or -1.</summary>
    public int OrdinalOf(string value)
    {
        for (var i = 0; i < EnumValues.Count; i++)
        {
            if (string.Equals(EnumValues[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The named members of a list's child or a record.</summary>
internal interface IRecordShape : ISymbolScope
{
    /// <summary>A name for messages.</summary>
    string Name { get; }
}
