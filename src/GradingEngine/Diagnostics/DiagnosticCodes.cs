namespace GradingEngine.Diagnostics;

/// <summary>The stable codes of scheme diagnostics, grouped by the stage that reports them.</summary>
public static class DiagnosticCodes
{
    // GE1xxx: the JSON text itself.
    /// <summary>The file is not well-formed JSON.</summary>
    public const string JsonSyntax = "GE1001";
    /// <summary>The same property appears twice in one object.</summary>
    public const string DuplicateProperty = "GE1002";
    /// <summary>The JSON is nested deeper than the loader allows.</summary>
    public const string JsonTooDeep = "GE1003";
    /// <summary>The file is larger than the loader allows.</summary>
    public const string JsonTooLarge = "GE1004";
    /// <summary>The file is not UTF-8, or holds a NUL, an unpaired surrogate or U+FFFD.</summary>
    public const string InvalidText = "GE1005";

    // GE2xxx: the scheme's structure.
    /// <summary>A property the scheme format does not define.</summary>
    public const string UnknownProperty = "GE2001";
    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "GE2002";
    /// <summary>A property has the wrong JSON type or an invalid value.</summary>
    public const string InvalidValue = "GE2003";
    /// <summary>Two declarations share an id.</summary>
    public const string DuplicateId = "GE2004";
    /// <summary>A reference to an item, level, flag, value or rater that is not declared.</summary>
    public const string UnknownReference = "GE2005";
    /// <summary>Rater weights do not sum to 1.</summary>
    public const string WeightsDoNotSumToOne = "GE2006";
    /// <summary>An id uses a name reserved by the engine.</summary>
    public const string ReservedName = "GE2007";
    /// <summary>Two versions of one scheme id are in force on the same day (their <c>effective</c> periods overlap).</summary>
    public const string VersionsOverlap = "GE2008";

    // GE3xxx: expressions.
    /// <summary>The expression text cannot be parsed.</summary>
    public const string ExpressionSyntax = "GE3001";
    /// <summary>A name in an expression is not declared.</summary>
    public const string UndefinedName = "GE3002";
    /// <summary>An operator or function is applied to values of the wrong type.</summary>
    public const string TypeMismatch = "GE3003";
    /// <summary>An unknown function, or a known one with the wrong number of arguments.</summary>
    public const string BadFunctionCall = "GE3004";
    /// <summary>The expression is longer or more deeply nested than allowed.</summary>
    public const string ExpressionTooComplex = "GE3005";
    /// <summary>A text literal compared with an enumeration is not one of its values.</summary>
    public const string UnknownEnumValue = "GE3006";

    // GE5xxx: golden case files (grading test).
    /// <summary>A case file is not well-formed: bad JSON, an unknown or missing property, a duplicate case name.</summary>
    public const string CaseFileFormat = "GE5001";
    /// <summary>A case's input does not fit its scheme: an unknown input, a value of the wrong type or out of range.</summary>
    public const string CaseInput = "GE5002";
    /// <summary>A case's expectation names what its scheme does not have (an item, level, flag or value), or has the wrong type.</summary>
    public const string CaseExpectation = "GE5003";

    // GE4xxx: the scheme as a whole.
    /// <summary>Values and rules depend on each other in a cycle.</summary>
    public const string Cycle = "GE4001";
}
